/**
 * RUN scripts as a flat list of simple commands with their words, positions, operators and whether they may
 * not run, read by our own bash reader (scriptReader.ts and the script*.ts files under it). The one reader of
 * RUN scripts: the command model (runCommands.ts) calls it, rules and the size estimator read its result.
 */
import { ScriptSyntaxError } from './scriptCursor';
import { readScript } from './scriptReader';

/** Part of a word: literal text, or a variable looked up at evaluation (`$NAME` when unknown). */
export type Piece = string | { v: string };

export interface ParsedWord {
  pieces: Piece[];
  /** Offsets in the parsed script (characters). */
  start: number;
  end: number;
}

export interface ParsedAssign {
  name: string;
  /** undefined for `A=` with no value word (nothing is assigned to the estimator's variables). */
  value?: Piece[];
  start: number;
  end: number;
}

export interface ParsedCommand {
  /** `NAME=value` prefixes (or a bare assignment when args is empty). */
  assigns: ParsedAssign[];
  args: ParsedWord[];
  /** Inside an if/case/loop/|| branch: may or may not run. */
  conditional: boolean;
  /** The operator that ends the command (`&&`, `||`, `|`, `|&`, `&`) or ''. */
  next: string;
  /** The operator before it ('' for the first of a statement). */
  prev: string;
  /** A declaration (`export A=1`, `declare`, `readonly`): args are its words; the estimator does not follow it. */
  decl?: boolean;
  /** Files its standard output is written to (`> f`, `>> f`, `1> f`). */
  writes?: ParsedWord[];
}

export interface ParsedScript {
  commands: ParsedCommand[];
  /** The parser rejected the script (or it is too long): commands come from a plain split. */
  parseError?: string;
}

// The longest RUN in the 300-file corpus and the official images is 3.5 kB; past 20 kB a script is split plainly
// (it is not a script a person edits, and the parse runs on every keystroke).
export const MAX_PARSED_SCRIPT = 20_000;

/**
 * Parsed scripts by text, least recently used first out. A keystroke changes one RUN, so the others are not
 * parsed again. Bounded by count and total script size.
 */
const CACHE_ENTRIES = 4096;
const CACHE_CHARS = 2_000_000;
const cache = new Map<string, ParsedScript>();
let cachedChars = 0;

/** The simple commands of a shell script, in order. Never throws. */
export function parseScript(script: string): ParsedScript {
  if (script.length > MAX_PARSED_SCRIPT) return { commands: fallbackSplit(script), parseError: 'script too long to parse' };
  const hit = cache.get(script);
  if (hit) {
    cache.delete(script);
    cache.set(script, hit);
    return hit;
  }
  const parsed = compile(script);
  if (script.length <= CACHE_CHARS / 8) {
    cache.set(script, parsed);
    cachedChars += script.length;
    for (const [k] of cache) {
      if (cache.size <= CACHE_ENTRIES && cachedChars <= CACHE_CHARS) break;
      cache.delete(k);
      cachedChars -= k.length;
    }
  }
  return parsed;
}

// Every kind of statement, word and redirect the parser reads, for warmShellParser.
const WARM_UP =
  'A=1 B="x$A" echo "a$B" \'q r\' ${C:-d} ${#E} $(f) `g` $((1+2)) x\\ y && export P=1 Q=$P || h $P; ' +
  'if [[ -n $A ]]; then i "$A"; elif (( A > 1 )); then k; else l; fi; case $m in n|o) p;; *) q;; esac; ' +
  'for r in 1 2; do s; done; while t; do u; done; { v; }; (w | x); f() { y; }; z >/dev/null 2>&1 &\n<<EOF\nh1 && h2\nEOF\n';

/**
 * Parses a small script with every construct once (≈ 4 ms in a fresh process, mostly V8 compiling the parser;
 * not cached), so that the first validation does not pay for that; the language server calls it when idle.
 */
export function warmShellParser(): ParsedScript {
  return compile(WARM_UP);
}

// Heredoc scripts inside heredoc scripts (`sh <<A` whose body runs `sh <<B` ...) are parsed by recursion: past
// this depth the whole script is split plainly rather than risk the stack.
const MAX_HEREDOC_NESTING = 64;
let heredocNesting = 0;

function nestedScript(body: string): ParsedCommand[] {
  if (heredocNesting >= MAX_HEREDOC_NESTING) throw new RangeError('heredoc scripts nested too deep');
  heredocNesting++;
  try {
    return parseScript(body).commands;
  } finally {
    heredocNesting--;
  }
}

function compile(script: string): ParsedScript {
  try {
    return { commands: readScript(script, nestedScript) };
  } catch (e) {
    if (e instanceof ScriptSyntaxError) return { commands: fallbackSplit(script), parseError: errorText(script, e) };
    // What else lands here is a heredoc script nested too deep to follow: the outermost script is split plainly.
    if (heredocNesting > 0) throw e;
    return { commands: fallbackSplit(script), parseError: e instanceof Error ? e.message : String(e) };
  }
}

/** `line:column: text`, as shells report syntax errors (1-based, columns in characters). */
function errorText(script: string, e: ScriptSyntaxError): string {
  const at = Math.min(e.offset, script.length);
  const lineStart = script.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = script.indexOf('\n'); i >= 0 && i < lineStart; i = script.indexOf('\n', i + 1)) line++;
  return `${line}:${at - lineStart + 1}: ${e.text}`;
}

/** When the parser gives up (broken input, or a script too long to parse): split on `&&`, `;`, `|`, newlines and blanks. */
export function fallbackSplit(script: string): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  const re = /&&|\|\||;|\||\n/g;
  let from = 0;
  for (;;) {
    const m = re.exec(script);
    const stop = m ? m.index : script.length;
    const args: ParsedWord[] = [];
    const word = /\S+/g;
    const part = script.slice(from, stop);
    for (let w = word.exec(part); w; w = word.exec(part)) args.push({ pieces: [w[0].replace(/^["']|["']$/g, '')], start: from + w.index, end: from + w.index + w[0].length });
    if (args.length) out.push({ assigns: [], args, conditional: false, next: m ? m[0] : '', prev: '' });
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}
