/** `estimate --max-size / --max-download-size / --compare REF / --format markdown|sarif`: exit codes and numbers. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempTree } from './cli';

const BEFORE = ['FROM golang:1.26-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .', 'FROM alpine:3.24', 'COPY --from=build /out/app /app', 'CMD ["/app"]', ''].join('\n');
const AFTER = ['FROM golang:1.26-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .', 'FROM debian:bookworm', 'RUN apt-get update && apt-get install -y curl', 'COPY --from=build /out/app /app', 'CMD ["/app"]', ''].join('\n');

async function json(args: string[]) {
  const r = await runCli([...args, '--format', 'json', '--arch', 'amd64']);
  return { code: r.code, j: JSON.parse(r.stdout), stderr: r.stderr };
}

function git(dir: string, ...args: string[]) {
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { stdio: 'pipe' });
}

describe('estimate: size budgets', () => {
  test('--max-size compares the upper end of the uncompressed final estimate: exit 0 at the budget, 1 one byte below', async () => {
    const t = tempTree({ Dockerfile: BEFORE, 'main.go': 'package main\n' });
    try {
      const file = path.join(t.dir, 'Dockerfile');
      const plain = await json(['estimate', file]);
      const upper: number = plain.j.final.uncompressedHigh;
      assert.ok(upper > 0);
      const at = await json(['estimate', file, '--max-size', String(upper)]);
      assert.equal(at.code, 0, at.stderr);
      assert.deepEqual(at.j.budgets.map((b: any) => [b.kind, b.budgetBytes, b.upperBytes, b.exceeded]), [['image', upper, upper, false]]);
      const below = await json(['estimate', file, '--max-size', String(upper - 1)]);
      assert.equal(below.code, 1);
      assert.equal(below.j.budgets[0].exceeded, true);
      const text = await runCli(['estimate', file, '--arch', 'amd64', '--max-size', '1MB']);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /over budget: The estimated final image size \(uncompressed, as docker images shows it\) of stage 1 may reach \d+(\.\d)? MB, over the budget of 1 MB/);
      const roomy = await runCli(['estimate', file, '--arch', 'amd64', '--max-size', '2GB']);
      assert.equal(roomy.code, 0);
      assert.match(roomy.stdout, /within budget: .*within the budget of 2\.0 GB/);
    } finally {
      t.cleanup();
    }
  });

  test('--max-download-size compares the compressed upper end; units: MB decimal, MiB binary', async () => {
    const t = tempTree({ Dockerfile: BEFORE, 'main.go': 'package main\n' });
    try {
      const file = path.join(t.dir, 'Dockerfile');
      const plain = await json(['estimate', file]);
      const high: number = plain.j.final.high;
      assert.equal((await json(['estimate', file, '--max-download-size', `${Math.ceil(high / 1e6)}MB`])).code, 0);
      assert.equal((await json(['estimate', file, '--max-download-size', `${Math.floor(high / 1e6) - 1}MB`])).code, 1);
      const mib = await json(['estimate', file, '--max-size', '300MiB']);
      assert.equal(mib.j.budgets[0].budgetBytes, 300 * 1024 * 1024);
    } finally {
      t.cleanup();
    }
  });

  test('--format sarif puts the exceeded budget on the final FROM; none when within', async () => {
    const t = tempTree({ Dockerfile: AFTER, 'main.go': 'package main\n' });
    try {
      const over = await runCli(['estimate', 'Dockerfile', '--arch', 'amd64', '--max-size', '10MB', '--format', 'sarif'], { cwd: t.dir });
      assert.equal(over.code, 1);
      const sarif = JSON.parse(over.stdout);
      const results = sarif.runs[0].results;
      assert.equal(results.length, 1);
      assert.equal(results[0].ruleId, 'size-budget');
      assert.match(sarif.runs[0].tool.driver.rules[0].helpUri, /#size-budgets-and-size-diffs-in-ci$/);
      assert.equal(results[0].level, 'error');
      assert.deepEqual(results[0].locations[0].physicalLocation.artifactLocation, { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' });
      assert.equal(results[0].locations[0].physicalLocation.region.startLine, 5, 'the final FROM (FROM debian:bookworm)');
      const within = await runCli(['estimate', 'Dockerfile', '--arch', 'amd64', '--max-size', '5GB', '--format', 'sarif'], { cwd: t.dir });
      assert.equal(within.code, 0);
      assert.deepEqual(JSON.parse(within.stdout).runs[0].results, []);
    } finally {
      t.cleanup();
    }
  });

  test('a size that is not one is a usage error (exit 2)', async () => {
    const r = await runCli(['estimate', '-', '--max-size', '12XB'], { input: BEFORE });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-size '12XB' is not a size/);
  });
});

describe('estimate --compare REF', () => {
  test('per-stage and final deltas against the file at a revision equal the difference of the two estimates', async () => {
    // The old file is estimated against today's build context; .dockerignore keeps the Dockerfile itself out of
    // `COPY . .`, so old/ (the old file in the same context) gives the figures the comparison must use.
    const ctx = { 'main.go': 'package main\n', '.dockerignore': 'Dockerfile\n' };
    const t = tempTree({ 'svc/Dockerfile': BEFORE, 'old/Dockerfile': BEFORE, ...Object.fromEntries(Object.entries(ctx).flatMap(([k, v]) => [[`svc/${k}`, v], [`old/${k}`, v]])) });
    try {
      git(t.dir, 'init', '-q');
      git(t.dir, 'add', 'svc');
      git(t.dir, 'commit', '-q', '-m', 'before');
      const file = path.join(t.dir, 'svc', 'Dockerfile');
      writeFileSync(file, AFTER);
      const before = (await json(['estimate', path.join(t.dir, 'old', 'Dockerfile')])).j;
      const after = (await json(['estimate', file])).j;
      const { code, j } = await json(['estimate', file, '--compare', 'HEAD']);
      assert.equal(code, 0);
      const c = j.compare;
      assert.equal(c.ref, 'HEAD');
      assert.equal(c.newFile, false);
      assert.deepEqual(c.finalImage, { label: 'final image', before: before.final.uncompressedBytes, after: after.final.uncompressedBytes, delta: after.final.uncompressedBytes - before.final.uncompressedBytes });
      assert.equal(c.finalDownload.delta, after.final.compressedBytes - before.final.compressedBytes);
      assert.ok(c.finalImage.delta > 50_000_000, 'debian with curl is larger than alpine');
      assert.deepEqual(
        c.stages.map((s: any) => [s.label, s.delta]),
        [
          ['build', after.stages[0].uncompressedBytes - before.stages[0].uncompressedBytes],
          ['stage 1 (final)', after.stages[1].uncompressedBytes - before.stages[1].uncompressedBytes],
        ],
      );
      const text = await runCli(['estimate', file, '--arch', 'amd64', '--compare', 'HEAD']);
      assert.equal(text.code, 0);
      assert.match(text.stdout, /size change against HEAD/);
      assert.match(text.stdout, /^final image\s+\S+ \S+\s+\S+ \S+\s+\+\d+ MB \(\+\d+ %\)$/m);
      const md = await runCli(['estimate', file, '--arch', 'amd64', '--compare', 'HEAD', '--format', 'markdown', '--max-size', '10MB']);
      assert.equal(md.code, 1, 'the budget decides the exit code');
      assert.match(md.stdout, /^\| Stage \| HEAD \| This change \| Change \|$/m);
      assert.match(md.stdout, /^\| \*\*final image\*\* \| .+ \| .+ \| \*\*\+\d+ MB \(\+\d+ %\)\*\* \|$/m);
      assert.match(md.stdout, /\*\*Over budget:\*\*/);
    } finally {
      t.cleanup();
    }
  });

  test('a file that did not exist at the revision is new; an unknown revision is an input error (exit 2)', async () => {
    const t = tempTree({ 'README.md': 'x\n' });
    try {
      git(t.dir, 'init', '-q');
      git(t.dir, 'add', '.');
      git(t.dir, 'commit', '-q', '-m', 'first');
      writeFileSync(path.join(t.dir, 'Dockerfile'), BEFORE);
      const { code, j } = await json(['estimate', path.join(t.dir, 'Dockerfile'), '--compare', 'HEAD']);
      assert.equal(code, 0);
      assert.equal(j.compare.newFile, true);
      assert.equal(j.compare.finalImage.before, undefined);
      const unknown = await runCli(['estimate', path.join(t.dir, 'Dockerfile'), '--compare', 'no-such-branch']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /'no-such-branch' is not a revision/);
    } finally {
      t.cleanup();
    }
  });
});
