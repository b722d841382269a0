/**
 * Wildcard patterns from the user's files (a `.dockerignore` line, a COPY source glob, a stage reference with
 * variables) matched without backtracking. A RegExp built from such a pattern backtracks on a text that almost
 * matches, in time that grows as the text's length to the power of the number of wildcards: a 291-byte
 * Dockerfile whose last FROM was `$A$A…` (70 variables, each a `.*`) took 12 s to parse into a model. Here the
 * pattern runs as a set of positions over the text, one character at a time: at most text length × pattern
 * length steps.
 */

/** One character the glob's `covers` allows (`?`). */
export const ONE = 1;
/** A run, possibly empty, of characters `covers` allows (`*`). */
export const RUN = 2;
/** A run, possibly empty, of any characters (`**`, a variable). */
export const ANY = 3;
/** A literal character (one UTF-16 unit), or a wildcard. */
export type GlobToken = string | typeof ONE | typeof RUN | typeof ANY;

export interface Glob {
  readonly tokens: readonly GlobToken[];
  /** The characters ONE and RUN cover. */
  readonly covers: (ch: string) => boolean;
  /** Literals match either case (the tokens' literals are then lower-case). */
  readonly ignoreCase?: boolean;
}

/** Adds, for every active position before a RUN or ANY, the position after it (the run may be empty). */
function close(tokens: readonly GlobToken[], states: Uint8Array): void {
  for (let p = 0; p < tokens.length; p++) if (states[p] && (tokens[p] === RUN || tokens[p] === ANY)) states[p + 1] = 1;
}

/** The positions active after `ch`, from those in `from`, into `to` (closed). Whether any is. */
function step(glob: Glob, from: Uint8Array, ch: string, to: Uint8Array): boolean {
  const { tokens } = glob;
  to.fill(0);
  let active = false;
  for (let p = 0; p < tokens.length; p++) {
    if (!from[p]) continue;
    const t = tokens[p];
    if (t === ANY || (t === RUN && glob.covers(ch))) to[p] = 1;
    else if ((t === ONE && glob.covers(ch)) || t === ch) to[p + 1] = 1;
    else continue;
    active = true;
  }
  close(tokens, to);
  return active;
}

/** Whether the whole text matches the glob. */
export function globMatches(glob: Glob, text: string): boolean {
  const m = glob.tokens.length;
  const input = glob.ignoreCase ? text.toLowerCase() : text;
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  cur[0] = 1;
  close(glob.tokens, cur);
  for (let i = 0; i < input.length; i++) {
    if (!step(glob, cur, input[i], next)) return false;
    [cur, next] = [next, cur];
  }
  return cur[m] === 1;
}

/** Whether some part of the text, starting where `startsAt(i)` and ending where `endsAt(j)` allows, matches the glob. */
export function globFind(glob: Glob, text: string, startsAt: (i: number) => boolean, endsAt: (j: number) => boolean): boolean {
  const m = glob.tokens.length;
  const input = glob.ignoreCase ? text.toLowerCase() : text;
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  for (let i = 0; ; i++) {
    if (startsAt(i)) {
      cur[0] = 1;
      close(glob.tokens, cur);
    }
    if (cur[m] && endsAt(i)) return true;
    if (i === input.length) return false;
    step(glob, cur, input[i], next);
    [cur, next] = [next, cur];
  }
}

/**
 * The fixed directory of a path: the part before the segment that holds its first wildcard (`*`, `?`, `[`),
 * without the slash (`target/*.jar` -> `target`, `/app/dist/**` -> `/app/dist`, `*.jar` -> ``); the path itself when
 * it has no wildcard. Found by index, not by a RegExp: `/\/?[^/]*[*?[].*$/` tries every start over the rest of a
 * long segment, which took 4.8 s on a 50 KB COPY source (the fuzzer's).
 */
export function fixedDirectory(path: string): string {
  const wildcard = path.search(/[*?[]/);
  if (wildcard < 0) return path;
  const slash = path.lastIndexOf('/', wildcard);
  return slash < 0 ? '' : path.slice(0, slash);
}
