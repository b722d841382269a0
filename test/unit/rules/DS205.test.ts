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

describe('DS205 in a parent stage of the final image', () => {
  it('says through which stages the layer reaches the final image', () => {
    const r = expectAt('DS205', lines('FROM alpine:3.20 AS base', 'RUN apk «add» curl', 'FROM base AS runtime', 'CMD ["curl"]'));
    assert.match(r[0].finding.message, /in the layer \(it reaches the final image via 'runtime' \u2190 'base'\): add --no-cache/);
  });
  it('leaves build-only stages alone', () => {
    expectNone('DS205', lines('FROM alpine:3.20 AS build', 'RUN apk add gcc', 'FROM alpine:3.20', 'COPY --from=build /a /a'));
  });
});
