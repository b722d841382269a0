/**
 * core/text.ts: line splitting and the trailing trims read by index. The trims answer as the RegExps they replaced
 * (`/\/+$/`, `/\s+AS\s+\S+\s*$/i`) on random strings, and at once on the long runs that made those quadratic.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeLineStarts, splitLines, trimTrailingSlashes, withoutStageName } from '../../server/src/core/text';

/** A deterministic pseudo-random source (an LCG). */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}
const draw = (r: () => number, parts: string[], most: number) => Array.from({ length: Math.floor(r() * (most + 1)) }, () => parts[Math.floor(r() * parts.length)]).join('');

describe('text', () => {
  it('splits lines and finds their starts', () => {
    assert.deepEqual(splitLines('a\r\nb\nc'), ['a', 'b', 'c']);
    assert.deepEqual(computeLineStarts('a\nbc\n'), [0, 2, 5]);
  });
  it('trims trailing slashes as /\\/+$/ did (5,000 random paths), and at once after 200,000 slashes', () => {
    const r = random(3);
    for (let i = 0; i < 5000; i++) {
      const s = draw(r, ['/', '//', 'a', '.', ' '], 8);
      assert.equal(trimTrailingSlashes(s), s.replace(/\/+$/, ''), JSON.stringify(s));
    }
    const long = `a${'/'.repeat(200_000)}b`;
    assert.equal(trimTrailingSlashes(long), long);
    assert.equal(trimTrailingSlashes(`/app${'/'.repeat(200_000)}`), '/app');
  });
  it("takes a FROM line's stage name off as /\\s+AS\\s+\\S+\\s*$/i did (5,000 random lines), and at once after 200,000 blanks", () => {
    const r = random(7);
    const old = (t: string) => (/\s+AS\s+\S+\s*$/i.test(t) ? t.replace(/\s+AS\s+\S+\s*$/i, '') : undefined);
    for (let i = 0; i < 5000; i++) {
      const s = draw(r, ['FROM', ' ', '  ', '\t', 'as', 'AS', 'As', 'x', 'node:20', '\\\n', 'a s'], 7);
      assert.equal(withoutStageName(s), old(s), JSON.stringify(s));
    }
    assert.equal(withoutStageName('FROM node:20 AS build  '), 'FROM node:20');
    assert.equal(withoutStageName('FROM node:20'), undefined);
    assert.equal(withoutStageName(`FROM a${' '.repeat(200_000)}x`), undefined);
    assert.equal(withoutStageName(`FROM a${' '.repeat(200_000)}AS b`), 'FROM a');
  });
});
