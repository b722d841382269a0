/** Parsed commands evaluated with the caller's variables: the argv a script runs, as far as it is literal. */
import { parseScript, type ParsedCommand, type Piece } from './parser';

export interface EvaluatedCommand {
  /** Words with quotes removed; unresolved expansions as `$NAME`/`$(...)`. */
  argv: string[];
  /** Inside an if/case/loop/|| branch: may or may not run. */
  conditional: boolean;
}

/** Assignments (`A=b cmd`, `A=b`) and `export A=b` stay assigned for the later commands. */
export function evaluate(commands: ParsedCommand[], vars: (name: string) => string | undefined = () => undefined): EvaluatedCommand[] {
  const out: EvaluatedCommand[] = [];
  const assigned = new Map<string, string>();
  const lookup = (n: string) => assigned.get(n) ?? vars(n);
  const text = (w: Piece[]) => {
    let s = '';
    for (const p of w) s += typeof p === 'string' ? p : (lookup(p.v) ?? `$${p.v}`);
    return s;
  };
  for (const c of commands) {
    // As the estimator always read scripts: a declaration clause is not followed.
    if (c.decl) continue;
    for (const a of c.assigns) if (a.value) assigned.set(a.name, text(a.value));
    if (!c.args.length) continue;
    const argv = c.args.map((w) => text(w.pieces));
    out.push({ argv, conditional: c.conditional });
    if (argv[0] === 'export') {
      for (const kv of argv.slice(1)) {
        const eq = kv.indexOf('=');
        if (eq > 0) assigned.set(kv.slice(0, eq), kv.slice(eq + 1));
      }
    }
  }
  return out;
}

export interface ParsedShell {
  commands: EvaluatedCommand[];
  /** The parser rejected the script; commands come from a plain split instead. */
  parseError?: string;
}

/** A script outside a Dockerfile model (tests, tools): parsed (cached by text) and evaluated. */
export function parseShell(script: string, vars?: (name: string) => string | undefined): ParsedShell {
  const parsed = parseScript(script);
  return { commands: evaluate(parsed.commands, vars), parseError: parsed.parseError };
}
