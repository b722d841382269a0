/**
 * Test only (not bundled): the product's former reader of RUN scripts, mvdan-sh (mvdan/sh's syntax package
 * compiled with GopherJS) turned into the same command list as server/src/core/commands/parser.ts, kept as the
 * reference the hand-written parser is compared with (test/unit/shellParser.test.ts). The code is the product's
 * as it was when mvdan-sh was replaced, minus the cache and the start-up hook; the plain split of a rejected
 * script and the offset shift of a here-document's commands are the product's own (imported, not copied).
 */
import type * as Mvdan from 'mvdan-sh';
import type { ShNode } from 'mvdan-sh';
import { fallbackSplit, MAX_PARSED_SCRIPT, type ParsedAssign, type ParsedCommand, type ParsedScript, type ParsedWord, type Piece } from '../../server/src/core/commands/parser';
import { shift } from '../../server/src/core/commands/scriptReader';

let mvdan: typeof Mvdan | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as the product did
const shSyntax = (): typeof Mvdan.syntax => (mvdan ??= require('mvdan-sh') as typeof Mvdan).syntax;

let parser: ReturnType<typeof Mvdan.syntax.NewParser> | undefined;

/** The simple commands of a shell script as the product read them with mvdan-sh (no cache). */
export function mvdanParseScript(script: string): ParsedScript {
  if (script.length > MAX_PARSED_SCRIPT) return { commands: fallbackSplit(script), parseError: 'script too long to parse' };
  return compile(script);
}

function compile(script: string): ParsedScript {
  const syntax = shSyntax();
  parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  let file: ShNode;
  try {
    file = parser.Parse(script, 'RUN');
  } catch (e) {
    const message = e instanceof Error ? e.message : String((e as { Error?: () => string })?.Error?.() ?? e);
    return { commands: fallbackSplit(script), parseError: message };
  }
  const offsets = charOffsets(script);
  // Reading the tree through the JS wrappers costs tens of microseconds per node access (each access builds a
  // wrapper by reflection): read the compiled objects underneath when their shape checks out.
  if (rawUsable() && offsets === undefined) {
    try {
      return { commands: compileTree(file.__internal_object__, RAW, script, offsets) };
    } catch {
      // fall through to the wrapped tree
    }
  }
  return { commands: compileTree(file, WRAPPED, script, offsets) };
}

/** Byte offset → character offset for a non-ASCII script (the parser counts UTF-8 bytes); undefined for ASCII. */
function charOffsets(script: string): number[] | undefined {
  if (!/[^\x00-\x7f]/.test(script)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < script.length; i++) {
    const c = script.codePointAt(i)!;
    const bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) out.push(i);
    if (c >= 0x10000) i++;
  }
  out.push(script.length);
  return out;
}

/** How to read a node: its type name, a list of children, whether a pointer is nil. */
interface Reader {
  type(node: ShNode): string;
  list(v: unknown): ShNode[];
  isNil(v: unknown): boolean;
}

const WRAPPED: Reader = {
  type: (node) => shSyntax().NodeType(node),
  list,
  isNil: (v) => !v,
};

/** GopherJS objects: `*syntax.X` pointers (a nil pointer is its type's `nil`), slices with $array/$offset/$length. */
const RAW: Reader = {
  type(node) {
    const t = (node as { constructor?: { string?: unknown } })?.constructor?.string;
    return typeof t === 'string' && t.startsWith('*syntax.') ? t.slice(8) : '';
  },
  list(v) {
    const arr = v as { $array?: unknown[]; $offset?: number; $length?: number } | undefined;
    if (!arr || !Array.isArray(arr.$array) || typeof arr.$length !== 'number') return [];
    const off = arr.$offset ?? 0;
    return arr.$array.slice(off, off + arr.$length) as ShNode[];
  },
  isNil(v) {
    if (v === null || v === undefined) return true;
    const c = (v as { constructor?: { nil?: unknown } }).constructor;
    return c?.nil === v || RAW.type(v as ShNode) === '';
  },
};

