/**
 * Facts several rules need, computed once per run over the model: document offsets, the logical text of an
 * instruction (line continuations and the comments inside them removed, each character mapped back to the
 * document), the simple shell commands of a RUN, and the stages whose layers end up in the final image.
 */
import { computeLineStarts } from '../text';
import { partitionPoint } from '../search';
import type { Instruction, Run } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import { keywordOf, type DockerfileModel, type Stage } from '../model';

export interface Word {
  /** The word with quotes removed. */
  text: string;
  /** Offsets in the instruction's logical text. */
  start: number;
  end: number;
}

export interface ShellCommand {
  words: Word[];
  /** The operator that ends the command (`&&`, `||`, `|`, `;`, `&`, newline or '' at the end). */
  next: string;
  /** The operator that precedes it ('' for the first). */
  prev: string;
}

export interface LogicalText {
  /** Arguments text with continuations joined (the escape and newline removed, inner comment lines dropped). */
  text: string;
  /** Document offset of each character of `text`; one extra entry for the end. */
  offsets: number[];
}

export class Analysis {
  private readonly lineStarts: number[];
  private readonly logicalCache = new Map<Instruction, LogicalText>();
  private readonly commandCache = new Map<Instruction, ShellCommand[]>();
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
    const cached = this.logicalCache.get(instruction);
    if (cached) return cached;
    const argsRange = instruction.getArgumentsRange();
    const out: LogicalText = { text: '', offsets: [] };
    if (argsRange) {
      const start = this.offsetAt(argsRange.start);
      const end = this.offsetAt(instruction.getRange().end);
      const t = this.model.text;
      const esc = this.model.escapeChar;
      let text = '';
      const offsets: number[] = [];
      let i = start;
      while (i < end) {
        const ch = t[i];
        if (ch === esc) {
          // An escape followed by optional spaces and a newline continues the line.
          let j = i + 1;
          while (j < end && (t[j] === ' ' || t[j] === '\t')) j++;
          if (t[j] === '\r') j++;
          if (t[j] === '\n' || j >= end) {
            i = j + 1;
            // Comment and empty lines inside a continuation are not part of the instruction.
            for (;;) {
              let k = i;
              while (k < end && (t[k] === ' ' || t[k] === '\t')) k++;
              if (t[k] === '#' || t[k] === '\n' || (t[k] === '\r' && t[k + 1] === '\n')) {
                const nl = t.indexOf('\n', k);
                if (nl < 0 || nl >= end) {
                  i = end;
                  break;
                }
                i = nl + 1;
                continue;
              }
              break;
            }
            continue;
          }
        }
        if (ch === '\r' && t[i + 1] === '\n') {
          i++;
          continue;
        }
        text += ch;
        offsets.push(i);
        i++;
      }
      offsets.push(end);
      out.text = text;
      out.offsets = offsets;
    }
    this.logicalCache.set(instruction, out);
    return out;
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

