/** The stage graph along FROM <stage>: a stage's chain of bases, and the stages built on a stage. */
import type { DockerfileModel, Stage } from './model';

/** The stages of the chain from the root of its bases to `stage` (following FROM <stage>), root first. */
export function chainOf(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [];
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.unshift(s);
    s = s.base.kind === 'stage' ? model.stages[s.base.stage] : undefined;
  }
  return out;
}

/** The stage and every stage built on it (FROM it, directly or through another), in file order. */
export function stagesBuiltOn(model: DockerfileModel, stage: Stage): Stage[] {
  const on = new Set([stage.index]);
  for (const s of model.stages) if (s.base.kind === 'stage' && on.has(s.base.stage)) on.add(s.index);
  return model.stages.filter((s) => on.has(s.index));
}
