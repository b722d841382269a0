/**
 * Simple commands of a shell script: assignments, words, redirects, declarations (`export A=1`) and the
 * here-documents their redirects open. The commands go straight into the reader's flat list (`out`); a
 * here-document whose body is the script a shell runs (`sh <<EOF`, a bare `<<EOF`) leaves a slot there that is
 * filled once its body has been read, after the end of the line.
 */
import type { ParsedAssign, ParsedCommand, ParsedWord, Piece } from './parser';
import { DQUOTE, GT, LBRACE, LBRACKET, LPAREN, LT, NL, PLUS, RBRACE, RPAREN, SQUOTE, BACKSLASH, AMP, EQ, TAB, endsWord, isDigit, isNameChar, isNameStart } from './scriptCursor';
import { WordReader } from './scriptWords';

export interface Heredoc {
  delimiter: string;
  /** `<<-`: leading tabs of the closing line are ignored. */
  stripTabs: boolean;
  bodyStart: number;
  bodyEnd: number;
  /** `<<'EOF'`, `<<"EOF"`, `<<\EOF`: the body is text, with no expansions. */
  quoted: boolean;
  /** Where its `<<` is (for the error when the body never ends). */
  opened: number;
}

/** An entry of the flat list: a command, or the slot of a here-document script (expanded at the end). */
export interface Slot extends ParsedCommand {
  heredoc?: Heredoc;
}

/** What a statement's redirects leave for it: files its output goes to, its first here-document. */
export interface Redirects {
  writes: ParsedWord[];
  heredoc?: Heredoc;
}

const DECLARATIONS = new Set(['export', 'declare', 'local', 'readonly', 'typeset', 'nameref']);
const SHELL_PROGRAMS = /^(\/(usr\/)?bin\/)?(sh|bash|ash|dash)$/;

export abstract class CommandReader extends WordReader {
  out: Slot[] = [];
  /** Where the last statement's own commands ended (before its here-document slot). */
  protected statementEnd = 0;
  /** Here-documents whose bodies start after the next newline, in order. */
  private pending: Heredoc[] = [];

  /** Reads a compound command body (function bodies); the reader's part. */
  protected abstract compound(conditional: boolean, r: Redirects): boolean;

  /** Runs `read` with the list switched to a throwaway one: commands that do not run where they are written. */
  protected discard(read: () => void): void {
    const saved = this.out;
    const end = this.statementEnd;
    this.out = [];
    try {
      read();
    } finally {
      this.out = saved;
      this.statementEnd = end;
    }
  }

  /** Over a newline: the bodies of the here-documents opened on the line come next. */
  protected newline(): void {
    this.pos++;
    if (this.pending.length === 0) return;
    const docs = this.pending;
    this.pending = [];
    for (const doc of docs) this.heredocBody(doc);
  }

