import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS108 numeric stage reference', () => {
  it('reports --from=<index> and from=<index>', () => {
    const r = expectAt('DS108', lines('FROM golang:1.22 AS build', 'FROM alpine:3.20', 'COPY --from=«0» /a /a', 'RUN --mount=type=bind,from=«0»,target=/m true'));
    assert.equal(r[0].finding.message, "--from=0 refers to stage 'build' by index: use its name 'build'");
  });

  it('accepts names', () => expectNone('DS108', lines('FROM golang:1.22 AS build', 'FROM alpine:3.20', 'COPY --from=build /a /a')));

  it('uses the name of a named stage', () => {
    assert.match(applyFix('DS108', lines('FROM golang:1.22 AS build', 'FROM alpine:3.20', 'COPY --from=0 /a /a')), /COPY --from=build \/a \/a/);
  });

  it('names an unnamed stage and uses the name', () => {
    const after = applyFix('DS108', lines('FROM --platform=$BUILDPLATFORM golang:1.22', 'RUN go build', 'FROM alpine:3.20', 'COPY --from=0 /a /a'));
    assert.equal(after, lines('FROM --platform=$BUILDPLATFORM golang:1.22 AS stage-0', 'RUN go build', 'FROM alpine:3.20', 'COPY --from=stage-0 /a /a'));
  });
});
