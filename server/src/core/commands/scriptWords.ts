/**
 * Words of a shell script: literal text, quotes, parameter expansions, command and arithmetic substitutions,
 * turned into the pieces the command model evaluates (parser.ts's `Piece`). Only a plain `$NAME` / `${NAME}` is
 * kept as a variable; every other expansion is kept as text (`$NAME`, `$(...)`, `$((...))`) because the
 * estimator cannot know its value.
 */
import type { ParsedWord, Piece } from './parser';
import {
  AT,
  BACKSLASH,
  BACKTICK,
  BANG,
  CR,
  DOLLAR,
  DQUOTE,
  HASH,
  LBRACE,
  LBRACKET,
  LPAREN,
  NL,
  PLUS,
  QUESTION,
  RBRACE,
  RBRACKET,
  RPAREN,
  SQUOTE,
  STAR,
  ScriptCursor,
  endsWord,
  isDigit,
  isNameChar,
  isNameStart,
} from './scriptCursor';
import { skipArithmetic } from './scriptArithmetic';

/**
 * `\x` → `x` in unquoted literal text; a line continuation (backslash, newline) is dropped, and so is a NUL
 * character (a shell cannot pass it in an argument). A backslash before another line break character stays.
 */
export function unescapeLiteral(text: string): string {
  if (text.indexOf('\\') < 0 && text.indexOf('\0') < 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) continue;
    if (c !== BACKSLASH || i + 1 >= text.length) {
      out += text[i];
      continue;
    }
    const n = text.charCodeAt(i + 1);
    if (n === NL) i++;
    else if (n === CR && text.charCodeAt(i + 2) === NL) i += 2;
    else if (n === CR || n === 0x2028 || n === 0x2029) out += '\\';
    else out += text[++i];
  }
  return out;
}

const TRANSFORMS = 'QEPAaULuKk';

// Parameters that are one special character: $@ $* $# $? $$ $! $- and the positional $0..$9.
function isSpecialParam(c: number): boolean {
  return c === AT || c === STAR || c === HASH || c === QUESTION || c === DOLLAR || c === BANG || c === 45 || isDigit(c);
}

export abstract class WordReader extends ScriptCursor {
  /** Reads the script inside `$(` ... `)` up to and over the `)`; its commands are not the word's. */
  protected abstract substitution(open: number): void;
  /** Reads the script of a backquoted substitution (its text with the backquote escapes removed). */
  protected abstract backquoted(text: string, open: number): void;

  /** Reading case patterns (their literal runs are not cut at `[`, see unquotedParts). */
  protected inPattern = false;

  /** `<(` or `>(` at the cursor: a process substitution (a word), not a redirect. */
  processSubstitutionAhead(): boolean {
    const c = this.peek();
    return (c === 60 || c === 62) && this.at(this.pos + 1) === LPAREN;
  }

  /**
   * The expansions in the body of a here-document whose delimiter is not quoted (`$x`, `$(...)`, backquotes):
   * checked as in double quotes, though the text is not kept; the cursor is put back.
   */
  heredocExpansions(start: number, end: number): void {
    const saved = this.pos;
    this.pos = start;
    while (this.pos < end) {
      const c = this.peek();
      if (c === BACKSLASH) this.pos += 2;
      else if ((c === DOLLAR && this.expansionFollows(true)) || c === BACKTICK) {
        const open = this.pos;
        this.part(c, [], false);
        if (this.pos > end) this.fail(open, 'this expansion runs past the end of its here-document');
      } else this.pos++;
    }
    this.pos = saved;
  }

  /** One `$...`, quote or backquote at the cursor inside an arithmetic expression (its text is not kept). */
  expansionPart(): void {
    this.part(this.at(this.pos), [], false);
  }

  /** The word at the cursor, or undefined when an operator, a newline or the end comes first. */
  readWord(): ParsedWord | undefined {
    const start = this.pos;
    const pieces: Piece[] = [];
    if (this.processSubstitutionAhead()) {
      // `<(cmd)` / `>(cmd)`: a file name the model cannot know; the word keeps no text of it.
      this.enter(start);
      this.pos += 2;
      this.substitution(start);
      this.leave();
    }
    this.unquotedParts(pieces, false);
    return this.pos === start ? undefined : { pieces, start, end: this.pos };
  }

