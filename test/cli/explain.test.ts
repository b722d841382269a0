/** `dockerfile-stages explain`: text, json ({ stages: [...] }), mermaid, --target, stdin, errors. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { EXAMPLES, FIXTURES, runCli, tempTree } from './cli';

const MULTI = path.join(FIXTURES, 'multistage-go.Dockerfile');

describe('explain', () => {
  test('json: { stages } with name, index, base, role, dependencies, consumers', async () => {
    const r = await runCli(['explain', '--format', 'json', MULTI]);
    assert.equal(r.code, 0, r.stderr);
    const { stages, finalStage } = JSON.parse(r.stdout);
    assert.deepEqual(
      stages.map((s: any) => [s.index, s.name, s.base, s.role]),
      [
        [0, 'Build', 'golang:1.22-alpine', 'base'],
        [1, 'test', 'build', 'unused'],
        [2, 'runtime', 'alpine:3.20', 'final'],
      ],
    );
    assert.equal(finalStage, 2);
    assert.deepEqual(stages[0].consumers, [1, 2]);
    assert.deepEqual(
      stages[2].dependencies.map((d: any) => [d.kind, d.stage]),
      [
        ['mount', 0],
        ['copy', 0],
      ],
    );
  });

  test('text: every stage with its role and what it uses', async () => {
    const r = await runCli(['explain', MULTI]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 stages, final: runtime/);
    assert.match(r.stdout, /stage 1 "test" \(line 12\) FROM build\n\s+role: unused/);
    assert.match(r.stdout, /stage 2 "runtime".*\n\s+role: final.*\n\s+uses: RUN --mount Build \(line 16\), COPY --from Build \(line 17\)/);
    assert.match(r.stdout, /used by: test, runtime/);
  });

  test('--target changes the final stage and the roles', async () => {
    const { stages } = JSON.parse((await runCli(['explain', '--format', 'json', '--target', 'test', MULTI])).stdout);
    assert.deepEqual(stages.map((s: any) => s.role), ['base', 'final', 'unused']);
  });

  test('the target can come from .dockerfile-stages.json', async () => {
    const t = tempTree({ '.dockerfile-stages.json': '{ "target": "a" }', Dockerfile: 'FROM alpine AS a\nFROM alpine AS b\n' });
    try {
      const { stages } = JSON.parse((await runCli(['explain', '--format', 'json', 'Dockerfile'], { cwd: t.dir })).stdout);
      assert.deepEqual(stages.map((s: any) => s.role), ['final', 'unused']);
    } finally {
      t.cleanup();
    }
  });

  test('mermaid: a flowchart with stage nodes, image nodes and labelled edges', async () => {
    const r = await runCli(['explain', '--format', 'mermaid', MULTI]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'flowchart TD');
    assert.ok(lines.includes('  s2["runtime<br/>final"]'), r.stdout);
    assert.ok(lines.includes('  s0 -->|FROM| s1'));
    assert.ok(lines.includes('  s0 -->|COPY --from| s2'));
    assert.ok(lines.includes('  s0 -->|RUN --mount| s2'));
    assert.ok(lines.some((l) => /^  img\d+\(\["golang:1\.22-alpine"\]\)$/.test(l)));
    assert.ok(lines.includes('  class s2 final;'));
    assert.ok(lines.includes('  class s1 unused;'));
  });

  test('--platform picks the stage a platform ARG names (FROM bin-${TARGETARCH}); an invalid platform is a usage error', async () => {
    const input = 'FROM alpine:3.20 AS bin-amd64\nFROM alpine:3.20 AS bin-arm64\nFROM bin-${TARGETARCH} AS final\n';
    const arm = await runCli(['explain', '--format', 'json', '--platform', 'linux/arm64', '-'], { input });
    assert.equal(arm.code, 0, arm.stderr);
    assert.deepEqual(JSON.parse(arm.stdout).stages.map((s: any) => s.role), ['unused', 'base', 'final']);
    const amd = await runCli(['explain', '--format', 'json', '-'], { input });
    assert.deepEqual(JSON.parse(amd.stdout).stages.map((s: any) => s.role), ['base', 'unused', 'final']);
    const bad = await runCli(['explain', '--platform', 'linux/', '-'], { input });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid --platform 'linux\/'/);
  });

  test('stdin with -', async () => {
    const r = await runCli(['explain', '--format', 'json', '-'], { input: 'FROM alpine AS one\nFROM one\n' });
    assert.equal(r.code, 0, r.stderr);
    const { file, stages } = JSON.parse(r.stdout);
    assert.equal(file, '<stdin>');
    assert.deepEqual(stages.map((s: any) => s.role), ['base', 'final']);
  });

  test('a shipped example: single stage vs multi-stage', async () => {
    const single = JSON.parse((await runCli(['explain', '--format', 'json', path.join(EXAMPLES, 'go-single', 'Dockerfile')])).stdout);
    assert.equal(single.stages.length, 1);
    const multi = JSON.parse((await runCli(['explain', '--format', 'json', path.join(EXAMPLES, 'go-multi', 'Dockerfile')])).stdout);
    assert.deepEqual(multi.stages.map((s: any) => s.role), ['base', 'unused', 'final']);
  });

  test('errors: two files, a missing file, an unknown format', async () => {
    const two = await runCli(['explain', MULTI, MULTI]);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /expected exactly one FILE/);
    const missing = await runCli(['explain', 'no/such/Dockerfile']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no\/such\/Dockerfile: no such file or directory/);
    const format = await runCli(['explain', '--format', 'dot', MULTI]);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /unknown format 'dot' \(text, json, mermaid\)/);
  });
});
