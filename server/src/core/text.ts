/**
 * Lines as LSP (and dockerfile-ast's TextDocument) count them: `\r\n`, `\n` and a lone `\r` each end a line.
 * Every feature that maps between offsets and positions, or splits a Dockerfile into lines, uses these.
 */
const LINE_BREAK = /\r\n|\r|\n/;

export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** Offset of the first character of each line. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The line ending the text mostly uses (for edits that insert lines). */
export function eolOf(text: string): string {
  const crlf = text.indexOf('\r\n');
  if (crlf >= 0) return '\r\n';
  if (text.indexOf('\n') < 0 && text.indexOf('\r') >= 0) return '\r';
  return '\n';
}

/** Text as a literal inside a RegExp (names taken from a Dockerfile may hold `[`, `+`, `(` ...). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/*
 * Trailing trims by index. A RegExp anchored only at its end (`/\/+$/`, `/\s+AS\s+\S+\s*$/i`) starts again at every
 * character of a long run of what it matches, each start reading to the end of the run: quadratic (40,000 slashes
 * before a letter: 0.9 s; a 200 KB line: half a minute).
 */

/** `s` without the slashes it ends with (`/app//` -> `/app`, `///` -> ``). */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * A FROM line without its `AS name` (and the blanks before it), or undefined when it names no stage: what
 * `/\s+AS\s+\S+\s*$/i` finds, read from the end by index.
 */
export function withoutStageName(fromLine: string): string | undefined {
  const t = fromLine.trimEnd();
  const isBlank = (k: number) => /\s/.test(t[k]);
  let k = t.length;
  while (k > 0 && !isBlank(k - 1)) k--; // the name
  if (k === t.length || k === 0) return undefined;
  let j = k;
  while (j > 0 && isBlank(j - 1)) j--; // the blanks before it
  if (j < 2 || t.slice(j - 2, j).toLowerCase() !== 'as' || j - 2 === 0 || !isBlank(j - 3)) return undefined;
  return t.slice(0, j - 2).trimEnd();
}