  /** Blanks, comments and newlines (an operator like `&&` may be followed by any number of them). */
  protected skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== NL) return;
      this.newline();
    }
  }

  /** Whether here-documents wait for a body the script never gave. */
  protected unreadHeredoc(): Heredoc | undefined {
    return this.pending[0];
  }

  private heredocBody(doc: Heredoc): void {
    doc.bodyStart = this.pos;
    const src = this.src;
    while (this.pos < this.len) {
      const lineStart = this.pos;
      const nl = src.indexOf('\n', lineStart);
      const lineEnd = nl < 0 ? this.len : nl;
      let from = lineStart;
      if (doc.stripTabs) while (from < lineEnd && src.charCodeAt(from) === TAB) from++;
      this.pos = nl < 0 ? this.len : nl + 1;
      if (lineEnd - from === doc.delimiter.length && src.startsWith(doc.delimiter, from)) {
        doc.bodyEnd = lineStart;
        if (!doc.quoted) this.heredocExpansions(doc.bodyStart, lineStart);
        return;
      }
    }
    this.fail(doc.opened, `the here-document opened here is never closed with a "${doc.delimiter}" line`);
  }

  /** Whether a redirect starts at the cursor: `<`, `>`, `&>`, `2>`, `{fd}>`. */
  protected redirectAhead(): boolean {
    const c = this.peek();
    if (c === LT || c === GT) return !this.processSubstitutionAhead();
    if (c === AMP) return this.at(this.pos + 1) === GT;
    let i = this.pos;
    if (isDigit(c)) {
      while (isDigit(this.at(i))) i++;
    } else if (c === LBRACE && isNameStart(this.at(i + 1))) {
      i++;
      while (isNameChar(this.at(i))) i++;
      if (this.at(i) !== RBRACE) return false;
      i++;
    } else return false;
    const n = this.at(i);
    return n === LT || n === GT;
  }

  /** One redirect: operator, then its word; output to a file (fd 1) is a write, `<<` opens a here-document. */
  protected redirect(r: Redirects): void {
    const start = this.pos;
    while (this.peek() !== LT && this.peek() !== GT && this.peek() !== AMP) this.pos++;
    const fd = this.src.slice(start, this.pos);
    const op = ['&>>', '<<<', '<<-', '&>', '>>', '>|', '>&', '<&', '<>', '<<', '<', '>'].find((o) => this.looking(o))!;
    this.pos += op.length;
    this.skipBlanks();
    // `<& 1>f`: digits before `>` are the next redirect's descriptor, not this one's word (as in bash).
    const word = this.redirectAhead() ? undefined : this.readWord();
    if (!word) this.fail(start, `the redirect ${fd}${op} must be followed by a word`);
    if ((op === '>' || op === '>>' || op === '>|') && (fd === '' || fd === '1')) r.writes.push(word);
    if (op === '<<' || op === '<<-') {
      if (/^(?:[^'$]|'[^']*')*\$/.test(this.src.slice(word.start, word.end))) this.fail(word.start, 'a here-document delimiter cannot be an expansion');
      const raw = this.src.slice(word.start, word.end);
      const doc: Heredoc = { delimiter: delimiterText(raw), quoted: /['"\\]/.test(raw), stripTabs: op === '<<-', bodyStart: -1, bodyEnd: -1, opened: start };
      this.pending.push(doc);
      r.heredoc ??= doc;
    }
  }

  /**
   * After a statement: its writes go to its last command; its here-document, when it is the script a shell runs
   * (the statement is `<<EOF` alone or `sh <<EOF`), leaves a slot for the body's commands.
   */
  protected endStatement(first: number, r: Redirects, conditional: boolean): void {
    const out = this.out;
    if (r.writes.length && out.length > first) out[out.length - 1].writes = r.writes;
    if (!r.heredoc) return;
    const cmd = out.length === first + 1 ? out[first] : undefined;
    const program = cmd?.args[0]?.pieces;
    const shell = cmd !== undefined && !cmd.heredoc && cmd.args.length === 1 && program!.length === 1 && typeof program![0] === 'string' && SHELL_PROGRAMS.test(program![0]);
    if (out.length === first || shell) out.push({ assigns: [], args: [], conditional, next: '', prev: '', heredoc: r.heredoc });
  }

  /** `NAME=`, `NAME+=`, `NAME[i]=` at the cursor: the length up to and over the `=`, else 0. */
  protected assignmentAhead(): number {
    let i = this.pos;
    if (!isNameStart(this.at(i))) return 0;
    while (isNameChar(this.at(i))) i++;
    if (this.at(i) === LBRACKET) {
      let depth = 0;
      for (; i < this.len; i++) {
        const c = this.at(i);
        if (c === LBRACKET) depth++;
        else if (c === 93 && --depth === 0) break;
        else if (endsWord(c) && c !== 32) return 0;
      }
      i++;
    }
    if (this.at(i) === PLUS) i++;
    return this.at(i) === EQ ? i + 1 - this.pos : 0;
  }

  /** A command word `name[...]` that is not an assignment: an index with no `=` after it (bash's own error). */
  private checkIndexedName(): void {
    let i = this.pos;
    if (!isNameStart(this.at(i))) return;
    while (isNameChar(this.at(i))) i++;
    if (this.at(i) !== LBRACKET) return;
    let depth = 0;
    for (; i < this.len; i++) {
      const c = this.at(i);
      if (c === LBRACKET) depth++;
      else if (c === 93 && --depth === 0) break;
    }
    if (i >= this.len) this.fail(this.pos, 'the [ of this array index is never closed');
    this.fail(this.pos, `"${this.src.slice(this.pos, i + 1)}" must be followed by "=" to assign`);
  }

  /** `NAME=value`, `NAME=(a b)`: the cursor on the name, `length` up to the value. */
  protected assignment(length: number): ParsedAssign & { array?: boolean } {
    const start = this.pos;
    let nameEnd = start;
    while (isNameChar(this.at(nameEnd))) nameEnd++;
    const name = this.src.slice(start, nameEnd);
    this.pos += length;
    if (this.peek() === LPAREN) {
      this.arrayValue();
      return { name, start, end: this.pos, array: true };
    }
    const value = this.readWord();
    // `a[1]=x` assigns an element: an array too.
    const array = this.at(nameEnd) === LBRACKET;
    return value ? { name, value: value.pieces, start, end: value.end, array } : { name, start, end: this.pos, array };
  }

  /** `(a b [k]=v)`: words over any number of lines, up to the closing parenthesis. */
  private arrayValue(): void {
    const open = this.pos;
    this.pos++;
    for (;;) {
      this.skipLinebreaks();
      const c = this.peek();
      if (c === RPAREN) break;
      if (this.pos >= this.len) this.fail(open, 'the array opened here is never closed');
      if (!this.readWord()) this.fail(this.pos, `"${this.src[this.pos]}" cannot be an element of an array`);
    }
    this.pos++;
  }

  /** A simple command (or a declaration, or a function declaration); false when nothing is there. */
  protected simpleCommand(conditional: boolean, r: Redirects): boolean {
    const assigns: ParsedAssign[] = [];
    const args: ParsedWord[] = [];
    let redirected = false;
    let arrayAt: number | undefined;
    for (;;) {
      this.skipBlanks();
      if (this.redirectAhead()) {
        this.redirect(r);
        redirected = true;
        continue;
      }
      const c = this.peek();
      if (this.pos >= this.len || (endsWord(c) && !this.processSubstitutionAhead())) break;
      const assign = args.length === 0 ? this.assignmentAhead() : 0;
      if (assign) {
        const a = this.assignment(assign);
        if (a.array) arrayAt ??= a.start;
        assigns.push({ name: a.name, value: a.value, start: a.start, end: a.end });
        continue;
      }
      if (args.length === 0) this.checkIndexedName();
      args.push(this.readWord()!);
      if (args.length === 1 && assigns.length === 0) {
        const w = plainText(this.src, args[0]);
        if (DECLARATIONS.has(w)) return this.declaration(args[0], conditional, r);
        if (this.functionAhead()) return this.functionBody(args[0]);
      }
    }
    if (!args.length && !assigns.length) return redirected;
    if (args.length && arrayAt !== undefined) this.fail(arrayAt, 'an array cannot be assigned for one command only');
    this.out.push({ assigns, args, conditional, next: '', prev: '' });
    return true;
  }

  /** `export A=1 B $C -n`: one command whose words are the declarations. */
  private declaration(keyword: ParsedWord, conditional: boolean, r: Redirects): boolean {
    const args: ParsedWord[] = [keyword];
    for (;;) {
      this.skipBlanks();
      if (this.redirectAhead()) {
        this.redirect(r);
        continue;
      }
      if (this.pos >= this.len || (endsWord(this.peek()) && !this.processSubstitutionAhead())) break;
      const assign = this.assignmentAhead();
      if (assign) {
        const a = this.assignment(assign);
        const pieces: Piece[] = [`${a.name}=`, ...(a.value ?? [])];
        args.push({ pieces, start: a.start, end: a.end });
      } else args.push(this.readWord()!);
    }
    this.out.push({ assigns: [], args, conditional, next: '', prev: '', decl: true });
    return true;
  }

  /** After a command's first word: `(` `)` makes it a function declaration. */
  private functionAhead(): boolean {
    this.skipBlanks();
    return this.peek() === LPAREN;
  }

  /** `name() body`: the body is a compound command that does not run here. */
  protected functionBody(name: ParsedWord): boolean {
    this.pos++;
    this.skipBlanks();
    if (this.peek() !== RPAREN) this.fail(name.start, 'a function declaration needs "()" after its name');
    this.pos++;
    this.skipLinebreaks();
    const r: Redirects = { writes: [] };
    let found = false;
    this.discard(() => (found = this.compound(false, r)));
    if (!found) this.fail(name.start, 'the body of a function must be a compound command ({ ...; } or ( ... ))');
    return true;
  }
}

/** The text of a word written without quotes or expansions (keywords, declarations), else ''. */
export function plainText(src: string, w: ParsedWord): string {
  if (w.pieces.length !== 1 || typeof w.pieces[0] !== 'string') return '';
  return w.end - w.start === w.pieces[0].length ? w.pieces[0] : '';
}

/** The delimiter of `<<word`: its text with quotes and backslashes removed. */
function delimiterText(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === SQUOTE || c === DQUOTE) continue;
    if (c === BACKSLASH) i++;
    // A line continuation inside the delimiter joins its halves.
    if (i < raw.length && !(c === BACKSLASH && raw.charCodeAt(i) === NL)) out += raw[i];
  }
  return out;
}

