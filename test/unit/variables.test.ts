import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_EXPANSION, expandVariables } from '../../server/src/core/variables';

describe('variable expansion (core/variables.ts)', () => {
  const vars = new Map([['A', 'a'], ['EMPTY', '']]);
  const lookup = (n: string) => vars.get(n);

  it('expands $NAME, ${NAME} and the BuildKit modifiers, and lists what had no value', () => {
    assert.deepEqual(expandVariables('x$A-${A}-${B:-b}-${EMPTY:-e}-${EMPTY-e}-${A:+p}-\\$A', lookup), { value: 'xa-a-b-e--p-$A', unresolved: [] });
    assert.deepEqual(expandVariables('$B ${C}', lookup), { value: ' ', unresolved: ['B', 'C'] });
  });

  it('stops at MAX_EXPANSION characters instead of failing on values that multiply', () => {
    // A 50 kB value used 30,000 times would be 1.5 GB, past V8's longest string.
    const big = 'a'.repeat(50_000);
    const e = expandVariables('$A'.repeat(30_000), (n) => (n === 'A' ? big : undefined));
    assert.equal(e.value.length, MAX_EXPANSION);
    assert.ok(e.value.startsWith(big));
  });
});
