/**
 * RUN commands through a real shell parser (mvdan/sh, as `mvdan-sh`): the simple commands a RUN executes,
 * in order, with their words resolved where they are literal. Words holding an expansion keep a `$NAME`
 * placeholder unless the variable is known (the stage's ENV/ARG values).
 */
import { syntax, ShNode } from 'mvdan-sh';

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

let parser: ReturnType<typeof syntax.NewParser> | undefined;

const MAX_PARSED_SCRIPT = 200_000;

export function parseShell(script: string, vars: (name: string) => string | undefined = () => undefined): ParsedShell {
  parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  let file: ShNode;
  // A script this long is not a hand-written RUN: split it plainly rather than hold a deep parse tree.
  if (script.length > MAX_PARSED_SCRIPT) return { commands: fallbackSplit(script), parseError: 'script too long to parse' };
  try {
    file = parser.Parse(script, 'RUN');
  } catch (e) {
    const message = e instanceof Error ? e.message : String((e as { Error?: () => string })?.Error?.() ?? e);
    return { commands: fallbackSplit(script), parseError: message };
  }
  const commands: ShellCommand[] = [];
  const assigned = new Map<string, string>();
  const lookup = (n: string) => assigned.get(n) ?? vars(n);
  const visit = (node: ShNode | null | undefined, conditional: boolean): void => {
    if (!node) return;
    const type = syntax.NodeType(node);
    switch (type) {
      case 'File':
      case 'Block':
      case 'Subshell':
        for (const s of list(node.Stmts)) visit(s, conditional);
        return;
      case 'Stmt':
        visit(node.Cmd, conditional);
        return;
      case 'BinaryCmd': {
        // a && b: b runs when a succeeds (treated as running); a || b: b is a fallback.
        // `a && b && c ...` nests to the left: walk that spine in a loop, not by recursion (a RUN may chain
        // tens of thousands of commands).
        const spine: ShNode[] = [];
        let cmd: ShNode | null | undefined = node;
        let leftmost: ShNode | null | undefined;
        while (cmd && syntax.NodeType(cmd) === 'BinaryCmd') {
          spine.push(cmd);
          leftmost = cmd.X;
          cmd = leftmost?.Cmd;
        }
        visit(leftmost, conditional);
        for (let i = spine.length - 1; i >= 0; i--) visit(spine[i].Y, conditional || spine[i].Op === orOp());
        return;
      }
      case 'IfClause':
        for (const s of list(node.Cond)) visit(s, conditional);
        for (const s of list(node.Then)) visit(s, true);
        if (node.Else) visit(node.Else, true);
        return;
      case 'CaseClause':
        for (const item of list(node.Items)) for (const s of list(item.Stmts)) visit(s, true);
        return;
      case 'ForClause':
      case 'WhileClause':
        for (const s of list(node.Do)) visit(s, conditional);
        return;
      case 'FuncDecl':
        return;
      case 'CallExpr': {
        for (const a of list(node.Assigns)) {
          const n = a.Name?.Value;
          if (n && a.Value) assigned.set(n, wordText(a.Value, lookup));
        }
        const argv = list(node.Args).map((w) => wordText(w, lookup));
        if (argv.length) {
          commands.push({ argv, conditional });
          if (argv[0] === 'export') {
            for (const kv of argv.slice(1)) {
              const eq = kv.indexOf('=');
              if (eq > 0) assigned.set(kv.slice(0, eq), kv.slice(eq + 1));
            }
          }
        }
        return;
      }
      default:
        return;
    }
  };
  visit(file, false);
  return { commands };
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

function wordText(word: ShNode, lookup: (n: string) => string | undefined): string {
  return list(word.Parts).map((p) => partText(p, lookup)).join('');
}

function partText(part: ShNode, lookup: (n: string) => string | undefined): string {
  switch (syntax.NodeType(part)) {
    case 'Lit':
      return String(part.Value).replace(/\\(.)/g, '$1');
    case 'SglQuoted':
      return String(part.Value);
    case 'DblQuoted':
      return list(part.Parts).map((p) => partText(p, lookup)).join('');
    case 'ParamExp': {
      const name = part.Param?.Value as string | undefined;
      if (!name) return '$?';
      const v = !part.Exp && !part.Repl && !part.Slice && !part.Length ? lookup(name) : undefined;
      return v ?? `$${name}`;
    }
    case 'CmdSubst':
      return '$(...)';
    case 'ArithmExp':
      return '$((...))';
    default:
      return '';
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
