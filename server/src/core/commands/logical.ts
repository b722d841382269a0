/**
 * The logical text of an instruction: its arguments as one line, line continuations and the comment lines
 * inside them removed, each character mapped back to its document offset (heredoc bodies keep their newlines).
 */
import type { Instruction } from 'dockerfile-ast';
import type { Position } from 'vscode-languageserver-types';
import { partitionPoint } from '../search';

export interface LogicalText {
  /** Arguments text with continuations joined (the escape and newline removed, inner comment lines dropped). */
  readonly text: string;
  /** How many offsets there are: one per character of `text` and one for the end (none without arguments). */
  readonly entries: number;
  /** Document offset of logical character `i` (`text.length`: the instruction's end); undefined outside [0, entries). */
  offset(i: number): number | undefined;
  /** The first logical index whose document offset is `documentOffset` or after it; -1 when there is none. */
  firstAtOrAfter(documentOffset: number): number;
}

/**
 * The offsets as runs of consecutive characters (one per physical line piece), not one number per character:
 * a continuation or a CR of a CRLF starts a new run.
 */
class SegmentedText implements LogicalText {
  readonly entries: number;
  constructor(
    readonly text: string,
    /** Logical index where each run starts, ascending, the first 0. */
    private readonly runStarts: readonly number[],
    /** Document offset of each run's first character. */
    private readonly runOffsets: readonly number[],
    /** Document offset of the end (the entry after the last character). */
    private readonly end: number,
  ) {
    this.entries = text.length + 1;
  }

  offset(i: number): number | undefined {
    if (!(i >= 0 && i < this.entries) || !Number.isInteger(i)) return undefined;
    if (i === this.text.length) return this.end;
    const k = partitionPoint(this.runStarts.length, (r) => this.runStarts[r] <= i) - 1;
    return this.runOffsets[k] + (i - this.runStarts[k]);
  }

  firstAtOrAfter(documentOffset: number): number {
    // Offsets increase with the index: a binary search over the runs, then within one.
    const next = partitionPoint(this.runOffsets.length, (r) => this.runOffsets[r] <= documentOffset);
    if (next > 0) {
      const k = next - 1;
      const runEnd = k + 1 < this.runStarts.length ? this.runStarts[k + 1] : this.text.length;
      const i = this.runStarts[k] + (documentOffset - this.runOffsets[k]);
      if (i < runEnd) return i;
      if (k + 1 < this.runStarts.length) return this.runStarts[k + 1];
    } else if (this.runStarts.length) {
      return 0;
    }
    return this.end >= documentOffset ? this.text.length : -1;
  }
}

const NO_ARGUMENTS: LogicalText = { text: '', entries: 0, offset: () => undefined, firstAtOrAfter: () => -1 };

export function logicalText(text: string, escapeChar: string, instruction: Instruction, offsetAt: (p: Position) => number): LogicalText {
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) return NO_ARGUMENTS;
  const start = offsetAt(argsRange.start);
  const end = offsetAt(instruction.getRange().end);
  // Kept runs of the text are appended as slices (not character by character: fewer intermediate strings).
  const parts: string[] = [];
  const runStarts: number[] = [];
  const runOffsets: number[] = [];
  let length = 0;
  const keep = (from: number, to: number) => {
    if (to <= from) return;
    parts.push(text.slice(from, to));
    runStarts.push(length);
    runOffsets.push(from);
    length += to - from;
  };
  const escape = escapeChar.charCodeAt(0);
  let run = start;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === escape) {
      const next = continuationEnd(text, i, end);
      if (next !== undefined) {
        keep(run, i);
        i = run = next;
        continue;
      }
    }
    // A CR before LF is not part of the text.
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      keep(run, i);
      i++;
      run = i;
      continue;
    }
    i++;
  }
  keep(run, end);
  return new SegmentedText(parts.length === 1 ? parts[0] : parts.join(''), runStarts, runOffsets, end);
}

/**
 * Where the text resumes after a line continuation at `i` (an escape followed by optional blanks and a newline),
 * skipping the comment and empty lines that follow; undefined when the escape does not continue the line.
 */
function continuationEnd(t: string, i: number, end: number): number | undefined {
  let j = i + 1;
  while (j < end && (t[j] === ' ' || t[j] === '\t')) j++;
  if (t[j] === '\r') j++;
  if (t[j] !== '\n' && j < end) return undefined;
  i = j + 1;
  // Comment and empty lines inside a continuation are not part of the instruction.
  for (;;) {
    let k = i;
    while (k < end && (t[k] === ' ' || t[k] === '\t')) k++;
    if (t[k] !== '#' && t[k] !== '\n' && !(t[k] === '\r' && t[k + 1] === '\n')) return i;
    const nl = t.indexOf('\n', k);
    if (nl < 0 || nl >= end) return end;
    i = nl + 1;
  }
}
