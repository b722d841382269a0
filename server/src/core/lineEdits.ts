/**
 * The smallest set of whole-line edits that turns one text into another: a line diff (Myers' O(ND)
 * algorithm) between the original and the rewritten text, each run of changed lines one TextEdit. A
 * conversion applied through these edits changes only the lines it rewrites, so an editor's diff, its refactor
 * preview and its undo show just what changed (one replace of the whole file shows every line as changed).
 */
import type { TextEdit } from 'vscode-languageserver-types';

/** The text split after each line break (`\r\n`, `\n`, lone `\r`); the last piece has none (it may be empty). */
function linesWithBreaks(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */ && text.charCodeAt(i + 1) === 10) i++;
    if (ch === 13 || ch === 10) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * Pairs of equal lines (indices into a and b, increasing in both) of a longest common subsequence,
 * by Myers' greedy algorithm with the trace kept for the walk back.
 */
function commonLines(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the furthest x on each diagonal before round d.
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the trace, collecting the diagonal (equal) steps.
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = prev[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  return pairs.reverse();
}

/**
 * The line-range edits that turn `original` into `updated`: none when they are equal. Each edit replaces
 * whole lines of the original (from the start of its first line to the start of the line after its last)
 * with whole lines of the new text; edits do not overlap and are in document order.
 */
export function lineEdits(original: string, updated: string): TextEdit[] {
  if (original === updated) return [];
  const a = linesWithBreaks(original);
  const b = linesWithBreaks(updated);
  // The common head and tail first: conversions keep most lines, and Myers then runs on the rest only.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const pairs = commonLines(midA, midB).map(([i, j]) => [i + head, j + head] as [number, number]);
  pairs.push([a.length - tail, b.length - tail]);

  // The position where line i of the original starts; past the last line: the end of the text.
  const lastLine = a.length - 1;
  const at = (i: number) => (i <= lastLine ? { line: i, character: 0 } : { line: lastLine, character: a[lastLine].length });
  const edits: TextEdit[] = [];
  let i = head;
  let j = head;
  for (const [pi, pj] of pairs) {
    if (pi > i || pj > j) edits.push({ range: { start: at(i), end: at(pi) }, newText: b.slice(j, pj).join('') });
    i = pi + 1;
    j = pj + 1;
  }
  return edits;
}

/** Applies non-overlapping edits to a text (what an editor does with lineEdits' answer). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 13 && text.charCodeAt(k + 1) === 10) k++;
    if (ch === 13 || ch === 10) starts.push(k + 1);
  }
  const offset = (p: { line: number; character: number }) => (p.line < starts.length ? Math.min(starts[p.line] + p.character, text.length) : text.length);
  const sorted = [...edits].sort((x, y) => offset(y.range.start) - offset(x.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
