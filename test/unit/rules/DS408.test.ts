import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS408 credentials in a URL', () => {
  it('reports a token written into a URL, and one from a build argument in a stage that ships', () => {
    const r = expectAt('DS408', lines('FROM alpine:3.20', 'RUN git clone «https://ci:ghp_abc123def456@github.com»/acme/app.git'));
    assert.match(r[0].finding.message, /https:\/\/ci:…@github.com has a password or token written into the Dockerfile/);
    expectAt('DS408', lines('FROM alpine:3.20', 'ARG TOKEN', 'RUN pip install --index-url «https://ci:${TOKEN}@pypi.example.com»/simple app'));
  });
  it('accepts secret mounts, build-only stages for variables, local databases and plain URLs', () => {
    expectNone('DS408', lines('FROM alpine:3.20', 'RUN --mount=type=secret,id=t,env=TOKEN git clone https://ci:${TOKEN}@github.com/acme/app.git'));
    expectNone('DS408', lines('FROM golang:1.22 AS build', 'ARG TOKEN', 'RUN git config --global url."https://ci:${TOKEN}@github.com/".insteadOf "https://github.com/"', 'FROM alpine:3.20', 'COPY --from=build /a /a'));
    expectNone('DS408', lines('FROM alpine:3.20', 'RUN psql postgres://postgres:postgres@localhost:5432/db -c "select 1"', 'RUN wget https://example.com/a.tgz', 'RUN echo "$(cat /run/secrets/x)"'));
  });
  it('finds the URL after a long run of words joined by dots (read once, not from every word)', () => {
    const r = expectAt('DS408', lines('FROM alpine:3.20', `RUN curl -o ${'x.tar.gz'.repeat(20_000)} «git+ssh://ci:ghp_abc123@github.com»/acme/app`));
    assert.match(r[0].finding.message, /git\+ssh:\/\/ci:…@github\.com/);
  });
});
