import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS406 source code in the final stage', () => {
  it('reports the whole context copied into the final stage of a compiled multi-stage build', () => {
    const r = expectAt('DS406', lines('FROM golang:1.22 AS build', 'COPY . .', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=build /app /app', '«COPY . /src»'));
    assert.match(r[0].finding.message, /whole source tree, though stage 'build' builds it/);
  });
  it('accepts interpreted runtimes and single-stage builds', () => {
    expectNone('DS406', lines('FROM python:3.12 AS deps', 'RUN pip wheel -w /w flask', 'FROM python:3.12-slim', 'COPY --from=deps /w /w', 'COPY . .'));
    expectNone('DS406', lines('FROM golang:1.22', 'COPY . .', 'RUN go build'));
  });
});
