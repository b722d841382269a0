import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS110 COPY --from names no stage', () => {
  it('reports a bare word that is neither a stage nor a known image', () => {
    const r = expectAt('DS110', lines('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM alpine:3.20', 'COPY --from=«compiler» /out/app /app'));
    assert.match(r[0].finding.message, /names no stage of this file: the build pulls the image 'compiler' from Docker Hub/);
    expectAt('DS110', lines('FROM alpine:3.20', 'RUN --mount=type=bind,from=«toolbox»,source=/bin,target=/t ls /t'));
    expectAt('DS110', lines('FROM alpine:3.20', 'COPY --from=«compiler» out/app .'));
  });
  it('leaves stages, typos (DS101), known images and explicit image references alone', () => {
    // Relative sources from a word that is no stage-like name read as a named build context (--build-context docs=…).
    expectNone('DS110', lines('FROM alpine:3.20', 'COPY --from=docs index.md ./', 'COPY --from=context2 . ./'));
    expectNone('DS110', lines('FROM golang:1.22 AS compiler', 'FROM alpine:3.20', 'COPY --from=compiler /a /a', 'COPY --from=compilr /a /b', 'COPY --from=busybox /bin/busybox /bin/', 'COPY --from=ghcr.io/acme/tools:1 /t /t', 'COPY --from=docker/cli /usr/local/bin/docker /usr/local/bin/', 'COPY --from=${TOOLS} /t /t', 'COPY --from=0 /a /c'));
  });
});
