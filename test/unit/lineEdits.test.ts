import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits, lineEdits } from '../../server/src/core/internal';

const GO = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nEXPOSE 8080\nCMD ["./server"]\n';
const GO_MULTI =
  'FROM golang:1.22 AS build\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o server .\n\nFROM gcr.io/distroless/static-debian12\nWORKDIR /app\nCOPY --from=build /app/server /app/server\nEXPOSE 8080\nCMD ["./server"]\n';

/** A seeded generator (mulberry32), so a failure names the inputs it saw. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('lineEdits', () => {
  it('no edit for equal texts', () => {
    assert.deepEqual(lineEdits(GO, GO), []);
  });

  it('a conversion changes only the lines it rewrites, each run of them one edit', () => {
    const edits = lineEdits(GO, GO_MULTI);
    assert.equal(applyTextEdits(GO, edits), GO_MULTI);
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.end.line, e.newText]),
      [
        [0, 1, 'FROM golang:1.22 AS build\n'],
        [3, 4, 'RUN CGO_ENABLED=0 go build -o server .\n\nFROM gcr.io/distroless/static-debian12\nWORKDIR /app\nCOPY --from=build /app/server /app/server\n'],
      ],
    );
    for (const e of edits) assert.equal(e.range.start.character + e.range.end.character, 0, 'whole lines');
  });

  it('inserts and deletes whole lines; keeps CRLF; handles a last line without a line break', () => {
    const cases: [string, string][] = [
      ['a\nb\nc\n', 'a\nc\n'],
      ['a\nc\n', 'a\nb\nc\n'],
      ['', 'FROM x\n'],
      ['FROM x\n', ''],
      ['FROM x', 'FROM y'],
      ['FROM x', 'FROM x\nRUN y'],
      ['FROM x\nRUN y', 'FROM x'],
      ['FROM x\r\nRUN y\r\n', 'FROM x AS b\r\nRUN y\r\n\r\nFROM z\r\n'],
      ['a\rb\rc', 'a\rB\rc'],
    ];
    for (const [from, to] of cases) assert.equal(applyTextEdits(from, lineEdits(from, to)), to, JSON.stringify([from, to]));
    assert.deepEqual(lineEdits('a\nb\nc\n', 'a\nc\n'), [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: '' }]);
    assert.deepEqual(lineEdits('a\nc\n', 'a\nb\nc\n'), [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'b\n' }]);
  });

  it('random line edits: applying the answer gives the new text, and no unchanged line is touched', () => {
    const next = random(15);
    const words = ['FROM a', 'RUN b', 'COPY . .', '', '# c', 'CMD d'];
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: Math.floor(next() * 12) }, () => words[Math.floor(next() * words.length)]);
      const changed = lines.filter(() => next() > 0.3).map((l) => (next() > 0.7 ? `${l} x` : l));
      if (next() > 0.5) changed.splice(Math.floor(next() * (changed.length + 1)), 0, 'NEW');
      const from = lines.join('\n') + (next() > 0.5 ? '\n' : '');
      const to = changed.join('\n') + (next() > 0.5 ? '\n' : '');
      const edits = lineEdits(from, to);
      assert.equal(applyTextEdits(from, edits), to, JSON.stringify([from, to]));
      // Minimal: the lines the edits replace number (original lines) - (lines of a longest common subsequence).
      const replaced = edits.reduce((n, e) => n + (e.range.end.line - e.range.start.line) + (e.range.end.character > 0 ? 1 : 0), 0);
      const a = from.split(/(?<=\n)/);
      const b = to.split(/(?<=\n)/);
      const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
      for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      assert.ok(replaced <= a.length - lcs[0][0], `${replaced} lines replaced, ${a.length - lcs[0][0]} needed: ${JSON.stringify([from, to])}`);
    }
  });
});
