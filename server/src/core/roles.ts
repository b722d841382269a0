/** The role of a stage in the build graph, and a plain summary of each stage for explanations. */
import { formatImageName } from './imageRef';
import type { DockerfileModel, Stage, StageReferenceKind } from './model';

export type StageRole = 'final' | 'base' | 'build' | 'unused';

/** final: what ships; base: other stages build FROM it; build: others copy/mount from it; unused: not reachable. */
export function stageRole(model: DockerfileModel, stage: Stage): StageRole {
  if (stage.isFinal) return 'final';
  if (!stage.reachable) return 'unused';
  const usedAsBase = stage.consumers.some((c) => model.stages[c].parent === stage.index);
  return usedAsBase ? 'base' : 'build';
}

export interface StageSummary {
  index: number;
  name: string | null;
  base: string;
  baseKind: 'image' | 'stage' | 'scratch' | 'missing';
  platform: string | null;
  role: StageRole;
  reachable: boolean;
  inCycle: boolean;
  line: number;
  dependencies: { stage: number | null; name: string | null; image: string | null; kind: StageReferenceKind; line: number }[];
  consumers: number[];
}

export function summarizeStages(model: DockerfileModel): StageSummary[] {
  return model.stages.map((stage) => ({
    index: stage.index,
    name: stage.name ?? null,
    base: stage.base.kind === 'image' ? (stage.base.name ? formatImageName(stage.base.name) : stage.base.resolvedText) : stage.base.text,
    baseKind: stage.base.kind,
    platform: stage.platform?.resolvedText ?? null,
    role: stageRole(model, stage),
    reachable: stage.reachable,
    inCycle: stage.inCycle,
    line: stage.from.getRange().start.line + 1,
    dependencies: stage.references.map((r) => ({
      stage: r.target ?? null,
      name: r.target !== undefined ? (model.stages[r.target].name ?? null) : null,
      image: r.target === undefined ? (r.image ? formatImageName(r.image) : r.resolvedText) : null,
      kind: r.kind,
      line: r.range.start.line + 1,
    })),
    consumers: [...stage.consumers],
  }));
}
