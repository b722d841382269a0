/** Small pieces of wording shared by the hovers: stage labels, what a COPY or a mount takes, base chains. */
import type { Instruction, JSONInstruction, Run } from 'dockerfile-ast';
import { formatImageName } from '../imageRef';
import { execArgs } from '../runtimeConfig';
import { DockerfileModel, keywordOf, Stage, StageReference, unquote } from '../model';
import { chainOf } from '../stageChain';

/** Inline code that survives backticks in the value. */
export function code(value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  const fence = v.includes('`') ? '``' : '`';
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

/** `stage 0 \`build\`` or `stage 2` for an unnamed stage. */
export function stageLabel(stage: Stage): string {
  return stage.name ? `stage ${stage.index} ${code(stage.name)}` : `stage ${stage.index}`;
}

/** 1-based line of an instruction, as editors show it. */
export function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

/** The arguments of COPY/ADD as values, exec (JSON) form or not, flags excluded. */
export function copyArguments(instruction: Instruction): string[] {
  const json = instruction as JSONInstruction;
  if (typeof json.getJSONStrings === 'function' && json.getOpeningBracket() && json.getClosingBracket()) {
    return execArgs(instruction) ?? json.getJSONStrings().map((s) => s.getJSONValue());
  }
  const args = instruction.getArguments().map((a) => a.getValue());
  // A heredoc COPY (`COPY <<EOF /dest`) has its body among the arguments: keep the first and the last.
  if (args.length && args[0].startsWith('<<')) return [args[0], args[args.length - 1]];
  return args;
}

export interface CopyTake {
  sources: string[];
  dest?: string;
}

/** What a COPY --from takes: its source paths and its destination. */
export function copyTake(instruction: Instruction): CopyTake {
  const args = copyArguments(instruction);
  if (args.length < 2) return { sources: args };
  return { sources: args.slice(0, -1), dest: args[args.length - 1] };
}

export interface MountTake {
  source: string;
  target?: string;
}

/** The `source=` and `target=` of the RUN --mount whose from= is this reference. */
export function mountTake(ref: StageReference): MountTake {
  const run = ref.instruction as Run;
  for (const flag of run.getFlags?.() ?? []) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const from = flag.getOption('from');
    const range = from?.getValueRange();
    if (!from || !range || range.start.line !== ref.range.start.line || range.start.character !== ref.range.start.character) continue;
    const opt = (...names: string[]) => {
      for (const n of names) {
        const v = flag.getOption(n)?.getValue();
        if (v) return unquote(v);
      }
      return undefined;
    };
    return { source: opt('source', 'src') ?? '/', target: opt('target', 'dst', 'destination') };
  }
  return { source: '/' };
}

/** The external image or description a stage chain ends in. */
export function rootBaseText(model: DockerfileModel, stage: Stage): string {
  const root = baseChain(model, stage).root;
  switch (root.base.kind) {
    case 'image':
      return root.base.name ? formatImageName(root.base.name) : root.base.resolvedText || root.base.text;
    case 'scratch':
      return 'scratch';
    case 'missing':
      return '(missing)';
    default:
      return root.base.text;
  }
}

/** The parent stages of a stage, nearest first, and the stage at the root of the chain. */
export function baseChain(model: DockerfileModel, stage: Stage): { parents: Stage[]; root: Stage } {
  const chain = chainOf(model, stage);
  return { parents: chain.slice(0, -1).reverse(), root: chain[0] };
}

/** The instruction of a stage (or undefined) whose range holds the line and character. */
export function instructionAt(stage: Stage, line: number, character: number): Instruction | undefined {
  for (const instruction of stage.instructions) {
    const r = instruction.getRange();
    if (line < r.start.line || line > r.end.line) continue;
    if (line === r.start.line && character < r.start.character) continue;
    if (line === r.end.line && character > r.end.character) continue;
    return instruction;
  }
  return undefined;
}

export function isCopyLike(instruction: Instruction): boolean {
  const k = keywordOf(instruction);
  return k === 'COPY' || k === 'ADD';
}

/** "a", "a and b", "a, b and c". */
export function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Plural helper: "1 path", "2 paths". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
