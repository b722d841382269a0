import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS102 self or later stage', () => {
  it('reports a stage copying from itself, a reference to a later stage, and FROM naming a later stage', () => {
    const r = expectAt('DS102', lines('FROM «later» AS first', 'COPY --from=«first» /a /a', 'COPY --from=«later» /b /b', 'FROM alpine:3.20 AS later', 'RUN true'));
    assert.match(r[0].finding.message, /FROM only sees earlier stages/);
    assert.match(r[1].finding.message, /cannot copy from itself/);
    assert.match(r[2].finding.message, /defined later \(line 4\)/);
  });

  it('accepts references to earlier stages', () => {
    expectNone('DS102', lines('FROM alpine:3.20 AS a', 'FROM a AS b', 'COPY --from=a /x /x', 'FROM alpine:3.20', 'COPY --from=b /x /x'));
  });
});