  /**
   * Unquoted text up to a blank or an operator, or (inside `${...}`) up to the closing brace. Literal runs become
   * one piece each, cut where a quote or an expansion starts.
   */
  protected unquotedParts(pieces: Piece[], inBraces: boolean): void {
    const src = this.src;
    let lit = this.pos;
    while (this.pos < this.len) {
      const c = src.charCodeAt(this.pos);
      if (inBraces ? c === RBRACE : endsWord(c)) break;
      if (c === BACKSLASH) {
        this.pos += this.pos + 1 < this.len ? 2 : 1;
        continue;
      }
      if (c === LBRACKET && this.pos > lit && src.charCodeAt(lit) !== LBRACKET && !inBraces && !this.inPattern) {
        // mvdan-sh cuts a literal run before its first `[` (`x[1]` is "x", "[1]"; a run that starts with `[` is
        // not cut); the text is the same.
        this.flush(pieces, lit);
        lit = this.pos++;
        continue;
      }
      if (c === SQUOTE || c === DQUOTE || c === DOLLAR || c === BACKTICK || (!inBraces && this.extglobAt(c))) {
        this.flush(pieces, lit);
        if (c === DOLLAR && !this.expansionFollows(false)) {
          // A dollar sign that starts nothing is a literal piece of its own (as mvdan-sh cuts it).
          pieces.push('$');
          lit = ++this.pos;
          continue;
        }
        this.part(c, pieces, inBraces);
        lit = this.pos;
        continue;
      }
      this.pos++;
    }
    this.flush(pieces, lit);
  }

  private flush(pieces: Piece[], from: number): void {
    if (this.pos > from) pieces.push(unescapeLiteral(this.src.slice(from, this.pos)));
  }

  /** `@(`, `!(`, `+(`, `*(`, `?(`: an extended glob, which the model keeps no text of. */
  private extglobAt(c: number): boolean {
    return (c === AT || c === BANG || c === PLUS || c === STAR || c === QUESTION) && this.at(this.pos + 1) === LPAREN;
  }

  /** Whether the `$` at the cursor starts an expansion (else it is a literal dollar sign). */
  private expansionFollows(quoted: boolean): boolean {
    const n = this.at(this.pos + 1);
    if (n === LPAREN || n === LBRACE || n === LBRACKET || isNameStart(n) || isSpecialParam(n)) return true;
    return !quoted && (n === SQUOTE || n === DQUOTE);
  }

  private part(c: number, pieces: Piece[], inBraces: boolean): void {
    const open = this.pos;
    this.enter(open);
    if (c === SQUOTE) this.singleQuoted(pieces);
    else if (c === DQUOTE) this.doubleQuoted(pieces, open);
    else if (c === BACKTICK) this.backquote(pieces);
    else if (c === DOLLAR) this.dollar(pieces, false);
    else this.extglob(inBraces);
    this.leave();
  }

  private singleQuoted(pieces: Piece[]): void {
    const open = this.pos;
    const close = this.src.indexOf("'", open + 1);
    if (close < 0) this.fail(open, 'the single quote opened here is never closed');
    pieces.push(this.src.slice(open + 1, close));
    this.pos = close + 1;
  }

