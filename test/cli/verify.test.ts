/** `dockerfile-stages verify`: argument handling, which two files it builds, the report, --remove, failures and cancellation, against a fake builder on PATH. */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fakeBuilder } from '../support/fakeBuilder';
import { CLI, runCli, tempTree } from './cli';

const GO_SINGLE = ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/server .', 'EXPOSE 8080', 'CMD ["/out/server"]', ''].join('\n');
const GO_MULTI = ['FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/server .', '', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /out/server /out/server', 'EXPOSE 8080', 'CMD ["/out/server"]', ''].join('\n');

const builds = (calls: { tool: string; args: string[]; dockerfile?: string }[]) => calls.filter((c) => c.args[0] === 'build' || c.args[0] === 'bud');

describe('verify: arguments', () => {
  for (const [args, message] of [
    [['verify'], /exactly one FILE/],
    [['verify', 'a', 'b'], /exactly one FILE/],
    [['verify', '-'], /not stdin/],
    [['verify', 'Dockerfile', '--builder', 'kaniko'], /unknown --builder 'kaniko'/],
    [['verify', 'Dockerfile', '--to', 'alpine'], /unknown --to 'alpine'/],
    [['verify', 'Dockerfile', '--bogus'], /bogus/],
  ] as const) {
    test(`${args.slice(1).join(' ') || '(no file)'}: usage error, exit 2`, async () => {
      const r = await runCli([...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    });
  }

  test('a missing FILE and a --context that is not a directory are input errors (exit 2)', async () => {
    const t = tempTree({ Dockerfile: GO_SINGLE });
    try {
      const missing = await runCli(['verify', path.join(t.dir, 'nope')]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /no such file/);
      const ctx = await runCli(['verify', path.join(t.dir, 'Dockerfile'), '--context', path.join(t.dir, 'Dockerfile')]);
      assert.equal(ctx.code, 2);
      assert.match(ctx.stderr, /not a directory/);
    } finally {
      t.cleanup();
    }
  });

  test('--help lists the options', async () => {
    const r = await runCli(['verify', '--help']);
    assert.equal(r.code, 0);
    for (const o of ['--context', '--builder', '--to', '--original', '--json', '--remove']) assert.ok(r.stdout.includes(o), o);
  });
});

describe('verify: builds with the fake builder', () => {
  test('a single-stage file: builds it as it is and its conversion, tags both, reports sizes, saving and config differences', async () => {
    const t = tempTree({ 'go-app/Dockerfile': GO_SINGLE, 'go-app/main.go': 'package main\nfunc main() {}\n' });
    const f = fakeBuilder();
    try {
      const file = path.join(t.dir, 'go-app', 'Dockerfile');
      const r = await runCli(['verify', file, '--json'], { env: f.env() });
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.builder, 'podman', 'docker has no daemon here: podman is next');
      assert.equal(report.original.image, 'dockerfile-stages-verify/go-app:original');
      assert.equal(report.converted.image, 'dockerfile-stages-verify/go-app:converted');
      assert.equal(report.original.sizeBytes, 930000000);
      assert.equal(report.converted.sizeBytes, 9700000);
      assert.equal(report.savingBytes, 930000000 - 9700000);
      assert.deepEqual(report.differences.map((d: { field: string }) => d.field), ['Env.TOOL', 'User']);
      assert.equal(report.removed, false);
      const b = builds(f.calls());
      assert.equal(b.length, 2);
      assert.equal(b[0].dockerfile, GO_SINGLE, 'the original is the file as it is on disk');
      assert.match(b[1].dockerfile!, /^FROM golang:1\.22 AS build$/m);
      assert.match(b[1].dockerfile!, /^COPY --from=build /m);
      assert.equal(b[0].args.at(-1), path.join(t.dir, 'go-app'), 'the context is the directory of FILE');
      assert.match(r.stderr, /progress: building the original/);
      assert.match(r.stderr, /progress: building the converted/);
      assert.ok(!f.calls().some((c) => c.args[0] === 'rmi'), 'images are kept without --remove');
    } finally {
      f.cleanup();
      t.cleanup();
    }
  });

  test('the text report is a table with before, after, saving and each difference; --remove removes both images', async () => {
    const t = tempTree({ Dockerfile: GO_SINGLE });
    const f = fakeBuilder();
    try {
      const r = await runCli(['verify', path.join(t.dir, 'Dockerfile'), '--builder', 'buildah', '--remove', '--context', t.dir], { env: f.env() });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^size \(measured\)\s+930(\.0)? MB\s+9\.7 MB$/m);
      assert.match(r.stdout, /^saving: 920(\.\d)? MB \(99 %\)$/m);
      assert.match(r.stdout, /^ {2}Env\.TOOL: yes -> no$/m);
      assert.match(r.stdout, /^ {2}User: 0:0 \(root\) -> 65532$/m);
      assert.match(r.stdout, /removed the images it made/);
      const rmi = f.calls().find((c) => c.args[0] === 'rmi');
      assert.equal(rmi?.tool, 'buildah');
      assert.equal(rmi?.args.length, 3);
      assert.ok(builds(f.calls()).every((c) => c.tool === 'buildah' && c.args[0] === 'bud'));
    } finally {
      f.cleanup();
      t.cleanup();
    }
  });

  test('a converted file in git: builds its HEAD version against the file on disk', async () => {
    const t = tempTree({ Dockerfile: GO_SINGLE });
    const f = fakeBuilder();
    try {
      const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...a], { cwd: t.dir, stdio: 'ignore' });
      git('init', '-q');
      git('add', 'Dockerfile');
      git('commit', '-qm', 'single');
      fs.writeFileSync(path.join(t.dir, 'Dockerfile'), GO_MULTI);
      const r = await runCli(['verify', path.join(t.dir, 'Dockerfile'), '--json'], { env: f.env() });
      assert.equal(r.code, 0, r.stderr);
      const b = builds(f.calls());
      assert.equal(b[0].dockerfile, GO_SINGLE);
      assert.equal(b[1].dockerfile, GO_MULTI);
      assert.match(JSON.parse(r.stdout).originalFrom, /git HEAD/);
    } finally {
      f.cleanup();
      t.cleanup();
    }
  });

  test('--original PATH compares PATH against FILE; a multi-stage file outside git has nothing to verify (exit 3, reason)', async () => {
    const t = tempTree({ 'Dockerfile.old': GO_SINGLE, Dockerfile: GO_MULTI });
    const f = fakeBuilder();
    try {
      const r = await runCli(['verify', path.join(t.dir, 'Dockerfile'), '--original', path.join(t.dir, 'Dockerfile.old'), '--json'], { env: f.env() });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(builds(f.calls()).map((c) => c.dockerfile), [GO_SINGLE, GO_MULTI]);
      const none = await runCli(['verify', path.join(t.dir, 'Dockerfile')], { env: f.env(), cwd: t.dir });
      assert.equal(none.code, 3);
      assert.match(none.stderr, /nothing to verify: no multi-stage conversion \(.+\), and the file has no version at git HEAD/);
    } finally {
      f.cleanup();
      t.cleanup();
    }
  });

  test('a conversion that asks for a value: exit 3 naming it without --artifact, built with it', async () => {
    const t = tempTree({ Dockerfile: 'FROM debian:bookworm\nENTRYPOINT ["/bin/collector"]\nCOPY . /src\nRUN cd /src && ./build.sh\n' });
    const f = fakeBuilder();
    try {
      const file = path.join(t.dir, 'Dockerfile');
      const asks = await runCli(['verify', file], { env: f.env(), cwd: t.dir });
      assert.equal(asks.code, 3);
      assert.match(asks.stderr, /the conversion needs the artifact path \(give it with --artifact PATH/);
      assert.equal(builds(f.calls()).length, 0, 'nothing is built');
      const given = await runCli(['verify', file, '--artifact', '/bin/collector', '--json'], { env: f.env() });
      assert.equal(given.code, 0, given.stderr);
      assert.match(builds(f.calls())[1].dockerfile!, /^COPY --from=build \/bin\/collector \/bin\/collector$/m);
      assert.equal((await runCli(['verify', file, '--value', 'oops'], { env: f.env() })).code, 2);
    } finally {
      f.cleanup();
      t.cleanup();
    }
  });

  test('a failed build: exit 1, the report says which side failed and why; no builder: exit 2', async () => {
    const t = tempTree({ Dockerfile: GO_SINGLE });
    const f = fakeBuilder();
    try {
      const r = await runCli(['verify', path.join(t.dir, 'Dockerfile')], { env: f.env({ FAKE_FAIL_TAG: ':converted' }) });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /converted build failed: .*exit status 2/);
      assert.match(r.stdout, /images kept: dockerfile-stages-verify\/[^:]+:original \(remove with `podman rmi/);
      const docker = await runCli(['verify', path.join(t.dir, 'Dockerfile'), '--builder', 'docker'], { env: f.env() });
      assert.equal(docker.code, 2);
      assert.match(docker.stderr, /docker does not work here \(is the Docker daemon running\?\)/);
      const nothing = await runCli(['verify', path.join(t.dir, 'Dockerfile')], { env: { PATH: '/nonexistent' } });
      assert.equal(nothing.code, 2);
      assert.match(nothing.stderr, /no builder found/);
    } finally {
      f.cleanup();
      t.cleanup();
    }
  });

  test('SIGTERM cancels: the running build is killed, exit 130', async () => {
    const t = tempTree({ Dockerfile: GO_SINGLE });
    const f = fakeBuilder();
    const pidFile = path.join(t.dir, 'pid');
    try {
      const child = spawn(process.execPath, [CLI, 'verify', path.join(t.dir, 'Dockerfile')], { env: { ...process.env, ...f.env({ FAKE_SLOW_BUILD: '1', FAKE_PID_FILE: pidFile }) }, stdio: 'pipe' });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      for (let i = 0; i < 200 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(fs.existsSync(pidFile), 'the build started');
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 130, stderr);
      assert.match(stderr, /cancelled/);
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      await new Promise((r) => setTimeout(r, 200));
      assert.throws(() => process.kill(pid, 0), 'the build process is gone');
    } finally {
      f.cleanup();
      t.cleanup();
    }
  });
});
