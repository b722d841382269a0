/**
 * RUN commands through a real shell parser (mvdan/sh, as `mvdan-sh`): the simple commands a RUN executes,
 * in order, with their words resolved where they are literal. Words holding an expansion keep a `$NAME`
 * placeholder unless the variable is known (the stage's ENV/ARG values).
 */
import type * as Mvdan from 'mvdan-sh';
import type { ShNode } from 'mvdan-sh';

// mvdan-sh is 1.3 MB of GopherJS and ~16 MB of memory: loaded on the first RUN parse, not at start-up (the
// CLI's lint and a server that never estimates do not pay for it). The bundler still resolves this literal.
declare const require: (id: 'mvdan-sh') => typeof Mvdan;
let mvdan: typeof Mvdan | undefined;
const shSyntax = (): typeof Mvdan.syntax => (mvdan ??= require('mvdan-sh')).syntax;

export interface ShellCommand {
  /** Words with quotes removed; unresolved expansions as `$NAME`/`$(...)`. */
  argv: string[];
  /** Inside an if/case/loop/|| branch: may or may not run. */
  conditional: boolean;
}

export interface ParsedShell {
  commands: ShellCommand[];
  /** The parser rejected the script; commands come from a plain split instead. */
  parseError?: string;
}

let parser: ReturnType<typeof Mvdan.syntax.NewParser> | undefined;

// The longest RUN in the 300-file corpus and the official images is 3.5 kB; the parser takes ≈ 40 ms per kB of a
// single line, so past 20 kB it would hold the server for a second or more: such a script is split plainly.
const MAX_PARSED_SCRIPT = 20_000;

/** Part of a word: literal text, or a variable looked up at evaluation (`$NAME` when unknown). */
type Piece = string | { v: string };
type Word = Piece[];
/** A script's effects in order: an assignment (`A=b cmd`, `A=b`), or a simple command. */
type Op = { assign: string; value: Word } | { argv: Word[]; conditional: boolean };
interface Compiled {
  ops: Op[];
  parseError?: string;
  /** The parser rejected the script: commands from a plain split, which no variable changes. */
  fallback?: ShellCommand[];
}

/**
 * Parsed scripts by text, least recently used first out. A keystroke changes one RUN, so the others are not
 * parsed again; the variable look-ups are still applied per call. Bounded by count and total script size.
 */
const CACHE_ENTRIES = 4096;
const CACHE_CHARS = 2_000_000;
const cache = new Map<string, Compiled>();
let cachedChars = 0;

export function parseShell(script: string, vars: (name: string) => string | undefined = () => undefined): ParsedShell {
  // A script this long is not a hand-written RUN: split it plainly rather than hold a deep parse tree.
  if (script.length > MAX_PARSED_SCRIPT) return { commands: fallbackSplit(script), parseError: 'script too long to parse' };
  let compiled = cache.get(script);
  if (compiled) {
    cache.delete(script);
    cache.set(script, compiled);
  } else {
    compiled = compile(script);
    if (script.length <= CACHE_CHARS / 8) {
      cache.set(script, compiled);
      cachedChars += script.length;
      for (const [k] of cache) {
        if (cache.size <= CACHE_ENTRIES && cachedChars <= CACHE_CHARS) break;
        cache.delete(k);
        cachedChars -= k.length;
      }
    }
  }
  if (compiled.fallback) return { commands: compiled.fallback.map((c) => ({ argv: [...c.argv], conditional: c.conditional })), parseError: compiled.parseError };
  return { commands: evaluate(compiled.ops, vars) };
}

/** Runs the compiled effects with the caller's variables: the same words the tree walk would give. */
function evaluate(ops: Op[], vars: (name: string) => string | undefined): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const assigned = new Map<string, string>();
  const lookup = (n: string) => assigned.get(n) ?? vars(n);
  const text = (w: Word) => {
    let out = '';
    for (const p of w) out += typeof p === 'string' ? p : (lookup(p.v) ?? `$${p.v}`);
    return out;
  };
  for (const op of ops) {
    if ('assign' in op) {
      assigned.set(op.assign, text(op.value));
      continue;
    }
    const argv = op.argv.map(text);
    commands.push({ argv, conditional: op.conditional });
    if (argv[0] === 'export') {
      for (const kv of argv.slice(1)) {
        const eq = kv.indexOf('=');
        if (eq > 0) assigned.set(kv.slice(0, eq), kv.slice(eq + 1));
      }
    }
  }
  return commands;
}

function compile(script: string): Compiled {
  const syntax = shSyntax();
  parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  let file: ShNode;
  try {
    file = parser.Parse(script, 'RUN');
  } catch (e) {
    const message = e instanceof Error ? e.message : String((e as { Error?: () => string })?.Error?.() ?? e);
    return { ops: [], fallback: fallbackSplit(script), parseError: message };
  }
  // Reading the tree through the JS wrappers costs tens of microseconds per node access (each access builds a
  // wrapper by reflection): read the compiled objects underneath when their shape checks out.
  if (rawUsable() && !/[^\x00-\x7f]/.test(script)) {
    try {
      return { ops: compileTree(file.__internal_object__, RAW) };
    } catch {
      // fall through to the wrapped tree
    }
  }
  return { ops: compileTree(file, WRAPPED) };
}

