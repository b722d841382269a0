/**
 * The shell script reader (bash dialect): statements, `&&`/`||` chains, pipelines and compound commands, read
 * by recursive descent straight into the flat command list of parser.ts (no syntax tree). Chains and pipelines
 * are read in loops, so a long chain does not deepen the stack; nesting is bounded (scriptCursor.ts).
 *
 * What runs conditionally: commands after `||`, in if/elif/else branches and in case branches. Commands of
 * function bodies, while/until conditions, `[[ ]]`, `(( ))`, `let`, `time` and coproc are not listed.
 */
import type { ParsedCommand } from './parser';
import { AMP, GT, LPAREN, NL, PIPE, RPAREN, SEMI, ScriptSyntaxError, endsWord } from './scriptCursor';
import { skipArithmetic } from './scriptArithmetic';
import { CommandReader, type Redirects, type Slot, plainText } from './scriptCommands';

/** Words that end a list: the caller decides whether the one found is the one it waits for. */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);

/**
 * The commands of a script; throws ScriptSyntaxError where the script is broken. `nested` reads the body of a
 * here-document that is itself a script.
 */
export function readScript(script: string, nested: (body: string) => ParsedCommand[]): ParsedCommand[] {
  const reader = new ScriptReader(script);
  reader.script();
  return expandSlots(reader.out, script, nested);
}

/** Here-document slots replaced by the commands of their bodies (offsets moved to the script's). */
function expandSlots(slots: Slot[], script: string, nested: (body: string) => ParsedCommand[]): ParsedCommand[] {
  if (!slots.some((s) => s.heredoc)) return slots;
  const out: ParsedCommand[] = [];
  for (const s of slots) {
    if (!s.heredoc) {
      out.push(s);
      continue;
    }
    const { bodyStart, bodyEnd } = s.heredoc;
    const cmds = bodyStart < 0 ? [] : nested(script.slice(bodyStart, bodyEnd)).map((c) => shift(c, bodyStart, s.conditional));
    if (!cmds.length) continue;
    if (s.prev) cmds[0].prev = s.prev;
    if (s.next) cmds[cmds.length - 1].next = s.next;
    if (s.writes) cmds[cmds.length - 1].writes = s.writes;
    out.push(...cmds);
  }
  return out;
}

/** A command of a nested script (a here-document's) moved to the outer script's offsets. */
export function shift(c: ParsedCommand, by: number, conditional: boolean): ParsedCommand {
  return {
    ...c,
    conditional: c.conditional || conditional,
    assigns: c.assigns.map((a) => ({ ...a, start: a.start + by, end: a.end + by })),
    args: c.args.map((w) => ({ ...w, start: w.start + by, end: w.end + by })),
    writes: c.writes?.map((w) => ({ ...w, start: w.start + by, end: w.end + by })),
  };
}

class ScriptReader extends CommandReader {
  /** Where the last `&&`, `||`, `|` or `!` was (an error after it points at it). */
  private opAt = 0;

  script(): void {
    this.list(false);
    if (this.pos < this.len) this.unexpected();
    const doc = this.unreadHeredoc();
    if (doc) this.fail(this.len, `the here-document ending with "${doc.delimiter}" has no body`);
  }