  /** `"..."` (the cursor on the quote, or on the `$` of `$"..."`): its literal runs and expansions. */
  private doubleQuoted(pieces: Piece[], open: number): void {
    const src = this.src;
    this.pos = src.charCodeAt(this.pos) === DOLLAR ? this.pos + 2 : this.pos + 1;
    let lit = this.pos;
    for (;;) {
      if (this.pos >= this.len) this.fail(open, 'the double quote opened here is never closed');
      const c = src.charCodeAt(this.pos);
      if (c === DQUOTE) break;
      if (c === BACKSLASH && this.at(this.pos + 1) === NL) {
        // A line continuation inside quotes cuts the literal text in two pieces.
        this.flush(pieces, lit);
        lit = this.pos += 2;
      } else if (c === BACKSLASH) {
        this.pos += 2;
      } else if (c === DOLLAR && !this.expansionFollows(true)) {
        this.flush(pieces, lit);
        pieces.push('$');
        lit = ++this.pos;
      } else if (c === DOLLAR || c === BACKTICK) {
        this.flush(pieces, lit);
        this.enter(this.pos);
        if (c === DOLLAR) this.dollar(pieces, true);
        else this.backquote(pieces);
        this.leave();
        lit = this.pos;
      } else this.pos++;
    }
    this.flush(pieces, lit);
    this.pos++;
  }

  /** `$'...'`: backslash escapes inside, kept as written. */
  private ansiQuoted(pieces: Piece[]): void {
    const open = this.pos;
    const src = this.src;
    let i = open + 2;
    for (; i < this.len && src.charCodeAt(i) !== SQUOTE; i++) if (src.charCodeAt(i) === BACKSLASH) i++;
    if (i >= this.len) this.fail(open, "the $' quote opened here is never closed");
    pieces.push(src.slice(open + 2, i));
    this.pos = i + 1;
  }

  private dollar(pieces: Piece[], quoted: boolean): void {
    const open = this.pos;
    const n = this.at(open + 1);
    if (n === SQUOTE && !quoted) return this.ansiQuoted(pieces);
    if (n === DQUOTE && !quoted) return this.doubleQuoted(pieces, open);
    if (n === LPAREN && this.at(open + 2) === LPAREN) {
      this.pos = open + 3;
      skipArithmetic(this, '))', open);
      pieces.push('$((...))');
    } else if (n === LPAREN) {
      this.pos = open + 2;
      this.substitution(open);
      pieces.push('$(...)');
    } else if (n === LBRACKET) {
      this.pos = open + 2;
      skipArithmetic(this, ']', open);
      pieces.push('$((...))');
    } else if (n === LBRACE) this.braced(pieces);
    else if (isNameStart(n)) {
      this.pos = open + 1;
      pieces.push({ v: this.name(isNameChar) });
    } else {
      pieces.push({ v: this.src[open + 1] });
      this.pos = open + 2;
    }
  }

  /** `` `...` ``: the text up to the next unescaped backquote, read as a script. */
  private backquote(pieces: Piece[]): void {
    const open = this.pos;
    const src = this.src;
    let text = '';
    let from = open + 1;
    let i = from;
    for (; i < this.len && src.charCodeAt(i) !== BACKTICK; i++) {
      if (src.charCodeAt(i) !== BACKSLASH) continue;
      const n = src.charCodeAt(i + 1);
      if (n === BACKTICK || n === BACKSLASH || n === DOLLAR) {
        text += src.slice(from, i);
        from = i + 1;
      }
      i++;
    }
    if (i >= this.len) this.fail(open, 'the backquote opened here is never closed');
    this.backquoted(text + src.slice(from, i), open);
    this.pos = i + 1;
    pieces.push('$(...)');
  }

  /** `${...}`: the name, then an operator and its words; only `${NAME}` stays a variable. */
  private braced(pieces: Piece[]): void {
    const open = this.pos;
    this.pos += 2;
    const lengthOf = this.at(this.pos) === HASH && this.at(this.pos + 1) !== RBRACE && this.isParamAfterHash();
    if (lengthOf) this.pos++;
    const indirect = !lengthOf && this.at(this.pos) === BANG && this.at(this.pos + 1) !== RBRACE;
    if (indirect) this.pos++;
    const name = this.paramName(open);
    if (this.at(this.pos) === LBRACKET) this.index(open);
    if (this.at(this.pos) === RBRACE) {
      this.pos++;
      pieces.push(lengthOf ? `$${name}` : { v: name });
      return;
    }
    if (lengthOf) this.fail(this.pos, 'a length expansion ${#...} takes a parameter name only');
    if (indirect && (this.peek() === STAR || this.peek() === AT) && this.at(this.pos + 1) === RBRACE) {
      // ${!PREFIX*}: the names of variables, kept as the variable the model knows no value of.
      this.pos += 2;
      pieces.push({ v: name });
      return;
    }
    this.operator(open);
    pieces.push(`$${name}`);
  }