const RAW_PROBE =
  'A=1 B="x$A" echo "a$B" \'q r\' ${C:-d} ${#E} $(f) $((1+2)) x\\ y && export P=1 Q=$P || g $P; ' +
  'if h; then i "$A"; elif j; then k; else l; fi; case $m in n) o;; *) p;; esac; for q in 1 2; do r; done; ' +
  'while s; do t; done; { u; }; (v | w); f() { x; }; y >/dev/null 2>&1 & z |& zz\n<<EOF\nh1 && h2\nEOF\n';
/** What the probe's commands are, as `program:prev:next:conditional` (first word's first piece). */
const RAW_PROBE_SHAPE =
  'echo::&&:0 export:&&:||:0 g:||::1 h:::0 i:::1 j:::1 k:::1 l:::1 o:::1 p:::1 r:::0 t:::0 u:::0 v::|:0 w:|::0 y::&:0 z::|&:0 zz:|&::0 h1::&&:0 h2:&&::0';

let rawChecked: boolean | undefined;
/**
 * Whether the raw reader reads this build of the parser: the probe, which has every node kind we read, gives the
 * commands it must. Only the raw reader runs here: reading the probe through the wrappers too cost tens of
 * milliseconds on the first RUN of a fresh process (every node access builds a wrapper by reflection). That both readers agree on the probe
 * was checked by the product's tests (rawMatchesWrapped) while it used mvdan-sh.
 */
function rawUsable(): boolean {
  if (rawChecked !== undefined) return rawChecked;
  // The probe's heredoc body is parsed (compile) while the probe is read: that nested read takes the wrapped
  // reader instead of probing again (which recursed until the stack overflowed: seconds on the first RUN).
  rawChecked = false;
  try {
    const file = parser!.Parse(RAW_PROBE, 'probe');
    const commands = compileTree(file.__internal_object__, RAW, RAW_PROBE, undefined);
    const shape = commands.map((c) => `${c.args[0]?.pieces[0] ?? ''}:${c.prev}:${c.next}:${c.conditional ? 1 : 0}`).join(' ');
    rawChecked = shape === RAW_PROBE_SHAPE && commands[0].assigns.length === 2 && commands[0].args.length === 8;
  } catch {
    rawChecked = false;
  }
  return rawChecked;
}

/**
 * For tests: the raw and the wrapped readers' commands of a script (the probe when none is given), as JSON, and
 * whether the raw reader passes its start-up check.
 */
export function rawMatchesWrapped(script: string = RAW_PROBE): { raw: string; wrapped: string; usable: boolean } {
  const syntax = shSyntax();
  parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  const file = parser.Parse(script, 'probe');
  return {
    raw: JSON.stringify(compileTree(file.__internal_object__, RAW, script, undefined)),
    wrapped: JSON.stringify(compileTree(file, WRAPPED, script, undefined)),
    usable: rawUsable(),
  };
}

/** The numeric values of the binary operators in the Go enum, found once from parsed samples. */
let binaryOps: Map<unknown, string> | undefined;
function binaryOp(op: unknown): string {
  if (!binaryOps) {
    binaryOps = new Map();
    for (const o of ['&&', '||', '|', '|&']) binaryOps.set(list(parser!.Parse(`a ${o} b`, 'op').Stmts)[0]?.Cmd?.Op, o);
  }
  return binaryOps.get(op) ?? '';
}

let heredocOps: Set<unknown> | undefined;
function isHeredocOp(op: unknown): boolean {
  heredocOps ??= new Set(['<<', '<<-'].map((o) => list(list(parser!.Parse(`a ${o}E\nx\nE\n`, 'op').Stmts)[0]?.Redirs)[0]?.Op));
  return heredocOps.has(op);
}

let outputOps: Set<unknown> | undefined;
function isOutputOp(op: unknown): boolean {
  outputOps ??= new Set(['>', '>>', '>|'].map((o) => list(list(parser!.Parse(`a ${o}f`, 'op').Stmts)[0]?.Redirs)[0]?.Op));
  return outputOps.has(op);
}

const SHELL_PROGRAMS = /^(\/(usr\/)?bin\/)?(sh|bash|ash|dash)$/;

function compileTree(file: ShNode, r: Reader, script: string, offsets: number[] | undefined): ParsedCommand[] {
  const compiler = new TreeCompiler(r, script, offsets);
  compiler.visit(file, false);
  return compiler.out;
}

