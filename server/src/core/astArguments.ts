/**
 * The arguments of a dockerfile-ast instruction, found in one pass over the document's text: what
 * Instruction.getRawArguments answers, without its per-character string building and with positions from the
 * document's line starts. astPatches.ts installs it under getRawArguments; test/unit/astArguments.test.ts
 * compares the two on every instruction of ../shared/corpus, of thousands of mutated files and of edge cases.
 *
 * The rules, as dockerfile-ast applies them (ours must give the same answers, including on malformed input):
 * - blanks (space, tab, CR, LF) end an argument, except inside an escaped newline: the escape character, then
 *   optional blanks, then a line end, continues the instruction on the next line;
 * - on a continuation line, a `#` before anything else starts a comment up to the end of that line;
 * - the escape character before any other character keeps that character (before `$`, both);
 * - an argument cut by an escaped newline ends where the escape character was.
 */
import { Argument } from 'dockerfile-ast';
import type { Position } from 'vscode-languageserver-types';

interface ScannedDocument {
  getText(): string;
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
}

interface ScannedInstruction {
  document: ScannedDocument;
  escapeChar: string;
  getRange(): { start: Position; end: Position };
  getInstructionRange(): { start: Position; end: Position };
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const DOLLAR = 36;

const blank = (c: number) => c === SPACE || c === TAB || c === CR || c === LF;

/** The instruction's arguments after its keyword (flags included), as Argument objects with fresh ranges. */
export function scanInstructionArguments(instruction: ScannedInstruction): Argument[] {
  const doc = instruction.document;
  const text = doc.getText();
  const range = instruction.getRange();
  const keyword = instruction.getInstructionRange();
  const lineStart = doc.offsetAt(range.start);
  const from = lineStart + (doc.offsetAt(keyword.end) - doc.offsetAt(keyword.start));
  const to = Math.max(from, doc.offsetAt(range.end));
  const esc = instruction.escapeChar.charCodeAt(0);
  const out: Argument[] = [];

  let value = '';
  /** Where the run of plain characters not yet added to `value` starts (-1: none). */
  let run = -1;
  let argStart = -1;
  /** Where an escaped newline cut the current argument (-1: not cut). */
  let cutAt = -1;
  let atLineStart = false;
  let inComment = false;
  /** Inside an escaped newline (the escape, blanks, the line end, the next line's leading blanks). */
  let continuing = false;
  /** Blanks seen after an escape character inside `continuing` (an argument cut there ends at the cut). */
  let blankAfterEscape = false;

  const flush = (at: number) => {
    if (run !== -1) {
      value += text.slice(run, at);
      run = -1;
    }
  };
  const emit = (end: number) => {
    // An argument cut by an escaped newline before any of it was read starts, as in dockerfile-ast, one
    // character before the arguments (its `found` is -1 there).
    const start = argStart === -1 ? from - 1 : argStart;
    out.push(new Argument(value, { start: doc.positionAt(start), end: doc.positionAt(end) }));
    value = '';
    argStart = -1;
  };

  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (blank(c)) {
      flush(p);
      if (continuing) {
        blankAfterEscape = c !== CR && c !== LF;
        if (!blankAfterEscape && inComment) {
          inComment = false;
          atLineStart = true;
        }
        continue;
      }
      if (argStart !== -1) {
        emit(cutAt === -1 ? p : cutAt);
        cutAt = -1;
      }
      continue;
    }
    if (c === esc) {
      flush(p);
      const next = p + 1 < to ? text.charCodeAt(p + 1) : -1;
      if (next === SPACE || next === TAB) {
        let q = p + 2;
        while (q < to && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB)) q++;
        if (q >= to) continue; // blanks to the end: the blanks are read as blanks next
        const after = text.charCodeAt(q);
        if (after === CR || after === LF) {
          // An escaped newline with blanks before the line end (after CR, one more character is stepped over).
          inComment = false;
          continuing = true;
          atLineStart = true;
          if (argStart !== -1) cutAt = p;
          p = after === CR ? q + 1 : q;
        } else {
          // An escape followed by blanks then more text: the argument (if any) ends at the escape.
          cutAt = p;
          if (argStart === -1) p = q - 1;
        }
        continue;
      }
      if (next === CR || next === LF) {
        inComment = false;
        continuing = true;
        atLineStart = true;
        if (argStart !== -1 && cutAt === -1) cutAt = p;
        p += next === CR ? 2 : 1;
        continue;
      }
      // An escaped character (or the escape as the last character).
      if (blankAfterEscape && cutAt !== -1) emit(cutAt);
      cutAt = -1;
      blankAfterEscape = false;
      continuing = false;
      if (next === -1) break;
      value += next === DOLLAR ? text.slice(p, p + 2) : text[p + 1];
      if (argStart === -1) argStart = p;
      p++;
      continue;
    }
    if (inComment) continue;
    if (atLineStart && c === HASH) {
      inComment = true;
      atLineStart = false;
      continue;
    }
    if (blankAfterEscape && cutAt !== -1) {
      flush(p);
      emit(cutAt);
    }
    blankAfterEscape = false;
    continuing = false;
    cutAt = -1;
    if (run === -1) run = p;
    if (argStart === -1) argStart = p;
    atLineStart = false;
  }
  flush(to);
  if (argStart !== -1) emit(cutAt === -1 ? to : cutAt);
  return out;
}
