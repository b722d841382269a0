import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, editDistance, NameMatcher } from '../../../server/src/core/rules/util';

/** The plain definition the matcher must agree with: smallest distance within the limit, earliest on a tie. */
function naive(name: string, candidates: string[]): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(n, c.toLowerCase(), 2);
    const limit = Math.min(2, Math.floor(Math.max(n.length, c.length) / 3));
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Deterministic pseudo-random names over a small alphabet, so many are near each other. */
function names(count: number, seed: number): string[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => {
    const len = 1 + Math.floor(next() * 9);
    let s = '';
    for (let i = 0; i < len; i++) s += 'abAB_1'[Math.floor(next() * 6)];
    return s;
  });
}

/** The textbook Levenshtein table, unbounded. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

describe('editDistance', () => {
  it('is the Levenshtein distance when within the bound, and more than the bound otherwise', () => {
    const words = [...names(120, 3), '', 'a', 'é', 'x'.repeat(100), 'x'.repeat(99) + 'y'];
    for (const a of words) {
      for (const b of words.slice(0, 60)) {
        for (const max of [0, 1, 2, 3]) {
          const exact = levenshtein(a, b);
          const d = editDistance(a, b, max);
          if (exact <= max) assert.equal(d, exact, `${a} / ${b} within ${max}`);
          else assert.ok(d > max, `${a} / ${b}: ${d} should exceed ${max} (exact ${exact})`);
        }
      }
    }
  });
});

describe('NameMatcher (typo suggestions)', () => {
  it('agrees with the plain definition, with and without a prefix limit and self-exclusion', () => {
    const candidates = names(200, 7);
    const queries = [...names(150, 11), ...candidates.slice(0, 50)];
    const m = new NameMatcher(candidates);
    let suggested = 0;
    for (const q of queries) {
      const expected = naive(q, candidates);
      if (expected) suggested++;
      assert.equal(m.closest(q), expected, q);
      assert.equal(closest(q, candidates), expected, q);
      assert.equal(m.closest(q, { excludeSelf: true }), naive(q, candidates.filter((c) => c !== q)), `${q} excluding itself`);
      for (const before of [0, 1, 17, 100, 199, 200]) {
        assert.equal(m.closest(q, { before }), naive(q, candidates.slice(0, before)), `${q} before ${before}`);
      }
    }
    assert.ok(suggested > 20, 'the sample has suggestions to compare');
  });

  it('agrees with the plain definition with long names too (compared without the deletion index)', () => {
    const long = names(300, 5).map((x, i) => (i % 3 ? x : `${x}${'ab'.repeat(12)}`));
    const queries = [...long.slice(0, 80).map((x) => `${x}a`), ...long.slice(80, 120).map((x) => x.slice(1)), ...names(40, 23)];
    const m = new NameMatcher(long);
    for (const q of queries) {
      assert.equal(m.closest(q), naive(q, long), q);
      assert.equal(m.closest(q, { before: 150 }), naive(q, long.slice(0, 150)), `${q} before 150`);
    }
  });

  it('suggests a likely typo only', () => {
    const m = new NameMatcher(['builder', 'APP_VERSION', 'go']);
    assert.equal(m.closest('buidler'), 'builder');
    assert.equal(m.closest('app_versoin'), 'APP_VERSION');
    assert.equal(m.closest('runtime'), undefined);
    assert.equal(m.closest('GO'), 'go');
    assert.equal(m.closest('go', { excludeSelf: true }), undefined);
  });
});
