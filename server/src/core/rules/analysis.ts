/**
 * Facts several rules need, computed once per run over the model: document offsets, the logical text of an
 * instruction (line continuations and the comments inside them removed, each character mapped back to the
 * document), the simple shell commands of a RUN (from the command model, core/commands), and the stages whose
 * layers end up in the final image.
 */
import { computeLineStarts } from '../text';
import { partitionPoint } from '../search';
import type { Instruction } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import { keywordOf, type DockerfileModel, type Stage } from '../model';
import { logicalOf, runCommands, type LogicalText, type ShellCommand } from '../commands';

export { argsOf, hasFlag, programIndex, programOf, subcommand, type LogicalText, type ShellCommand, type Word } from '../commands';

export class Analysis {
  private readonly lineStarts: number[];
  private finalChainCache?: Set<number>;

  constructor(readonly model: DockerfileModel) {
    this.lineStarts = computeLineStarts(model.text);
  }

  offsetAt(p: Position): number {
    const start = this.lineStarts[Math.min(p.line, this.lineStarts.length - 1)] ?? 0;
    return Math.min(start + p.character, this.model.text.length);
  }

  positionAt(offset: number): Position {
    // The last line starting at or before the offset (line 0 for an offset before the text).
    const line = Math.max(0, partitionPoint(this.lineStarts.length, (i) => this.lineStarts[i] <= offset) - 1);
    return { line, character: offset - this.lineStarts[line] };
  }

  textOf(range: Range): string {
    return this.model.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  lineText(line: number): string {
    const start = this.lineStarts[line];
    if (start === undefined) return '';
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.model.text.length;
    return this.model.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }

  /** The arguments of an instruction as one logical line (heredoc bodies keep their newlines). */
  logical(instruction: Instruction): LogicalText {
    return logicalOf(this.model, instruction);
  }

  /** Document range of logical offsets [start, end) of an instruction. */
  rangeOf(instruction: Instruction, start: number, end: number): Range {
    const l = this.logical(instruction);
    const s = l.offsets[Math.min(start, l.offsets.length - 1)];
    const e = end > start ? l.offsets[Math.min(end - 1, l.offsets.length - 1)] + 1 : s;
    return { start: this.positionAt(s), end: this.positionAt(e) };
  }

  /** Document offset of a logical offset. */
  docOffset(instruction: Instruction, logicalOffset: number): number {
    const l = this.logical(instruction);
    return l.offsets[Math.min(logicalOffset, l.offsets.length - 1)];
  }

  /** The simple commands of a RUN, from the command model (exec form: the one command; none for other instructions). */
  commands(instruction: Instruction): ShellCommand[] {
    return runCommands(this.model, instruction).commands;
  }

  /** The RUN's script after its flags (logical), and where it starts. */
  runScript(instruction: Instruction): { text: string; start: number } {
    const r = runCommands(this.model, instruction);
    return { text: r.script, start: r.start };
  }

  /** Indices of the stages whose layers make up the final image: the final stage and its FROM-parents. */
  get finalChain(): Set<number> {
    if (this.finalChainCache) return this.finalChainCache;
    const chain = new Set<number>();
    let s: Stage | undefined = this.model.finalStage;
    while (s && !chain.has(s.index)) {
      chain.add(s.index);
      s = s.parent !== undefined ? this.model.stages[s.parent] : undefined;
    }
    this.finalChainCache = chain;
    return chain;
  }

  /** Instructions of a stage with a keyword (FROM excluded). */
  instructionsOf(stage: Stage, keyword: string): Instruction[] {
    return stage.instructions.slice(1).filter((i) => keywordOf(i) === keyword);
  }

  /** The base image of a stage after following stage parents (undefined for scratch/missing). */
  rootBase(stage: Stage): Stage['base'] {
    let s = stage;
    const seen = new Set<number>();
    while (s.base.kind === 'stage' && !seen.has(s.index)) {
      seen.add(s.index);
      s = this.model.stages[s.base.stage];
    }
    return s.base;
  }
}

export function isRun(i: Instruction): boolean {
  return keywordOf(i) === 'RUN';
}
