/** `dockerfile-stages estimate`: json shape (final, stages[] with discarded), --arch, context with .dockerignore, text, errors. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempTree } from './cli';

const DOCKERFILE = [
  'FROM golang:1.26-alpine AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN go build -o /out/app .',
  'FROM alpine:3.24',
  'COPY --from=build /out/app /app',
  'CMD ["/app"]',
  '',
].join('\n');

describe('estimate', () => {
  test('json: final and stages[] with compressed/uncompressed bytes, low/high and discarded', async () => {
    const t = tempTree({ Dockerfile: DOCKERFILE, 'main.go': 'package main\n', '.dockerignore': 'secret/\n', 'secret/big.bin': Buffer.alloc(2_000_000) });
    try {
      const r = await runCli(['estimate', '--format', 'json', '--arch', 'amd64', path.join(t.dir, 'Dockerfile')]);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      assert.equal(j.arch, 'amd64');
      assert.equal(j.contextMeasured, true);
      for (const k of ['compressedBytes', 'uncompressedBytes', 'low', 'high']) assert.equal(typeof j.final[k], 'number', k);
      assert.ok(j.final.low <= j.final.compressedBytes && j.final.compressedBytes <= j.final.high);
      assert.equal(j.stages.length, 2);
      assert.deepEqual(j.stages.map((s: any) => s.discarded), [true, false]);
      for (const s of j.stages) for (const k of ['compressedBytes', 'uncompressedBytes', 'low', 'high']) assert.equal(typeof s[k], 'number', k);
      assert.equal(j.final.compressedBytes, j.stages[1].compressedBytes);
      const copy = j.stages[0].layers.find((l: any) => l.instruction.startsWith('COPY . .'));
      assert.ok(copy.uncompressedBytes < 10_000, 'secret/ is left out by .dockerignore');
      assert.equal(j.stages[1].base.compressedBytes, 3849738);
    } finally {
      t.cleanup();
    }
  });

  test('--arch arm64 uses arm64 base sizes; text output names final and discarded stages', async () => {
    const t = tempTree({ Dockerfile: DOCKERFILE });
    try {
      const amd = JSON.parse((await runCli(['estimate', '--format', 'json', '--arch', 'amd64', path.join(t.dir, 'Dockerfile')])).stdout);
      const arm = JSON.parse((await runCli(['estimate', '--format', 'json', '--arch', 'arm64', path.join(t.dir, 'Dockerfile')])).stdout);
      assert.notEqual(amd.stages[0].base.compressedBytes, arm.stages[0].base.compressedBytes);
      const text = await runCli(['estimate', path.join(t.dir, 'Dockerfile')]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /stage "build" .* build stage: discarded/);
      assert.match(text.stdout, /final: ships/);
      assert.match(text.stdout, /final image: ≈ [\d.]+ MB \(docker images\), ≈ [\d.]+ MB download/);
    } finally {
      t.cleanup();
    }
  });

  test('stdin works (context not measured); bad options exit 2', async () => {
    const r = await runCli(['estimate', '--format', 'json', '-'], { input: 'FROM mycorp/base:1\nRUN echo hi\n' });
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.contextMeasured, false);
    assert.equal(j.final.unknownBase, true);
    assert.equal((await runCli(['estimate', '--arch', 'sparc', '-'], { input: 'FROM alpine\n' })).code, 2);
    assert.equal((await runCli(['estimate'])).code, 2);
  });
});