  /** The simple commands of a RUN (flags skipped); empty for exec form. */
  commands(instruction: Instruction): ShellCommand[] {
    const cached = this.commandCache.get(instruction);
    if (cached) return cached;
    const l = this.logical(instruction);
    let from = 0;
    if (keywordOf(instruction) === 'RUN') {
      const flags = (instruction as Run).getFlags();
      if (flags.length) {
        const lastEnd = this.offsetAt(flags[flags.length - 1].getRange().end);
        from = l.offsets.findIndex((o) => o >= lastEnd);
        if (from < 0) from = l.text.length;
      }
    }
    const rest = l.text.slice(from);
    const cmds = /^\s*\[/.test(rest) ? [] : splitCommands(l.text, from);
    this.commandCache.set(instruction, cmds);
    return cmds;
  }

  /** The RUN's shell text after its flags (logical), and where it starts. */
  runScript(instruction: Instruction): { text: string; start: number } {
    const cmds = this.commands(instruction);
    const l = this.logical(instruction);
    const start = cmds.length && cmds[0].words.length ? cmds[0].words[0].start : l.text.length;
    return { text: l.text.slice(start), start };
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

const OPERATORS = ['&&', '||', ';;', '|&', '|', ';', '&', '\n', '(', ')'];
/** Characters that start an operator, or that the lexer treats apart (blanks, comments, quotes, escapes). */
const OPERATOR_START = new Set(['&', '|', ';', '\n', '(', ')']);
const SPECIAL = new Set([...OPERATOR_START, ' ', '\t', '\r', '#', "'", '"', '\\']);

/** A small shell lexer: words (quotes removed) grouped into simple commands split at control operators. */
export function splitCommands(text: string, from = 0): ShellCommand[] {
  const out: ShellCommand[] = [];
  let words: Word[] = [];
  let prev = '';
  let i = from;
  let word: Word | undefined;
  const endWord = () => {
    if (word) words.push(word);
    word = undefined;
  };
  const endCommand = (op: string) => {
    endWord();
    if (words.length) out.push({ words, next: op, prev });
    else if (out.length && op !== '\n' && op !== '(' && op !== ')') out[out.length - 1].next = op;
    if (op !== '(' && op !== ')') prev = op;
    words = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
      continue;
    }
    if (ch === '#' && !word) {
      // A shell comment runs to the end of the line.
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    const op = OPERATOR_START.has(ch) ? OPERATORS.find((o) => text.startsWith(o, i)) : undefined;
    if (op && !(op === '&' && text[i - 1] === '>') && !(op === '|' && text[i - 1] === '>')) {
      endCommand(op);
      i += op.length;
      continue;
    }
    if (!word) word = { text: '', start: i, end: i };
    if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      const stop = close < 0 ? text.length : close;
      word.text += text.slice(i + 1, stop);
      i = stop + 1;
      word.end = Math.min(i, text.length);
      continue;
    }
    if (ch === '\\' && i + 1 < text.length) {
      word.text += text[i + 1];
      i += 2;
      word.end = i;
      continue;
    }
    // This character and the ordinary ones after it, in one piece.
    let j = i + 1;
    while (j < text.length && !SPECIAL.has(text[j])) j++;
    word.text += text.slice(i, j);
    i = j;
    word.end = i;
  }
  endCommand('');
  return out;
}

/** Index of the program word of a command, after `sudo`, `env`, `VAR=value` prefixes; -1 when none. */
export function programIndex(cmd: ShellCommand, skipSudo = true): number {
  let i = 0;
  while (i < cmd.words.length) {
    const w = cmd.words[i].text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (w === 'env' || (skipSudo && w === 'sudo')) {
      i++;
      while (i < cmd.words.length && cmd.words[i].text.startsWith('-')) i++;
    } else if (w === 'exec' || w === 'command' || w === 'time' || w === 'nohup') i++;
    else return i;
  }
  return -1;
}

/** The program name (basename) of a command, or ''. */
export function programOf(cmd: ShellCommand): string {
  const i = programIndex(cmd);
  return i < 0 ? '' : cmd.words[i].text.replace(/^.*\//, '');
}

/** The words after the program. */
export function argsOf(cmd: ShellCommand): Word[] {
  const i = programIndex(cmd);
  return i < 0 ? [] : cmd.words.slice(i + 1);
}

/** Whether an argument list has a flag (`--no-cache`, or a short flag among combined short flags). */
export function hasFlag(args: Word[], long: string, short?: string): boolean {
  return args.some((a) => a.text === long || a.text.startsWith(`${long}=`) || (short !== undefined && /^-[A-Za-z]+$/.test(a.text) && a.text.includes(short)));
}

/** The first non-flag argument (the subcommand): `install` in `apt-get -y install x`. */
export function subcommand(args: Word[]): Word | undefined {
  return args.find((a) => !a.text.startsWith('-'));
}

export function isRun(i: Instruction): boolean {
  return keywordOf(i) === 'RUN';
}
