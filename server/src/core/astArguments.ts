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
  const range = instruction.getRange();
  const keyword = instruction.getInstructionRange();
  const from = doc.offsetAt(range.start) + (doc.offsetAt(keyword.end) - doc.offsetAt(keyword.start));
  const scan = new ArgumentScan(doc, from, Math.max(from, doc.offsetAt(range.end)), instruction.escapeChar.charCodeAt(0));
  return scan.run();
}

/** One scan: the text between `from` and `to` read once, left to right. */
class ArgumentScan {
  private readonly text: string;
  private readonly out: Argument[] = [];
  private value = '';
  /** Where the run of plain characters not yet added to `value` starts (-1: none). */
  private plainFrom = -1;
  private argStart = -1;
  /** Where an escaped newline cut the current argument (-1: not cut). */
  private cutAt = -1;
  private atLineStart = false;
  private inComment = false;
  /** Inside an escaped newline (the escape, blanks, the line end, the next line's leading blanks). */
  private continuing = false;
  /** Blanks seen after an escape character inside `continuing` (an argument cut there ends at the cut). */
  private blankAfterEscape = false;

  constructor(
    private readonly doc: ScannedDocument,
    private readonly from: number,
    private readonly to: number,
    private readonly esc: number,
  ) {
    this.text = doc.getText();
  }

  run(): Argument[] {
    const { text, to } = this;
    for (let p = this.from; p < to; p++) {
      const c = text.charCodeAt(p);
      if (blank(c)) this.blank(c, p);
      else if (c === this.esc) {
        const next = this.escape(p);
        if (next < 0) break;
        p = next;
      } else if (!this.inComment) this.other(c, p);
    }
    this.flush(to);
    if (this.argStart !== -1) this.emit(this.cutAt === -1 ? to : this.cutAt);
    return this.out;
  }

  private flush(at: number): void {
    if (this.plainFrom !== -1) {
      this.value += this.text.slice(this.plainFrom, at);
      this.plainFrom = -1;
    }
  }

  private emit(end: number): void {
    // An argument cut by an escaped newline before any of it was read starts, as in dockerfile-ast, one
    // character before the arguments (its `found` is -1 there).
    const start = this.argStart === -1 ? this.from - 1 : this.argStart;
    this.out.push(new Argument(this.value, { start: this.doc.positionAt(start), end: this.doc.positionAt(end) }));
    this.value = '';
    this.argStart = -1;
  }

  private blank(c: number, p: number): void {
    this.flush(p);
    if (this.continuing) {
      this.blankAfterEscape = c !== CR && c !== LF;
      if (!this.blankAfterEscape && this.inComment) {
        this.inComment = false;
        this.atLineStart = true;
      }
    } else if (this.argStart !== -1) {
      this.emit(this.cutAt === -1 ? p : this.cutAt);
      this.cutAt = -1;
    }
  }

  /** An escape character at `p`: the offset the scan continues after, or -1 to stop (an escape at the very end). */
  private escape(p: number): number {
    const { text, to } = this;
    this.flush(p);
    const next = p + 1 < to ? text.charCodeAt(p + 1) : -1;
    if (next === SPACE || next === TAB) {
      let q = p + 2;
      while (q < to && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB)) q++;
      if (q >= to) return p; // blanks to the end: they are read as blanks next
      const after = text.charCodeAt(q);
      if (after === CR || after === LF) {
        // An escaped newline with blanks before the line end (after CR, one more character is stepped over).
        this.startContinuation();
        if (this.argStart !== -1) this.cutAt = p;
        return after === CR ? q + 1 : q;
      }
      // An escape followed by blanks then more text: the argument (if any) ends at the escape.
      this.cutAt = p;
      return this.argStart === -1 ? q - 1 : p;
    }
    if (next === CR || next === LF) {
      this.startContinuation();
      if (this.argStart !== -1 && this.cutAt === -1) this.cutAt = p;
      return next === CR ? p + 2 : p + 1;
    }
    // An escaped character (or the escape as the last character).
    if (this.blankAfterEscape && this.cutAt !== -1) this.emit(this.cutAt);
    this.cutAt = -1;
    this.blankAfterEscape = false;
    this.continuing = false;
    if (next === -1) return -1;
    this.value += next === DOLLAR ? text.slice(p, p + 2) : text[p + 1];
    if (this.argStart === -1) this.argStart = p;
    return p + 1;
  }

  private startContinuation(): void {
    this.inComment = false;
    this.continuing = true;
    this.atLineStart = true;
  }

  /** Any other character outside a comment. */
  private other(c: number, p: number): void {
    if (this.atLineStart && c === HASH) {
      this.inComment = true;
      this.atLineStart = false;
      return;
    }
    if (this.blankAfterEscape && this.cutAt !== -1) {
      this.flush(p);
      this.emit(this.cutAt);
    }
    this.blankAfterEscape = false;
    this.continuing = false;
    this.cutAt = -1;
    if (this.plainFrom === -1) this.plainFrom = p;
    if (this.argStart === -1) this.argStart = p;
    this.atLineStart = false;
  }
}