/** How to read a node: its type name, a child, a list of children, whether a pointer is nil. */
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

let rawChecked: boolean | undefined;
/** Whether the raw reader gives the wrapped reader's result on a script with every node kind we read. */
function rawUsable(): boolean {
  if (rawChecked !== undefined) return rawChecked;
  const probe =
    'A=1 B="x$A" echo "a$B" \'q r\' ${C:-d} ${#E} $(f) $((1+2)) x\\ y && export P=1 Q=$P || g $P; ' +
    'if h; then i "$A"; elif j; then k; else l; fi; case $m in n) o;; *) p;; esac; for q in 1 2; do r; done; ' +
    'while s; do t; done; { u; }; (v | w); f() { x; }; y >/dev/null 2>&1 &';
  try {
    const file = parser!.Parse(probe, 'probe');
    const a = JSON.stringify(compileTree(file.__internal_object__, RAW));
    const b = JSON.stringify(compileTree(file, WRAPPED));
    rawChecked = a === b && a.length > 100;
  } catch {
    rawChecked = false;
  }
  return rawChecked;
}

function compileTree(file: ShNode, r: Reader): Op[] {
  const ops: Op[] = [];
  const visit = (node: ShNode | null | undefined, conditional: boolean): void => {
    if (r.isNil(node)) return;
    const type = r.type(node!);
    switch (type) {
      case 'File':
      case 'Block':
      case 'Subshell':
        for (const s of r.list(node!.Stmts)) visit(s, conditional);
        return;
      case 'Stmt':
        visit(node!.Cmd, conditional);
        return;
      case 'BinaryCmd': {
        // a && b: b runs when a succeeds (treated as running); a || b: b is a fallback.
        // `a && b && c ...` nests to the left: walk that spine in a loop, not by recursion (a RUN may chain
        // tens of thousands of commands).
        const spine: ShNode[] = [];
        let cmd: ShNode | null | undefined = node;
        let leftmost: ShNode | null | undefined;
        while (!r.isNil(cmd) && r.type(cmd!) === 'BinaryCmd') {
          spine.push(cmd!);
          leftmost = cmd!.X;
          cmd = r.isNil(leftmost) ? undefined : leftmost!.Cmd;
        }
        visit(leftmost, conditional);
        const or = orOp();
        for (let i = spine.length - 1; i >= 0; i--) visit(spine[i].Y, conditional || spine[i].Op === or);
        return;
      }
      case 'IfClause':
        for (const s of r.list(node!.Cond)) visit(s, conditional);
        for (const s of r.list(node!.Then)) visit(s, true);
        if (!r.isNil(node!.Else)) visit(node!.Else, true);
        return;
      case 'CaseClause':
        for (const item of r.list(node!.Items)) for (const s of r.list(item.Stmts)) visit(s, true);
        return;
      case 'ForClause':
      case 'WhileClause':
        for (const s of r.list(node!.Do)) visit(s, conditional);
        return;
      case 'FuncDecl':
        return;
      case 'CallExpr': {
        for (const a of r.list(node!.Assigns)) {
          const name = r.isNil(a.Name) ? undefined : a.Name.Value;
          if (name && !r.isNil(a.Value)) ops.push({ assign: name, value: wordPieces(a.Value, r) });
        }
        const argv = r.list(node!.Args).map((w) => wordPieces(w, r));
        if (argv.length) ops.push({ argv, conditional });
        return;
      }
      default:
        return;
    }
  };
  visit(file, false);
  return ops;
}

let orOpValue: unknown;
function orOp(): unknown {
  if (orOpValue === undefined) {
    // The operator is a number in the Go enum; find it once from a parsed `a || b`.
    const f = parser!.Parse('a || b', 'op');
    orOpValue = list(f.Stmts)[0]?.Cmd?.Op;
  }
  return orOpValue;
}

function list(v: unknown): ShNode[] {
  if (!v) return [];
  if (Array.isArray(v)) return v as ShNode[];
  const arr = v as { length?: number; $array?: unknown[]; $offset?: number; $length?: number };
  if (arr.$array && typeof arr.$length === 'number') return arr.$array.slice(arr.$offset ?? 0, (arr.$offset ?? 0) + arr.$length) as ShNode[];
  if (typeof arr.length === 'number') return Array.from(v as ArrayLike<ShNode>);
  return [];
}

function wordPieces(word: ShNode, r: Reader): Word {
  const out: Word = [];
  for (const p of r.list(word.Parts)) partPieces(p, r, out);
  return out;
}

function partPieces(part: ShNode, r: Reader, out: Word): void {
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

/** When the parser gives up (broken input): split on `&&`, `;`, `|` and whitespace. Never throws. */
function fallbackSplit(script: string): ShellCommand[] {
  return script
    .split(/&&|\|\||;|\||\n/)
    .map((s) => s.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^["']|["']$/g, '')))
    .filter((argv) => argv.length > 0)
    .map((argv) => ({ argv, conditional: false }));
}
