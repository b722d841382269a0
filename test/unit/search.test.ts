import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionPoint } from '../../server/src/core/search';

describe('partitionPoint', () => {
  it('counts the leading indices that satisfy the predicate, as a linear scan would', () => {
    let x = 17;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
    for (let trial = 0; trial < 200; trial++) {
      const sorted = Array.from({ length: next() % 40 }, () => next() % 50).sort((a, b) => a - b);
      for (const probe of [-1, 0, 7, 25, 49, 50, 60]) {
        const linear = sorted.filter((v) => v < probe).length;
        assert.equal(partitionPoint(sorted.length, (i) => sorted[i] < probe), linear, `${sorted} < ${probe}`);
        assert.equal(partitionPoint(sorted.length, (i) => sorted[i] <= probe), sorted.filter((v) => v <= probe).length);
      }
    }
    assert.equal(partitionPoint(0, () => true), 0);
  });
});
