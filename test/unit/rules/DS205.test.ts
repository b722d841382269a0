import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS205 apk add without --no-cache', () => {
  it('reports apk add', () => {
    expectAt('DS205', lines('FROM alpine:3.20', 'RUN apk update && apk «add» curl'));
  });
  it('accepts --no-cache, a cache cleanup, and build stages', () => {
    expectNone('DS205', lines('FROM alpine:3.20', 'RUN apk add --no-cache curl'));
    expectNone('DS205', lines('FROM alpine:3.20', 'RUN apk add curl && rm -rf /var/cache/apk/*'));
    expectNone('DS205', lines('FROM alpine:3.20 AS b', 'RUN apk add gcc', 'FROM alpine:3.20', 'COPY --from=b /a /a'));
  });
  it('adds --no-cache', () => {
    assert.equal(applyFix('DS205', lines('FROM alpine:3.20', 'RUN apk add curl')), lines('FROM alpine:3.20', 'RUN apk add --no-cache curl'));
  });
});
