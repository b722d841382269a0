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
