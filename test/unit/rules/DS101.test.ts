import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS101 unknown stage', () => {
  it('reports a misspelt COPY --from, RUN --mount from= and FROM, and an index past the last stage', () => {
    const r = expectAt(
      'DS101',
      lines('FROM golang:1.22 AS builder', 'RUN go build -o /app', 'FROM builder AS test', 'FROM «buidler» AS other', 'FROM alpine:3.20', 'COPY --from=«buidler» /app /app', 'RUN --mount=from=«bulder»,target=/x true', 'COPY --from=«7» /a /a'),
    );
    assert.match(r[0].finding.message, /FROM buidler names no stage \(did you mean 'builder'\?\)/);
    assert.match(r[3].finding.message, /names no stage: the file has 4 stages/);
  });

  it('leaves image references, variables and real stages alone', () => {
    expectNone('DS101', lines('FROM golang:1.22 AS builder', 'FROM alpine:3.20', 'COPY --from=builder /a /a', 'COPY --from=nginx:alpine /etc/nginx /etc/nginx', 'COPY --from=busybox /bin/sh /sh', 'COPY --from=${SRC} /x /x', 'COPY --from=0 /b /b'));
  });

  it('fixes the typo to the stage name', () => {
    const after = applyFix('DS101', lines('FROM golang:1.22 AS builder', 'RUN CGO_ENABLED=0 go build -o /app', 'FROM alpine:3.20', 'COPY --from=buildr /app /app'));
    assert.match(after, /COPY --from=builder \/app \/app/);
  });

  it('suggests only earlier stages for FROM, and the earliest of equally close names, in a file of many stages', () => {
    const many = Array.from({ length: 300 }, (_, i) => `FROM alpine:3.20 AS s${i}`);
    // `FROM s2x` (no stage of that name) is one edit from s2, s20…s29, s2x is 2 from s200…: s2 is the first closest.
    const text = lines(...many, 'FROM «s2x» AS late', 'COPY --from=«s29x» /a /a', 'FROM alpine', 'FROM s1 AS ok');
    const r = expectAt('DS101', text);
    assert.match(r[0].finding.message, /did you mean 's2'\?/);
    assert.match(r[1].finding.message, /did you mean 's29'\?/);
    // Only stages before it count for FROM: `FROM buildr` before `builder` is defined is an image, not a typo.
    expectNone('DS101', lines('FROM buildr AS first', 'FROM golang:1.22 AS builder'));
    expectAt('DS101', lines('FROM golang:1.22 AS builder', 'FROM «buildr» AS first'));
  });
});