  /** Statements up to a closing word, `)`, `;;` or the end; returns how many were read. */
  protected list(conditional: boolean): number {
    let count = 0;
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.len || this.closerAhead()) return count;
      const background = this.andOr(conditional);
      count++;
      this.skipBlanks();
      const c = this.peek();
      if (background) continue;
      if (c === SEMI && this.at(this.pos + 1) !== SEMI && this.at(this.pos + 1) !== AMP) this.pos++;
      else if (c !== NL) return count;
    }
  }

  private closerAhead(): boolean {
    const c = this.peek();
    if (c === RPAREN) return true;
    if (c === SEMI) return this.at(this.pos + 1) === SEMI || this.at(this.pos + 1) === AMP;
    return CLOSERS.has(this.bareWord());
  }

  /** What is at the cursor cannot be there: a closing word or operator without its opening. */
  protected unexpected(): never {
    if (this.pos >= this.len) this.fail(this.pos, 'the script ends where a command is due');
    if (this.peek() === NL) this.fail(this.pos, 'the line ends where a command is due');
    const word = this.bareWord();
    if (CLOSERS.has(word) || word === 'in') this.fail(this.pos, `"${word}" has nothing to close here`);
    if (word) this.fail(this.pos, `"${word}" cannot be here: a ";" or a new line must come before it`);
    const c = this.peek();
    const op = c === SEMI || c === AMP || c === PIPE ? this.src.slice(this.pos, this.pos + (this.at(this.pos + 1) === c ? 2 : 1)) : this.src[this.pos];
    this.fail(this.pos, `"${op}" cannot be here`);
  }

  /** Pipelines joined by `&&` / `||`, and a final `&` (returns whether there is one): a loop, however long the chain. */
  private andOr(conditional: boolean): boolean {
    const first = this.out.length;
    let single = this.pipeline(conditional, '') === 1;
    for (;;) {
      this.skipBlanks();
      const op = this.looking('&&') ? '&&' : this.looking('||') ? '||' : '';
      if (!op) break;
      this.opAt = this.pos;
      this.pos += 2;
      this.skipLinebreaks();
      if (this.out.length > first) this.out[this.out.length - 1].next = op;
      const before = this.out.length;
      this.pipeline(conditional || op === '||', op);
      if (this.out.length > before) this.out[before].prev = op;
      single = false;
    }
    if (this.peek() === AMP && this.at(this.pos + 1) !== AMP && this.at(this.pos + 1) !== GT) {
      this.pos++;
      // `a &`: the statement's own last command; `a && b &`: the chain's last, here-document commands included.
      const last = single ? this.statementEnd - 1 : this.out.length - 1;
      if (last >= first && last < this.out.length) this.out[last].next = '&';
      return true;
    }
    return false;
  }

  /** Commands joined by `|` / `|&`, after an optional `!`; returns how many. */
  private pipeline(conditional: boolean, after: string): number {
    this.skipBlanks();
    if (this.bareWord() === '!') {
      this.opAt = this.pos;
      this.skipKeyword();
      this.skipBlanks();
      if (this.bareWord() === '!') this.fail(this.pos, '"!" cannot follow "!"');
      after = '!';
    }
    if (this.bareWord() === 'time') {
      this.skipKeyword();
      this.skipBlanks();
      if (this.looking('-p') && (this.at(this.pos + 2) === 32 || this.at(this.pos + 2) === 9)) this.pos += 2;
      // `time` alone times nothing, and is allowed.
      const c = this.peek();
      if (!(this.pos >= this.len || c === NL || c === SEMI || c === AMP || c === PIPE || c === RPAREN)) this.discard(() => this.pipeline(false, ''));
      this.statementEnd = this.out.length;
      return 1;
    }
    const out = this.out;
    const first = out.length;
    this.statement(conditional, after);
    let count = 1;
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== PIPE || this.at(this.pos + 1) === PIPE) return count;
      const op = this.at(this.pos + 1) === AMP ? '|&' : '|';
      this.opAt = this.pos;
      this.pos += op.length;
      this.skipLinebreaks();
      if (out.length > first) out[out.length - 1].next = op;
      const before = out.length;
      this.statement(conditional, op);
      count++;
      if (out.length > before) out[before].prev = op;
    }
  }

  /** One command with its redirects (a pipeline element); `after` names the operator before it, for errors. */
  private statement(conditional: boolean, after: string): void {
    const first = this.out.length;
    const r: Redirects = { writes: [] };
    this.skipBlanks();
    const word = this.bareWord();
    if (word === ']]') this.fail(this.pos, '"]]" closes nothing here');
    // `a && fi`: a closing word where a command is due (bash and mvdan-sh reject it too).
    if (CLOSERS.has(word)) this.unexpected();
    const found = this.compound(conditional, r) || this.simpleCommand(conditional, r);
    if (!found) {
      if (after) this.fail(this.opAt, `"${after}" must be followed by a command`);
      this.unexpected();
    }
    this.statementEnd = this.out.length;
    this.endStatement(first, r, conditional);
  }

  /** A compound command at the cursor, with the redirects after it; false when there is none. */
  protected compound(conditional: boolean, r: Redirects): boolean {
    const open = this.pos;
    const word = this.bareWord();
    const c = this.peek();
    if (c === LPAREN && this.at(open + 1) === LPAREN) {
      this.pos += 2;
      skipArithmetic(this, '))', open);
    } else if (c === LPAREN) this.group(conditional, open, ')');
    else if (!this.compoundWord(word, conditional, open)) return false;
    for (;;) {
      this.skipBlanks();
      if (!this.redirectAhead()) return true;
      this.redirect(r);
    }
  }

  private compoundWord(word: string, conditional: boolean, open: number): boolean {
    switch (word) {
      case '{':
        this.group(conditional, open, '}');
        return true;
      case 'if':
        this.ifClause(conditional, open);
        return true;
      case 'while':
      case 'until':
        this.skipKeyword();
        this.discard(() => this.expectList(false, open, word));
        this.doGroup(conditional, open, word);
        return true;
      case 'for':
      case 'select':
        this.forClause(conditional, open, word);
        return true;
      case 'case':
        this.caseClause(open);
        return true;
      case '[[':
        this.skipKeyword();
        this.testClause(open);
        return true;
      case 'function':
        this.functionClause(open);
        return true;
      case 'let':
        this.skipKeyword();
        this.skipBlanks();
        if (this.pos >= this.len || endsWord(this.peek())) this.fail(open, '"let" needs an arithmetic expression after it');
        this.discard(() => this.simpleCommand(false, { writes: [] }));
        return true;
      case 'coproc':
        this.opAt = open;
        this.skipKeyword();
        this.coprocName();
        this.discard(() => this.statement(false, 'coproc'));
        return true;
      default:
        return false;
    }
  }

  /** `coproc NAME { ...; }`: the name is skipped when a compound command follows it. */
  private coprocName(): void {
    this.skipBlanks();
    const name = this.bareWord();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return;
    const saved = this.pos;
    this.skipKeyword();
    this.skipBlanks();
    const next = this.bareWord();
    if (this.peek() !== LPAREN && next !== '{' && next !== 'if' && next !== 'while' && next !== 'for' && next !== 'case' && next !== 'until') this.pos = saved;
  }

  /** `( list )` or `{ list; }`. */
  private group(conditional: boolean, open: number, close: string): void {
    this.enter(open);
    this.pos++;
    this.list(conditional);
    this.expectClose(close, open, close === ')' ? 'the ( opened here is never closed' : 'the { opened here is never closed with "}"');
    this.leave();
  }

  private expectClose(close: string, open: number, text: string): void {
    this.skipLinebreaks();
    if (close === ')' ? this.peek() !== RPAREN : this.bareWord() !== close) {
      if (this.pos < this.len && !this.closerAhead()) this.unexpected();
      this.fail(open, text);
    }
    if (close === ')') this.pos++;
    else this.skipKeyword();
  }

  /** A list that must have a statement, ended by the caller's keyword. */
  private expectList(conditional: boolean, open: number, keyword: string): void {
    if (this.list(conditional) === 0) {
      this.skipLinebreaks();
      if (this.pos < this.len && !this.closerAhead()) this.unexpected();
      this.fail(this.pos < this.len ? this.pos : open, `"${keyword}" must be followed by a command`);
    }
  }

  private ifClause(conditional: boolean, open: number): void {
    this.enter(open);
    this.skipKeyword();
    this.expectList(conditional, open, 'if');
    this.expectClose('then', open, 'an if statement needs "then"');
    this.expectList(true, open, 'then');
    for (;;) {
      const word = this.bareWord();
      if (word === 'elif') {
        this.skipKeyword();
        this.expectList(true, open, 'elif');
        this.expectClose('then', open, 'an elif needs "then"');
        this.expectList(true, open, 'then');
      } else if (word === 'else') {
        this.skipKeyword();
        this.expectList(true, open, 'else');
      } else break;
    }
    this.expectClose('fi', open, 'the if statement opened here is never closed with "fi"');
    this.leave();
  }

  /** `do list done` (the loop body runs, or not, but is not a branch). */
  private doGroup(conditional: boolean, open: number, keyword: string): void {
    this.enter(open);
    this.skipLinebreaks();
    if (this.bareWord() === '{') {
      this.group(conditional, this.pos, '}');
      this.leave();
      return;
    }
    this.expectClose('do', open, `the ${keyword} loop needs "do"`);
    this.expectList(conditional, open, 'do');
    this.expectClose('done', open, `the ${keyword} loop opened here is never closed with "done"`);
    this.leave();
  }

  private forClause(conditional: boolean, open: number, keyword: string): void {
    this.skipKeyword();
    this.skipBlanks();
    if (keyword === 'for' && this.looking('((')) {
      this.pos += 2;
      skipArithmetic(this, '))', open, 3);
      this.skipBlanks();
      if (this.peek() === SEMI) this.pos++;
      this.doGroup(conditional, open, keyword);
      return;
    }
    const name = this.readWord();
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(plainText(this.src, name))) this.fail(open, `"${keyword}" must be followed by a variable name`);
    this.skipLinebreaks();
    if (this.bareWord() === 'in') {
      this.skipKeyword();
      for (;;) {
        this.skipBlanks();
        if (this.pos >= this.len || this.peek() === NL || this.peek() === SEMI) break;
        if (!this.readWord()) this.unexpected();
      }
      if (this.peek() === SEMI) this.pos++;
    } else if (this.peek() === SEMI) this.pos++;
    this.doGroup(conditional, open, keyword);
  }

  /** `case word in (pattern|pattern) list ;; ... esac`: each branch may or may not run. */
  private caseClause(open: number): void {
    this.enter(open);
    this.skipKeyword();
    this.skipBlanks();
    if (!this.readWord()) this.fail(open, '"case" must be followed by a word');
    this.skipLinebreaks();
    if (this.bareWord() !== 'in') this.fail(open, 'a case statement needs "in" after its word');
    this.skipKeyword();
    for (;;) {
      this.skipLinebreaks();
      if (this.bareWord() === 'esac') break;
      if (this.pos >= this.len) this.fail(open, 'the case statement opened here is never closed with "esac"');
      this.casePatterns();
      this.list(true);
      this.skipLinebreaks();
      if (this.looking(';;&')) this.pos += 3;
      else if (this.looking(';;') || this.looking(';&')) this.pos += 2;
      else if (this.bareWord() !== 'esac') {
        if (this.pos < this.len) this.unexpected();
        this.fail(open, 'the case statement opened here is never closed with "esac"');
      }
    }
    this.skipKeyword();
    this.leave();
  }

  private casePatterns(): void {
    this.inPattern = true;
    try {
      this.patterns();
    } finally {
      this.inPattern = false;
    }
  }

  private patterns(): void {
    if (this.peek() === LPAREN) this.pos++;
    for (;;) {
      this.skipBlanks();
      const at = this.pos;
      if (!this.readWord()) this.fail(at, 'a case pattern is missing');
      this.skipBlanks();
      if (this.peek() === RPAREN) {
        this.pos++;
        return;
      }
      if (this.peek() !== PIPE) this.fail(this.pos, 'a case pattern must be followed by "|" or ")"');
      this.pos++;
    }
  }

  /** `function name [()] body`. */
  private functionClause(open: number): void {
    this.skipKeyword();
    this.skipBlanks();
    const name = this.readWord();
    if (!name) this.fail(open, '"function" must be followed by a name');
    this.skipBlanks();
    if (this.peek() === LPAREN) {
      this.functionBody(name);
      return;
    }
    this.skipLinebreaks();
    let found = false;
    this.discard(() => (found = this.compound(false, { writes: [] })));
    if (!found) this.fail(open, 'the body of a function must be a compound command ({ ...; } or ( ... ))');
  }

  protected substitution(open: number): void {
    this.enter(open);
    this.discard(() => this.list(false));
    this.skipLinebreaks();
    if (this.peek() !== RPAREN) {
      if (this.pos < this.len) this.unexpected();
      this.fail(open, 'the $( opened here is never closed');
    }
    this.pos++;
    this.leave();
  }

  protected backquoted(text: string, open: number): void {
    const inner = new ScriptReader(text);
    try {
      inner.script();
    } catch (e) {
      if (e instanceof ScriptSyntaxError) this.fail(open, `in the backquoted command here: ${e.text}`);
      throw e;
    }
  }

  /** `[[ expression ]]`: checked, not listed (it runs no program). */
  private testClause(open: number): void {
    this.enter(open);
    this.testOr(open);
    this.skipLinebreaks();
    if (this.bareWord() !== ']]') this.fail(this.pos < this.len ? this.pos : open, 'the [[ opened here is never closed with "]]"');
    this.skipKeyword();
    this.leave();
  }

  private testOr(open: number): void {
    for (;;) {
      this.testNot(open);
      this.skipLinebreaks();
      if (!this.looking('&&') && !this.looking('||')) return;
      this.pos += 2;
    }
  }

  private testNot(open: number): void {
    this.skipLinebreaks();
    while (this.bareWord() === '!') {
      this.skipKeyword();
      this.skipLinebreaks();
    }
    if (this.peek() === LPAREN) {
      this.enter(this.pos);
      this.pos++;
      this.testOr(open);
      this.skipLinebreaks();
      if (this.peek() !== RPAREN) this.fail(this.pos, 'a ( inside [[ ]] is never closed');
      this.pos++;
      this.leave();
      return;
    }
    const first = this.testWord(open);
    if (UNARY_TESTS.has(first)) {
      this.testWord(open);
      return;
    }
    this.skipBlanks();
    const op = this.testOperator();
    if (!op) return;
    if (op === '=~') this.regex();
    else this.testWord(open);
  }

  private testWord(open: number): string {
    this.skipBlanks();
    const word = this.bareWord();
    if (word === ']]' || word === '&&' || word === '||') this.fail(this.pos, '[[ ]] needs an expression here');
    const w = this.readWord();
    if (!w) this.fail(this.pos < this.len ? this.pos : open, '[[ ]] needs an expression here');
    return plainText(this.src, w);
  }

  private testOperator(): string {
    const c = this.peek();
    if (c === 60 || c === 62) {
      this.pos++;
      return '<';
    }
    const word = this.bareWord();
    if (!word || word === ']]' || word === '&&' || word === '||') return '';
    if (!BINARY_TESTS.has(word)) this.fail(this.pos, `"${word}" is not a [[ ]] operator`);
    this.skipKeyword();
    return word;
  }

  /** Blanks then `]]` from the cursor: the end of the test, even inside an unbalanced parenthesis of a regex. */
  private closingTestAfter(): boolean {
    let i = this.pos;
    while (this.at(i) === 32 || this.at(i) === 9) i++;
    return this.src.startsWith(']]', i);
  }

  /** The right side of `=~`: a word in which parentheses and `|` are part of the pattern. */
  private regex(): void {
    this.skipBlanks();
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.len) {
      const c = this.peek();
      if (c === LPAREN) depth++;
      else if (c === RPAREN) {
        if (depth === 0) break;
        depth--;
      } else if ((c === 32 || c === 9 || c === NL) && (depth === 0 || this.closingTestAfter())) break;
      else if (c === 92) this.pos++;
      else if (c === 39 || c === 34 || c === 96 || (c === 36 && /[({A-Za-z_0-9@*#?$!-]/.test(this.src[this.pos + 1] ?? ''))) {
        this.expansionPart();
        continue;
      }
      this.pos++;
    }
    if (this.pos === start) this.fail(start, '"=~" must be followed by a pattern');
  }
}

const UNARY_TESTS = new Set('-a -b -c -d -e -f -g -h -k -p -r -s -t -u -w -x -G -L -N -O -S -z -n -o -v -R'.split(' '));
const BINARY_TESTS = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