  /** After `${#`: whether `#` is the length operator (a name follows) rather than the parameter `$#`. */
  private isParamAfterHash(): boolean {
    const n = this.at(this.pos + 1);
    return isNameStart(n) || isSpecialParam(n);
  }

  private paramName(open: number): string {
    while (this.continuationAt(this.pos)) this.pos += this.at(this.pos + 1) === NL ? 2 : 3;
    const start = this.pos;
    const c = this.at(start);
    if (isNameStart(c)) return this.name(isNameChar);
    if (isDigit(c)) return this.name(isDigit);
    if (isSpecialParam(c)) return this.src[this.pos++];
    if (this.pos >= this.len) this.fail(open, 'the ${ opened here is never closed');
    this.fail(start, 'a ${ expansion must start with a parameter name');
  }

  /** A name from the cursor; a line continuation inside it joins its two halves, as the shell does. */
  private name(part: (c: number) => boolean): string {
    const start = this.pos;
    let name = '';
    let from = start;
    for (;;) {
      if (part(this.peek())) this.pos++;
      else if (this.continuationAt(this.pos) && this.pos > start) {
        name += this.src.slice(from, this.pos);
        this.pos += this.at(this.pos + 1) === NL ? 2 : 3;
        from = this.pos;
      } else break;
    }
    return name + this.src.slice(from, this.pos);
  }

  /** `[...]` after an array name: up to the matching bracket. */
  index(open: number): void {
    let depth = 0;
    for (; this.pos < this.len; this.pos++) {
      const c = this.at(this.pos);
      if (c === LBRACKET) depth++;
      else if (c === RBRACKET && --depth === 0) {
        this.pos++;
        return;
      }
    }
    this.fail(open, 'the [ of an array index opened here is never closed');
  }

  /** The operator of `${NAME<op>word}` and its words, up to and over the closing brace. */
  private operator(open: number): void {
    const c = this.at(this.pos);
    const ok = c === 58 || c === 45 || c === 61 || c === PLUS || c === QUESTION || c === 37 || c === HASH || c === 47 || c === 94 || c === 44 || c === AT;
    if (!ok) {
      if (this.pos >= this.len) this.fail(open, 'the ${ opened here is never closed');
      this.fail(this.pos, `"${this.src[this.pos]}" cannot follow the parameter name in \${...}`);
    }
    // `${A@Q}`: a transformation is one of these letters, and nothing follows it.
    if (c === AT && !(TRANSFORMS.includes(this.src[this.pos + 1]) && this.at(this.pos + 2) === RBRACE)) {
      this.fail(this.pos, 'a ${NAME@...} transformation must be one of the letters ' + TRANSFORMS);
    }
    this.pos++;
    for (;;) {
      this.unquotedParts([], true);
      if (this.at(this.pos) === RBRACE) break;
      if (this.pos >= this.len) this.fail(open, 'the ${ opened here is never closed');
    }
    this.pos++;
  }

  /** `@(a|b)` and friends: up to the matching parenthesis (nested ones and quotes counted). */
  private extglob(inBraces: boolean): void {
    const open = this.pos;
    this.pos += 2;
    let depth = 1;
    while (this.pos < this.len) {
      const c = this.peek();
      if (c === RPAREN && --depth === 0) {
        this.pos++;
        return;
      }
      // Up to the matching parenthesis, blanks and operators included (mvdan-sh reads it so; bash would end
      // the word at a blank, which no real glob has).
      if (c === LPAREN) depth++;
      if (c === BACKSLASH) this.pos += 2;
      else if ((c === DOLLAR && this.expansionFollows(false)) || c === SQUOTE || c === DQUOTE || c === BACKTICK) this.part(c, [], inBraces);
      else this.pos++;
    }
    this.fail(open, 'the extended glob opened here is never closed');
  }
}
