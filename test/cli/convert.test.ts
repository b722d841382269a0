/** `dockerfile-stages convert`: stdout by default, --diff, --write, --to, stdin, exit 3 with a reason, usage errors. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempTree } from './cli';

const GO_SINGLE = ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/server .', 'EXPOSE 8080', 'CMD ["/out/server"]', ''].join('\n');

describe('convert', () => {
  test('prints the converted Dockerfile to stdout and leaves the file alone', async () => {
    const t = tempTree({ Dockerfile: GO_SINGLE });
    try {
      const file = path.join(t.dir, 'Dockerfile');
      const r = await runCli(['convert', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^FROM golang:1\.22 AS build$/m);
      assert.match(r.stdout, /^COPY --from=build \/out\/server \/out\/server$/m);
      assert.match(r.stdout, /^CMD \["\/out\/server"\]$/m);
      assert.equal((r.stdout.match(/^FROM /gm) ?? []).length, 2);
      assert.equal(readFileSync(file, 'utf8'), GO_SINGLE, 'the file is not rewritten without --write');
    } finally {
      t.cleanup();
    }
  });

  test('--diff prints a unified diff; --write rewrites the file, and converting again exits 3', async () => {
    const t = tempTree({ Dockerfile: GO_SINGLE });
    try {
      const file = path.join(t.dir, 'Dockerfile');
      const diff = await runCli(['convert', '--diff', file]);
      assert.equal(diff.code, 0, diff.stderr);
      assert.match(diff.stdout, /^--- a\//m);
      assert.match(diff.stdout, /^\+\+\+ b\//m);
      assert.match(diff.stdout, /^-FROM golang:1\.22$/m);
      assert.match(diff.stdout, /^\+FROM golang:1\.22 AS build$/m);
      const written = await runCli(['convert', '--write', file]);
      assert.equal(written.code, 0, written.stderr);
      const after = readFileSync(file, 'utf8');
      assert.match(after, /^FROM golang:1\.22 AS build$/m);
      const again = await runCli(['convert', file]);
      assert.equal(again.code, 3);
      assert.match(again.stderr, /already multi-stage/);
      assert.equal(again.stdout, '');
    } finally {
      t.cleanup();
    }
  });

  test('--to dev-build-runtime gives three named stages', async () => {
    const t = tempTree({ Dockerfile: GO_SINGLE });
    try {
      const r = await runCli(['convert', '--to', 'dev-build-runtime', path.join(t.dir, 'Dockerfile')]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual((r.stdout.match(/^FROM .*$/gm) ?? []).length, 3);
      assert.match(r.stdout, /AS dev$/m);
    } finally {
      t.cleanup();
    }
  });

  test('reads stdin with -, and exits 3 with a one-line reason when nothing is built', async () => {
    const ok = await runCli(['convert', '-'], { input: GO_SINGLE });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /AS build/);
    const none = await runCli(['convert', '-'], { input: 'FROM alpine:3.20\nRUN echo hi\n' });
    assert.equal(none.code, 3);
    assert.equal(none.stderr.trim().split('\n').length, 1);
    assert.match(none.stderr, /no conversion/);
  });

  test('usage and input errors exit 2', async () => {
    assert.equal((await runCli(['convert'])).code, 2);
    assert.equal((await runCli(['convert', '--to', 'nonsense', 'x'])).code, 2);
    const missing = await runCli(['convert', path.join('no', 'such', 'Dockerfile')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/);
  });
  test('--to switch-base: the first smaller variant of stage 0, or the one --variant names, of the stage --stage names', async () => {
    const text = ['FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM node:20-bookworm', 'COPY --from=build /app /app', 'CMD ["/app"]', ''].join('\n');
    const t = tempTree({ Dockerfile: text });
    try {
      const file = path.join(t.dir, 'Dockerfile');
      const first = await runCli(['convert', file, '--to', 'switch-base']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^FROM golang:1\.22-alpine AS build$/m);
      const final = await runCli(['convert', file, '--to', 'switch-base', '--stage', '1']);
      assert.equal(final.code, 0, final.stderr);
      assert.match(final.stdout, /^FROM node:20-bookworm-slim$/m, 'node names the slim variant of a release <release>-slim');
      assert.match(final.stderr, /^note: Stage 1 now starts FROM node:20-bookworm-slim\./m);
      const unknown = await runCli(['convert', file, '--to', 'switch-base', '--stage', '1', '--variant', 'node:20-alpine']);
      assert.equal(unknown.code, 3);
      assert.match(unknown.stderr, /node:20-alpine is not a known variant of node:20-bookworm/);
      const misplaced = await runCli(['convert', file, '--variant', 'node:20-slim']);
      assert.equal(misplaced.code, 2);
      assert.match(misplaced.stderr, /--variant goes with --to switch-base/);
      const named = await runCli(['convert', file, '--to', 'name-stage', '--stage', '1']);
      assert.equal(named.code, 0, named.stderr);
      assert.match(named.stdout, /^FROM node:20-bookworm AS \S+$/m);
    } finally {
      t.cleanup();
    }
  });
});
