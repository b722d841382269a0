/**
 * Extract a shared base stage: when two or more stages start from the same image with the same first
 * instructions, those move into one `base` stage and the stages start FROM it.
 */
import { Arg } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../model';
import { keywordOf } from '../model';
import { finish } from './multiStage';
import type { ConversionOutcome } from './types';
import { eolOf, splitLines } from '../text';
import { escapeRegExp } from '../text';
import { tooLargeToConvert } from './limits';

function norm(i: Stage['instructions'][number]): string {
  return `${keywordOf(i)} ${(i.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim()}`;
}

/** Stages that start from the same image, and how many of their first instructions they share. */
interface SharedPrefix {
  stages: Stage[];
  length: number;
}

export function extractBaseStage(model: DockerfileModel, name = 'base'): ConversionOutcome {
  const kind = 'extractBase' as const;
  const tooLarge = tooLargeToConvert(model, kind);
  if (tooLarge) return tooLarge;
  if (model.stages.length < 2) return { kind, reason: 'there is only one stage' };
  if (model.references.some((r) => r.numeric)) return { kind, reason: 'numeric --from references would shift: name the stages first' };
  const best = largestSharedPrefix(model);
  if (!best) return { kind, reason: 'no two stages share a base image and their first instructions' };
  let baseName = name;
  for (let n = 2; model.stagesByKey.has(baseName.toLowerCase()); n++) baseName = `${name}-${n}`;
  const changedLines = best.stages.map((s) => s.from.getRange().start.line);
  return finish(
    model,
    {},
    {
      kind,
      title: `Extract a shared '${baseName}' stage from ${best.stages.length} stages`,
      text: rewriteWithBase(model, best, baseName),
      notes: [`${best.length} instruction${best.length === 1 ? '' : 's'} repeated by ${best.stages.length} stages now run once, in '${baseName}'.`],
      placeholders: [],
      artifacts: [],
      configChanges: [],
    },
    { changedLines },
  );
}

/** Stages grouped by resolved base image: the group whose shared first instructions save the most. */
function largestSharedPrefix(model: DockerfileModel): SharedPrefix | undefined {
  const groups = new Map<string, Stage[]>();
  for (const s of model.stages) if (s.base.kind === 'image') groups.set(s.base.text, [...(groups.get(s.base.text) ?? []), s]);
  let best: SharedPrefix | undefined;
  for (const stages of [...groups.values()].filter((g) => g.length > 1)) {
    let length = 0;
    for (;;) {
      const first = stages[0].instructions[length + 1];
      if (!first || stages.some((s) => !s.instructions[length + 1] || norm(s.instructions[length + 1]) !== norm(first))) break;
      if (['CMD', 'ENTRYPOINT', 'COPY', 'ONBUILD'].includes(keywordOf(first)) && first.getTextContent().includes('--from')) break;
      length++;
    }
    if (length > 0 && (!best || length * stages.length > best.length * best.stages.length)) best = { stages, length };
  }
  return best;
}

/** The text with the shared instructions moved into a stage `baseName`, which the group's stages start FROM. */
function rewriteWithBase(model: DockerfileModel, best: SharedPrefix, baseName: string): string {
  const lines = splitLines(model.text);
  const out: string[] = [];
  const firstStage = best.stages[0];
  const shared = firstStage.instructions.slice(1, best.length + 1);
  const sharedArgs = shared.filter((i) => keywordOf(i) === 'ARG').flatMap((i) => (i as Arg).getProperties().map((p) => p.getName()));
  const members = new Set(best.stages.map((s) => s.index));
  let cursor = 0;
  for (const s of model.stages) {
    if (!members.has(s.index)) continue;
    const fromRange = s.from.getRange();
    out.push(...lines.slice(cursor, fromRange.start.line));
    const fromLines = [lines[fromRange.start.line].replace(s.base.text, baseName), ...lines.slice(fromRange.start.line + 1, fromRange.end.line + 1)];
    if (s === firstStage) {
      out.push(`# Shared base: the setup the stages ${best.stages.map((x) => x.name ?? x.index).join(', ')} repeated.`);
      out.push(`FROM ${s.base.text} AS ${baseName}`);
      const lastShared = shared[shared.length - 1].getRange().end.line;
      // The shared instructions with their comments, then the stage itself FROM base.
      out.push(...lines.slice(fromRange.end.line + 1, lastShared + 1), '', ...fromLines);
      cursor = lastShared + 1;
    } else {
      out.push(...fromLines);
      cursor = fromRange.end.line + 1;
      // Drop the repeated instructions, keep comment lines between them.
      for (const i of s.instructions.slice(1, best.length + 1)) {
        const r = i.getRange();
        out.push(...lines.slice(cursor, r.start.line));
        cursor = r.end.line + 1;
      }
    }
    const rest = s.instructions.slice(best.length + 1).map((i) => i.getTextContent()).join('\n');
    const redeclare = sharedArgs.filter((n) => new RegExp(`\\$\\{?${escapeRegExp(n)}\\b`).test(rest));
    if (redeclare.length) out.push(...redeclare.map((n) => `ARG ${n}`));
  }
  out.push(...lines.slice(cursor));
  return out.join(eolOf(model.text));
}
