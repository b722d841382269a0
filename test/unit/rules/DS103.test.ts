import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS103 stage cycle', () => {
  it('reports each reference of a cycle', () => {
    const r = expectAt('DS103', lines('FROM alpine:3.20 AS a', 'COPY --from=«b» /x /x', 'FROM alpine:3.20 AS b', 'COPY --from=«a» /y /y', 'FROM alpine:3.20', 'COPY --from=a /x /x'));
    assert.match(r[0].finding.message, /circular dependency between stage 'a' → stage 'b'/);
    expectNone('DS102', lines('FROM alpine:3.20 AS a', 'COPY --from=b /x /x', 'FROM alpine:3.20 AS b', 'COPY --from=a /y /y'));
  });

  it('leaves acyclic graphs and self references (DS102) alone', () => {
    expectNone('DS103', lines('FROM alpine:3.20 AS a', 'COPY --from=a /x /x', 'FROM alpine:3.20', 'COPY --from=a /x /x'));
  });
});
