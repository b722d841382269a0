/**
 * The logical text of an instruction: its arguments as one line, line continuations and the comment lines
 * inside them removed, each character mapped back to its document offset (heredoc bodies keep their newlines).
 */
import type { Instruction } from 'dockerfile-ast';
import type { Position } from 'vscode-languageserver-types';

export interface LogicalText {
  /** Arguments text with continuations joined (the escape and newline removed, inner comment lines dropped). */
  text: string;
  /** Document offset of each character of `text`; one extra entry for the end. */
  offsets: number[];
}

export function logicalText(text: string, escapeChar: string, instruction: Instruction, offsetAt: (p: Position) => number): LogicalText {
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) return { text: '', offsets: [] };
  const start = offsetAt(argsRange.start);
  const end = offsetAt(instruction.getRange().end);
  // Kept runs of the text are appended as slices (not character by character: fewer intermediate strings).
  const parts: string[] = [];
  let run = start;
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i];
    if (ch === escapeChar) {
      const next = continuationEnd(text, i, end);
      if (next !== undefined) {
        if (i > run) parts.push(text.slice(run, i));
        i = run = next;
        continue;
      }
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      if (i > run) parts.push(text.slice(run, i));
      i++;
      run = i;
      continue;
    }
    offsets.push(i);
    i++;
  }
  if (end > run) parts.push(text.slice(run, end));
  offsets.push(end);
  return { text: parts.length === 1 ? parts[0] : parts.join(''), offsets };
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