/** Walks mvdan-sh's syntax tree into the command list; offsets are mapped back to the script's (UTF-16) ones. */
class TreeCompiler {
  readonly out: ParsedCommand[] = [];

  constructor(
    private readonly r: Reader,
    private readonly script: string,
    private readonly offsets: number[] | undefined,
  ) {}

  private at(byte: unknown): number {
    const b = Number(byte);
    return this.offsets ? (this.offsets[Math.min(b, this.offsets.length - 1)] ?? this.script.length) : b;
  }
  private pos(node: ShNode): number {
    return this.at(node.Pos().Offset());
  }
  private end(node: ShNode): number {
    return this.at(node.End().Offset());
  }
  private word(w: ShNode): ParsedWord {
    return { pieces: wordPieces(w, this.r), start: this.pos(w), end: this.end(w) };
  }

  visit(node: ShNode | null | undefined, conditional: boolean): void {
    const r = this.r;
    if (r.isNil(node)) return;
    switch (r.type(node!)) {
      case 'File':
      case 'Block':
      case 'Subshell':
        for (const s of r.list(node!.Stmts)) this.visit(s, conditional);
        return;
      case 'Stmt':
        this.visitStmt(node!, conditional);
        return;
      case 'BinaryCmd':
        this.visitBinary(node!, conditional);
        return;
      case 'IfClause':
        for (const s of r.list(node!.Cond)) this.visit(s, conditional);
        for (const s of r.list(node!.Then)) this.visit(s, true);
        if (!r.isNil(node!.Else)) this.visit(node!.Else, true);
        return;
      case 'CaseClause':
        for (const item of r.list(node!.Items)) for (const s of r.list(item.Stmts)) this.visit(s, true);
        return;
      case 'ForClause':
      case 'WhileClause':
        for (const s of r.list(node!.Do)) this.visit(s, conditional);
        return;
      case 'CallExpr':
        this.visitCall(node!, conditional);
        return;
      case 'DeclClause':
        this.visitDecl(node!, conditional);
        return;
      default:
        return; // function bodies are not run where they are declared
    }
  }

  /**
   * a && b: b runs when a succeeds (treated as running); a || b: b is a fallback. `a && b && c ...` nests to the
   * left: walk that spine in a loop, not by recursion (a RUN may chain tens of thousands of commands).
   */
  private visitBinary(node: ShNode, conditional: boolean): void {
    const r = this.r;
    const out = this.out;
    const spine: ShNode[] = [];
    let cmd: ShNode | null | undefined = node;
    let leftmost: ShNode | null | undefined;
    while (!r.isNil(cmd) && r.type(cmd!) === 'BinaryCmd') {
      spine.push(cmd!);
      leftmost = cmd!.X;
      cmd = r.isNil(leftmost) ? undefined : leftmost!.Cmd;
    }
    const first = out.length;
    this.visit(leftmost, conditional);
    for (let i = spine.length - 1; i >= 0; i--) {
      const op = binaryOp(spine[i].Op);
      if (out.length > first) out[out.length - 1].next = op;
      const before = out.length;
      this.visit(spine[i].Y, conditional || op === '||');
      if (out.length > before) out[before].prev = op;
    }
  }

  private visitCall(node: ShNode, conditional: boolean): void {
    const r = this.r;
    const assigns: ParsedAssign[] = [];
    for (const a of r.list(node.Assigns)) {
      const name = r.isNil(a.Name) ? undefined : (a.Name.Value as string);
      if (name) assigns.push({ name, value: r.isNil(a.Value) ? undefined : wordPieces(a.Value, r), start: this.pos(a), end: this.end(a) });
    }
    const args = r.list(node.Args).map((w) => this.word(w));
    if (args.length || assigns.length) this.out.push({ assigns, args, conditional, next: '', prev: '' });
  }

  /** export, declare, local, readonly ...: one command whose arguments are the declarations. */
  private visitDecl(node: ShNode, conditional: boolean): void {
    const r = this.r;
    if (r.isNil(node.Variant)) return;
    const args: ParsedWord[] = [{ pieces: [String(node.Variant.Value)], start: this.pos(node.Variant), end: this.end(node.Variant) }];
    for (const a of r.list(node.Args)) {
      const name = r.isNil(a.Name) ? undefined : String(a.Name.Value);
      const value = r.isNil(a.Value) ? undefined : wordPieces(a.Value, r);
      const pieces: Piece[] = name === undefined ? (value ?? []) : a.Naked ? [name] : [`${name}=`, ...(value ?? [])];
      args.push({ pieces, start: this.pos(a), end: this.end(a) });
    }
    this.out.push({ assigns: [], args, conditional, next: '', prev: '', decl: true });
  }

