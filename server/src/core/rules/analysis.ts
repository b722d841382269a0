/**
 * Facts several rules need, computed once per model (a model is one document version; `analysisOf` keeps one
 * Analysis per model, so the context rules and a later run with other settings reuse it): document offsets, the
 * logical text of an instruction (line continuations and the comments inside them removed, each character
 * mapped back to the document), the simple shell commands of a RUN (from the command model, core/commands), the
 * stages whose layers end up in the final image, and what several rules would otherwise each compute again:
 * instructions by keyword (so a rule does not test the keyword of every instruction), ARG/ENV/LABEL properties,
 * COPY/ADD sources, the program and arguments of each command, and `memo` results (install commands, kept
 * toolchains). Everything here depends on the model only, never on the settings; lists handed out are shared.
 */
import { partitionPoint } from '../search';
import type { Argument, Instruction, Property, Variable } from 'dockerfile-ast';
import { readVariables } from '../astPatches';
import type { Position, Range } from 'vscode-languageserver-types';
import { keywordOf, lineStartsOf, type DockerfileModel, type Stage } from '../model';
import { copySources } from './util';
import { createModelMemo, memoized } from '../modelMemo';
import { argsOf, logicalOf, programOf, runCommands, type LogicalText, type ShellCommand, type Word } from '../commands';

export { argsOf, hasFlag, programIndex, programOf, subcommand, type LogicalText, type ShellCommand, type Word } from '../commands';

const NONE: readonly Instruction[] = [];

const perModel = createModelMemo<Analysis>();

/** The Analysis of a model, made on first use and kept on the model (core/modelMemo.ts says why not in a WeakMap). */
export function analysisOf(model: DockerfileModel): Analysis {
  return memoized(perModel, model, () => new Analysis(model));
}

export class Analysis {
  private readonly lineStarts: readonly number[];
  private finalChainCache?: Set<number>;
  /** model.instructions by keyword: most rules read one or two keywords of a long file (see KeywordIndex). */
  private keywordIndex?: KeywordIndex;
  /** getProperties() of ARG/ENV/LABEL builds new Property objects on every call; read once per instruction. */
  private readonly propertyCache = new Map<Instruction, Property[]>();
  /** The command model's commands per RUN, one lookup away (the command model keeps them per model too). */
  private readonly commandCache = new Map<Instruction, ShellCommand[]>();
  /**
   * programOf / argsOf of each command read so far: a dozen rules ask them of every command of every RUN, and
   * each answer walks the words with a regular expression.
   */
  private readonly commandFacts = new Map<ShellCommand, { program: string; args: Word[]; texts?: string[] }>();
  /** copySources of each COPY/ADD read so far: getArguments copies every argument on each call. */
  private readonly sourceCache = new Map<Instruction, Argument[]>();
  /** Results other modules compute from this Analysis, kept per model with it (see `memo`). */
  private readonly memos = new Map<string, unknown>();

  constructor(readonly model: DockerfileModel) {
    this.lineStarts = lineStartsOf(model);
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
    const text = this.model.text;
    if (line + 1 >= this.lineStarts.length) return text.slice(start);
    // Without the line break that ends the line (\n, \r\n or \r: the next line starts right after it).
    let end = this.lineStarts[line + 1];
    if (text.charCodeAt(end - 1) === 10 /* \n */) end--;
    if (end > start && text.charCodeAt(end - 1) === 13 /* \r */) end--;
    return text.slice(start, end);
  }

  /** Whether the document text of an instruction (its whole range) holds a character: a cheap test before a parse. */
  holds(instruction: Instruction, char: string): boolean {
    const code = char.charCodeAt(0);
    const range = instruction.getRange();
    const text = this.model.text;
    for (let at = this.offsetAt(range.start), end = this.offsetAt(range.end); at < end; at++) if (text.charCodeAt(at) === code) return true;
    return false;
  }

  /** The arguments of an instruction as one logical line (heredoc bodies keep their newlines). */
  logical(instruction: Instruction): LogicalText {
    return logicalOf(this.model, instruction);
  }

  /** Document range of logical offsets [start, end) of an instruction. */
  rangeOf(instruction: Instruction, start: number, end: number): Range {
    const l = this.logical(instruction);
    const s = l.offset(Math.min(start, l.entries - 1))!;
    const e = end > start ? l.offset(Math.min(end - 1, l.entries - 1))! + 1 : s;
    return { start: this.positionAt(s), end: this.positionAt(e) };
  }

  /** Document offset of a logical offset. */
  docOffset(instruction: Instruction, logicalOffset: number): number {
    const l = this.logical(instruction);
    return l.offset(Math.min(logicalOffset, l.entries - 1))!;
  }

  /** The simple commands of a RUN, from the command model (exec form: the one command; none for other instructions). */
  commands(instruction: Instruction): ShellCommand[] {
    let list = this.commandCache.get(instruction);
    if (!list) this.commandCache.set(instruction, (list = runCommands(this.model, instruction).commands));
    return list;
  }

