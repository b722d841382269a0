/** Small helpers shared by the rules: labels, ranges, edits, name similarity. */
import type { Instruction } from 'dockerfile-ast';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../model';
import type { RuleFix } from './types';

/** `stage 'builder'` or `stage 2` (unnamed). */
export function stageLabel(stage: Stage): string {
  return stage.name ? `stage '${stage.name}'` : `stage ${stage.index}`;
}

/** Where to point at a stage: its name, else its FROM keyword. */
export function stageAnchor(stage: Stage): Range {
  return stage.nameRange ?? stage.from.getInstructionRange();
}

export function keywordRange(instruction: Instruction): Range {
  return instruction.getInstructionRange();
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function insert(at: Range['start'], newText: string): TextEdit {
  return { range: { start: at, end: at }, newText };
}

export function fix(title: string, edits: TextEdit[], safe = true): RuleFix {
  return { title, edits, safe };
}

/** Levenshtein distance, bounded (returns max+1 when larger). */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest of `candidates` to `name` (case-insensitive), when it is a likely typo. */
export function closest(name: string, candidates: string[]): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(n, c.toLowerCase(), 2);
    const limit = Math.min(2, Math.floor(Math.max(n.length, c.length) / 3));
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Stages whose base chain is this external image repository (e.g. `golang`), following stage parents. */
export function imageRepository(model: DockerfileModel, stage: Stage): string | undefined {
  let s: Stage = stage;
  const seen = new Set<number>();
  while (s.base.kind === 'stage' && !seen.has(s.index)) {
    seen.add(s.index);
    s = model.stages[s.base.stage];
  }
  return s.base.kind === 'image' ? s.base.name?.repository : undefined;
}

/** The source arguments of a COPY/ADD (every argument but the destination). */
export function copySources(instruction: Instruction): ReturnType<Instruction['getArguments']> {
  const args = instruction.getArguments();
  return args.slice(0, Math.max(0, args.length - 1));
}

/** Whether a COPY/ADD source is the whole build context. */
export function isWholeContext(source: string): boolean {
  return /^(\.|\.\/|\.\/\.|\.\/\*|\*|\$\{?PWD\}?)$/.test(source);
}
