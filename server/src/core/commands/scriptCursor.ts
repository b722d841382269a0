/**
 * The cursor under the shell script reader (scriptReader.ts): the text, the position, character classes and the
 * syntax error it stops with. Everything reads by charCodeAt from `pos`; nothing slices the text until a piece
 * of a word is kept.
 */

/**
 * Why and where the reader gave up; parser.ts turns it into `line:column: text`. Not an Error: it is thrown and
 * caught inside the parser on every broken script (a script is broken at most keystrokes while typed), and
 * needs no stack trace.
 */
export class ScriptSyntaxError {
  constructor(
    readonly offset: number,
    readonly text: string,
  ) {}
}

// Constructs nested deeper than this (subshells, blocks, substitutions, quotes in substitutions ...) are
// rejected: each level costs a few stack frames, and no script a person writes comes near it.
const MAX_NESTING = 200;

export const TAB = 9;
export const NL = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const DQUOTE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const AMP = 38;
export const SQUOTE = 39;
export const LPAREN = 40;
export const RPAREN = 41;
export const STAR = 42;
export const PLUS = 43;
export const SEMI = 59;
export const LT = 60;
export const EQ = 61;
export const GT = 62;
export const QUESTION = 63;
export const AT = 64;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const BACKTICK = 96;
export const LBRACE = 123;
export const PIPE = 124;
export const RBRACE = 125;

/** Characters that end an unquoted word: blanks, newlines and the operator characters. */
const ENDS_WORD = new Uint8Array(128);
// A carriage return is a blank: scripts written on Windows end their lines with `\r\n`.
for (const c of [SPACE, TAB, CR, NL, SEMI, AMP, PIPE, LPAREN, RPAREN, LT, GT]) ENDS_WORD[c] = 1;

export function endsWord(c: number): boolean {
  return c < 128 && ENDS_WORD[c] === 1;
}

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export class ScriptCursor {
  pos = 0;
  readonly len: number;
  private depth = 0;

  constructor(readonly src: string) {
    this.len = src.length;
  }

  /** The character code at `at` (NaN past the end, which equals nothing). */
  at(at: number): number {
    return this.src.charCodeAt(at);
  }

  peek(): number {
    return this.src.charCodeAt(this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.len;
  }

  /** Whether the text at the cursor starts with `s` (short operator strings only). */
  looking(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  fail(at: number, text: string): never {
    throw new ScriptSyntaxError(at, text);
  }

  /** Around every construct that recurses: a script nested past the bound is rejected, not a stack overflow. */
  enter(at: number): void {
    if (++this.depth > MAX_NESTING) this.fail(at, 'constructs are nested too deeply to read');
  }

  leave(): void {
    this.depth--;
  }

  /** Skips blanks, line continuations and a comment (up to, not over, its newline). */
  skipBlanks(): void {
    const src = this.src;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === SPACE || c === TAB || c === CR) this.pos++;
      else if (c === BACKSLASH && this.continuationAt(this.pos)) this.pos += src.charCodeAt(this.pos + 1) === NL ? 2 : 3;
      else if (c === HASH) this.skipComment();
      else return;
    }
  }

  /** Whether a line continuation (backslash, newline; or backslash, `\r\n`) starts at `at`. */
  continuationAt(at: number): boolean {
    const n = this.src.charCodeAt(at + 1);
    return this.src.charCodeAt(at) === BACKSLASH && (n === NL || (n === CR && this.src.charCodeAt(at + 2) === NL));
  }

  /** A comment runs to the end of its line; a line continuation in it ends it too (the next line is read). */
  private skipComment(): void {
    const src = this.src;
    for (; this.pos < this.len; this.pos++) {
      const c = src.charCodeAt(this.pos);
      if (c === NL || (c === BACKSLASH && this.continuationAt(this.pos))) return;
    }
  }

  /**
   * The word at the cursor when it is plain text (a keyword candidate: no quote, no expansion, at most 8
   * characters) ending where a word ends; else ''. A line continuation inside it joins its halves (`fi` split
   * over two lines is still `fi`); skipKeyword moves over it.
   */
  bareWord(): string {
    const src = this.src;
    let i = this.pos;
    let text = '';
    let from = i;
    for (;;) {
      const c = src.charCodeAt(i);
      if (i >= this.len || endsWord(c)) break;
      if (c === BACKSLASH && this.continuationAt(i) && i > this.pos) {
        text += src.slice(from, i);
        i += src.charCodeAt(i + 1) === NL ? 2 : 3;
        from = i;
        continue;
      }
      if (c === DOLLAR || c === DQUOTE || c === SQUOTE || c === BACKSLASH || c === BACKTICK) return '';
      i++;
      if (i - from + text.length > 8) return '';
    }
    this.bareEnd = i;
    return text + src.slice(from, i);
  }

  /** Where the word bareWord last read ends. */
  private bareEnd = 0;

  /** Moves over the keyword (or bare word) at the cursor. */
  skipKeyword(): void {
    this.bareWord();
    this.pos = this.bareEnd;
  }
}