  /** programOf(cmd): the program name (basename) after prefixes and `sudo`, or ''. */
  program(cmd: ShellCommand): string {
    return this.factsOf(cmd).program;
  }

  /** argsOf(cmd): the words after the program (shared: do not change the list). */
  args(cmd: ShellCommand): Word[] {
    return this.factsOf(cmd).args;
  }

  /** The texts of `args(cmd)` (shared: do not change the list). */
  argTexts(cmd: ShellCommand): string[] {
    const facts = this.factsOf(cmd);
    return (facts.texts ??= facts.args.map((w) => w.text));
  }

  private factsOf(cmd: ShellCommand): { program: string; args: Word[]; texts?: string[] } {
    let facts = this.commandFacts.get(cmd);
    if (!facts) this.commandFacts.set(cmd, (facts = { program: programOf(cmd), args: argsOf(cmd) }));
    return facts;
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

  /**
   * The instructions of the file (global ones before the first FROM included) with one of the keywords, in
   * document order (the list is shared: do not change it).
   */
  instructionsWith(...keywords: string[]): readonly Instruction[] {
    return (this.keywordIndex ??= new KeywordIndex(this.model)).with(keywords);
  }

  /** The instructions of a stage with one of the keywords (its FROM excluded unless asked for), in document order. */
  instructionsOf(stage: Stage, ...keywords: string[]): readonly Instruction[] {
    return (this.keywordIndex ??= new KeywordIndex(this.model)).of(stage, keywords);
  }

  /** getProperties() of an ARG, ENV or LABEL, read once (the list is shared: do not change it). */
  properties(instruction: Instruction): readonly Property[] {
    let list = this.propertyCache.get(instruction);
    if (!list) this.propertyCache.set(instruction, (list = (instruction as unknown as { getProperties(): Property[] }).getProperties()));
    return list;
  }

  /** getVariables() of an instruction without copies (shared: do not change the list or its ranges; copy a range that goes into a finding). */
  variables(instruction: Instruction): readonly Variable[] {
    return readVariables(instruction);
  }

  /** copySources(instruction): the source arguments of a COPY/ADD, read once (shared: do not change the list). */
  sources(instruction: Instruction): Argument[] {
    let list = this.sourceCache.get(instruction);
    if (!list) this.sourceCache.set(instruction, (list = copySources(instruction)));
    return list;
  }

  /** A value computed once per model by `compute` (stage chains, install commands ...), under a unique key. */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
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

/**
 * Positions in model.instructions by keyword, read once: a rule asking for the RUNs of a stage gets them by two
 * binary searches instead of testing the keyword of every instruction (each of ~50 rules did, for every stage).
 * A stage's instructions are the contiguous run of model.instructions from its FROM to the next FROM.
 */
class KeywordIndex {
  private readonly positions = new Map<string, number[]>();
  /** The keyword of each instruction of model.instructions. */
  private readonly keywords: string[];
  /** Merged position lists per keyword set (`RUN`, `COPY ADD` ...) and the instructions at them. */
  private readonly lists = new Map<string, { positions: number[]; instructions: Instruction[] }>();
  private readonly fromPositions = new Map<Instruction, number>();

  constructor(private readonly model: DockerfileModel) {
    this.keywords = model.instructions.map(keywordOf);
    this.keywords.forEach((keyword, n) => {
      const list = this.positions.get(keyword);
      if (list) list.push(n);
      else this.positions.set(keyword, [n]);
      if (keyword === 'FROM') this.fromPositions.set(model.instructions[n], n);
    });
  }

  with(keywords: string[]): Instruction[] {
    return this.list(keywords).instructions;
  }

  of(stage: Stage, keywords: string[]): readonly Instruction[] {
    const start = this.fromPositions.get(stage.from);
    const end = start === undefined ? -1 : start + stage.instructions.length;
    // Not the contiguous run this index assumes (never for a model built by buildModel): filter the stage's own list.
    if (start === undefined || this.model.instructions[end - 1] !== stage.instructions[stage.instructions.length - 1]) {
      return stage.instructions.filter((i, n) => (n > 0 || keywords.includes('FROM')) && keywords.includes(keywordOf(i)));
    }
    const { positions, instructions } = this.list(keywords);
    const first = partitionPoint(positions.length, (k) => positions[k] < start);
    const last = partitionPoint(positions.length, (k) => positions[k] < end);
    return first === last ? NONE : instructions.slice(first, last);
  }

  private list(keywords: string[]): { positions: number[]; instructions: Instruction[] } {
    const key = keywords.length === 1 ? keywords[0] : keywords.join(' ');
    let entry = this.lists.get(key);
    if (!entry) {
      const positions = keywords.length === 1 ? (this.positions.get(keywords[0]) ?? []) : this.positionsOfAny(new Set(keywords));
      entry = { positions, instructions: positions.map((n) => this.model.instructions[n]) };
      this.lists.set(key, entry);
    }
    return entry;
  }

  private positionsOfAny(keywords: Set<string>): number[] {
    const out: number[] = [];
    for (let n = 0; n < this.keywords.length; n++) if (keywords.has(this.keywords[n])) out.push(n);
    return out;
  }
}
