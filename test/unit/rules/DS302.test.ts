import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS302 consecutive RUNs', () => {
  it('reports adjacent RUNs in the final image', () => {
    const r = expectAt('DS302', lines('FROM alpine:3.20', 'RUN adduser -D app', '«RUN» mkdir /data', '«RUN» chown app /data'));
    assert.match(r[0].finding.message, /line 3\) and the one before it \(line 2\)/);
  });

  it('leaves RUNs separated by a comment, RUNs with flags, exec form and build stages alone', () => {
    expectNone('DS302', lines('FROM alpine:3.20', 'RUN adduser -D app', '# data dir', 'RUN mkdir /data'));
    expectNone('DS302', lines('FROM alpine:3.20', 'RUN adduser -D app', 'RUN --mount=type=cache,target=/x mkdir /data', 'RUN ["echo", "x"]'));
    expectNone('DS302', lines('FROM golang:1.22 AS build', 'RUN go vet ./...', 'RUN go build -o /app', 'FROM scratch', 'COPY --from=build /app /app'));
  });

  it('leaves a RUN alone after one that changes its shell: merged, it would run in that directory or environment', () => {
    for (const first of ['cd /src && make', 'export CGO_ENABLED=0', 'set -o pipefail', '. /etc/profile', 'umask 077', 'VERSION=1.2']) {
      expectNone('DS302', lines('FROM alpine:3.20', `RUN ${first}`, 'RUN ./configure'));
    }
    // An assignment that prefixes a command lasts only for that command: the RUNs still merge.
    expectAt('DS302', lines('FROM alpine:3.20', 'RUN CGO_ENABLED=0 go env', '«RUN» ./configure'));
  });

  it('merges with a continuation, keeping the first RUN as written', () => {
    const after = applyFix('DS302', lines('FROM alpine:3.20', 'RUN adduser -D app \\', '  && echo ok', 'RUN mkdir /data'));
    assert.equal(after, lines('FROM alpine:3.20', 'RUN adduser -D app \\', '  && echo ok \\', '  && mkdir /data'));
  });
});
