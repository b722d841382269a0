/** server/src/node/builder.ts: config normalisation and comparison, inspect parsing, build command lines, detection and cancellation against a fake builder on PATH. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { buildCommand, buildImage, detectBuilder, diffConfigs, finalBaseImage, inspectImage, markInherited, normalizeConfig, parseInspect, removeImages } from '../../server/src/node/builder';
import { fakeBuilder } from '../support/fakeBuilder';

describe('builder: configs', () => {
  test('normalizeConfig spells each meaning one way: empty lists/maps absent, root in any form, unset WORKDIR is /', () => {
    const a = normalizeConfig({ Env: ['PATH=/bin', 'A=x=y'], Cmd: [], User: '', WorkingDir: '', Labels: {}, Entrypoint: null });
    assert.deepEqual(a.Env, { PATH: '/bin', A: 'x=y' });
    assert.equal(a.Cmd, null);
    assert.equal(a.Entrypoint, null);
    assert.equal(a.Labels, null);
    assert.equal(a.WorkingDir, '/');
    assert.equal(a.User, '0:0 (root)');
    assert.equal(normalizeConfig({ User: 'root' }).User, '0:0 (root)');
    assert.equal(normalizeConfig({ User: '0:0' }).User, '0:0 (root)');
    assert.equal(normalizeConfig({ User: 'nonroot' }).User, 'nonroot');
    assert.equal(normalizeConfig({ User: '65532' }).User, '65532');
  });

  test('diffConfigs reports whole fields and Env/Labels entry by entry, and nothing for equal configs', () => {
    const before = normalizeConfig({ Env: ['PATH=/go/bin:/bin', 'PORT=8080'], Cmd: ['./server'], ExposedPorts: { '8080/tcp': {} }, Labels: { a: '1' } });
    const after = normalizeConfig({ Env: ['PATH=/bin', 'PORT=8080'], Cmd: ['/app/server'], ExposedPorts: { '8080/tcp': {} }, User: '65532', Labels: { a: '1', b: '2' } });
    assert.deepEqual(diffConfigs(before, before), []);
    assert.deepEqual(
      diffConfigs(before, after).map((d) => d.field),
      ['Cmd', 'Env.PATH', 'User', 'Labels.b'],
    );
    const env = diffConfigs(before, after).find((d) => d.field === 'Env.PATH')!;
    assert.equal(env.before, '/go/bin:/bin');
    assert.equal(env.after, '/bin');
    // Key order of a map is not a difference.
    assert.deepEqual(diffConfigs(normalizeConfig({ ExposedPorts: { '1/tcp': {}, '2/tcp': {} } }), normalizeConfig({ ExposedPorts: { '2/tcp': {}, '1/tcp': {} } })), []);
  });

  test('markInherited marks only Env/Labels entries that each side takes unchanged from its own base', () => {
    const before = normalizeConfig({ Env: ['PATH=/go/bin:/bin', 'GOPATH=/go', 'PORT=8080'] });
    const after = normalizeConfig({ Env: ['PATH=/bin', 'PORT=9090', 'SSL_CERT_FILE=/etc/ssl/c.crt'] });
    const golang = normalizeConfig({ Env: ['PATH=/go/bin:/bin', 'GOPATH=/go'] });
    const distroless = normalizeConfig({ Env: ['PATH=/bin', 'SSL_CERT_FILE=/etc/ssl/c.crt'] });
    const marked = markInherited(diffConfigs(before, after), golang, distroless);
    assert.deepEqual(
      marked.map((d) => [d.field, d.inherited ?? false]),
      [
        ['Env.GOPATH', true],
        ['Env.PATH', true],
        ['Env.PORT', false],
        ['Env.SSL_CERT_FILE', true],
      ],
    );
    assert.ok(markInherited(diffConfigs(before, after), golang, undefined).every((d) => !d.inherited), 'without both bases nothing is marked');
    // A value the Dockerfile set on top of the base is not inherited.
    const setPath = normalizeConfig({ Env: ['PATH=/custom'] });
    assert.ok(!markInherited(diffConfigs(setPath, after), golang, distroless).find((d) => d.field === 'Env.PATH')!.inherited);
  });

  test('markInherited: a base entrypoint wrapper and stop signal are inherited, a base Cmd or WorkingDir never', () => {
    const node = normalizeConfig({ Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'] });
    const nginx = normalizeConfig({ Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], StopSignal: 'SIGQUIT' });
    const before = normalizeConfig({ Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'], WorkingDir: '/app' });
    const after = normalizeConfig({ Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], StopSignal: 'SIGQUIT' });
    assert.deepEqual(
      markInherited(diffConfigs(before, after), node, nginx).map((d) => [d.field, d.inherited ?? false]),
      [
        ['Cmd', false],
        ['Entrypoint', true],
        ['WorkingDir', false],
        ['StopSignal', true],
      ],
    );
    // An ENTRYPOINT the Dockerfile set is not the base's.
    const set = normalizeConfig({ Entrypoint: ['/app/run.sh'] });
    assert.ok(!markInherited(diffConfigs(set, after), node, nginx).find((d) => d.field === 'Entrypoint')!.inherited);
  });

  test('finalBaseImage follows the final stage through stage parents and resolves ARGs', () => {
    assert.equal(finalBaseImage('FROM golang:1.22\nRUN go build\n'), 'golang:1.22');
    assert.equal(finalBaseImage('ARG V=3.11\nFROM python:${V} AS dev\nFROM dev AS build\nRUN x\nFROM build\nCMD ["x"]\n'), 'python:3.11');
    assert.equal(finalBaseImage('FROM golang:1.22 AS b\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /x /x\n'), 'gcr.io/distroless/static-debian12');
    assert.equal(finalBaseImage('FROM scratch\n'), undefined);
    assert.equal(finalBaseImage(''), undefined);
  });

  test('parseInspect reads docker/podman and buildah output', () => {
    const podman = parseInspect('podman', JSON.stringify([{ Size: 1234, Config: { Cmd: ['x'] }, Healthcheck: { Test: ['CMD', 'true'] } }]));
    assert.equal(podman.size, 1234);
    assert.deepEqual(podman.config.Cmd, ['x']);
    assert.deepEqual(podman.config.Healthcheck, { Test: ['CMD', 'true'] });
    const buildah = parseInspect('buildah', JSON.stringify({ Docker: { config: { StopSignal: 'SIGQUIT' } }, Manifest: JSON.stringify({ layers: [{ size: 10 }, { size: 32 }] }) }));
    assert.equal(buildah.size, 42);
    assert.equal(buildah.config.StopSignal, 'SIGQUIT');
    assert.throws(() => parseInspect('docker', '[]'), /no image/);
  });

  test('buildCommand keeps HEALTHCHECK/STOPSIGNAL (docker format) with podman and buildah', () => {
    assert.deepEqual(buildCommand('docker', 'D', 'ctx', 't'), ['docker', 'build', '-f', 'D', '-t', 't', 'ctx']);
    assert.deepEqual(buildCommand('podman', 'D', 'ctx', 't'), ['podman', 'build', '--format', 'docker', '-f', 'D', '-t', 't', 'ctx']);
    assert.deepEqual(buildCommand('buildah', 'D', 'ctx', 't'), ['buildah', 'bud', '--format', 'docker', '-f', 'D', '-t', 't', 'ctx']);
  });
});

describe('builder: against a fake builder on PATH', () => {
  test('detection skips docker without a daemon, takes it with one, and honours the one asked for', async () => {
    const f = fakeBuilder();
    try {
      assert.equal(await detectBuilder(undefined, f.env()), 'podman');
      assert.equal(await detectBuilder('auto', f.env({ FAKE_DOCKER_DAEMON: '1' })), 'docker');
      assert.equal(await detectBuilder('docker', f.env()), undefined);
      assert.equal(await detectBuilder('buildah', f.env()), 'buildah');
      assert.equal(await detectBuilder(undefined, { PATH: '/nonexistent' }), undefined);
    } finally {
      f.cleanup();
    }
  });

  test('build streams lines, inspect measures, rmi removes', async () => {
    const f = fakeBuilder();
    try {
      const lines: string[] = [];
      const r = await buildImage({ builder: 'podman', file: __filename, context: '.', tag: 'x/y:original', env: f.env(), onLine: (l) => lines.push(l) });
      assert.equal(r.code, 0);
      assert.ok(lines.includes('STEP 2/2: COMMIT x/y:original'), lines.join('\n'));
      const info = await inspectImage('buildah', 'x/y:converted', f.env());
      assert.equal(info.size, 9700000);
      assert.equal(info.config.User, '65532');
      assert.equal((await removeImages('podman', ['x/y:original'], f.env())).code, 0);
      assert.deepEqual(f.calls().at(-1), { tool: 'podman', args: ['rmi', 'x/y:original'] });
      await assert.rejects(inspectImage('podman', 'x', { PATH: '/nonexistent' }));
    } finally {
      f.cleanup();
    }
  });

  test('an abort kills the running build (its process group) and reports cancelled', async () => {
    const f = fakeBuilder();
    const pidFile = `${f.bin}/../pid`;
    try {
      const controller = new AbortController();
      const started = Date.now();
      const pending = buildImage({ builder: 'podman', file: __filename, context: '.', tag: 't', env: f.env({ FAKE_SLOW_BUILD: '1', FAKE_PID_FILE: pidFile }), signal: controller.signal });
      for (let i = 0; i < 100 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
      controller.abort();
      const r = await pending;
      assert.equal(r.cancelled, true);
      assert.ok(Date.now() - started < 20000);
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      assert.throws(() => process.kill(pid, 0), 'the build process is gone');
    } finally {
      f.cleanup();
    }
  });
});