  private visitStmt(stmt: ShNode, conditional: boolean): void {
    const out = this.out;
    const first = out.length;
    this.visit(stmt.Cmd, conditional);
    if (stmt.Background && out.length > first) out[out.length - 1].next = '&';
    // `cmd > file`: the statement's output file belongs to its (last) command.
    const r = this.r;
    const writes = r.list(stmt.Redirs).filter((d) => isOutputOp(d.Op) && !r.isNil(d.Word) && (r.isNil(d.N) || String(d.N.Value) === '1'));
    if (writes.length && out.length > first) out[out.length - 1].writes = writes.map((d) => this.word(d.Word));
    // `<<EOF` alone, or `sh <<EOF`: the heredoc body is the script the shell runs (as BuildKit does).
    const cmd = out.length === first + 1 ? out[first] : undefined;
    const program = cmd?.args[0]?.pieces;
    const bare = out.length === first || (cmd && cmd.args.length === 1 && program?.length === 1 && typeof program[0] === 'string' && SHELL_PROGRAMS.test(program[0]));
    if (bare) this.visitHeredocScript(stmt, conditional);
  }

  /** The commands of the statement's first heredoc, the script a bare `<<EOF` or `sh <<EOF` runs. */
  private visitHeredocScript(stmt: ShNode, conditional: boolean): void {
    const r = this.r;
    for (const redir of r.list(stmt.Redirs)) {
      if (!isHeredocOp(redir.Op) || r.isNil(redir.Hdoc)) continue;
      const start = this.pos(redir.Hdoc);
      // The word's end may take in the closing delimiter line: the body stops before it.
      const delimiter = r.isNil(redir.Word) ? '' : wordPieces(redir.Word, r).filter((p): p is string => typeof p === 'string').join('');
      let body = this.script.slice(start, this.end(redir.Hdoc));
      const last = body.lastIndexOf('\n') + 1;
      if (delimiter && body.slice(last).replace(/^\t+/, '').trimEnd() === delimiter) body = body.slice(0, last);
      for (const c of mvdanParseScript(body).commands) this.out.push(shift(c, start, conditional));
      break;
    }
  }
}


function list(v: unknown): ShNode[] {
  if (!v) return [];
  if (Array.isArray(v)) return v as ShNode[];
  const arr = v as { length?: number; $array?: unknown[]; $offset?: number; $length?: number };
  if (arr.$array && typeof arr.$length === 'number') return arr.$array.slice(arr.$offset ?? 0, (arr.$offset ?? 0) + arr.$length) as ShNode[];
  if (typeof arr.length === 'number') return Array.from(v as ArrayLike<ShNode>);
  return [];
}

function wordPieces(word: ShNode, r: Reader): Piece[] {
  const out: Piece[] = [];
  for (const p of r.list(word.Parts)) partPieces(p, r, out);
  return out;
}

function partPieces(part: ShNode, r: Reader, out: Piece[]): void {
  switch (r.type(part)) {
    case 'Lit':
      out.push(String(part.Value).replace(/\\(.)/g, '$1'));
      return;
    case 'SglQuoted':
      out.push(String(part.Value));
      return;
    case 'DblQuoted':
      for (const p of r.list(part.Parts)) partPieces(p, r, out);
      return;
    case 'ParamExp': {
      const name = r.isNil(part.Param) ? undefined : (part.Param.Value as string | undefined);
      if (!name) out.push('$?');
      else if (r.isNil(part.Exp) && r.isNil(part.Repl) && r.isNil(part.Slice) && !part.Length) out.push({ v: name });
      else out.push(`$${name}`);
      return;
    }
    case 'CmdSubst':
      out.push('$(...)');
      return;
    case 'ArithmExp':
      out.push('$((...))');
      return;
    default:
      return;
  }
}

