import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/core/internal';
import { analyse, installsWithStaleLists, isCleanupOnly, isRuntimeSetup, type Analysis } from '../../server/src/core/convert/analyze';
import type { Item } from '../../server/src/core/convert/types';

/** The analysis of a one-stage Dockerfile and its RUNs. */
const read = (runs: string[], base = 'debian:bookworm'): { a: Analysis; runs: Item[] } => {
  const a = analyse(buildModel(`FROM ${base}\n${runs.map((r) => `RUN ${r}\n`).join('')}CMD ["./app"]\n`));
  assert.ok(typeof a !== 'string', String(a));
  return { a, runs: a.items.filter((i) => i.keyword === 'RUN') };
};
const runtimeSetup = (run: string) => {
  const { a, runs } = read([run]);
  return isRuntimeSetup(a, runs[0]);
};
const cleanupOnly = (run: string) => {
  const { a, runs } = read([run]);
  return isCleanupOnly(a, runs[0]);
};

describe('conversion analysis: packages installed', () => {
  it('lists the OS packages of every install, version pins dropped, not flag values or expansions', () => {
    const { a } = read(['apt-get update && sudo apt-get install -y --no-install-recommends "curl" libpq-dev=15.* $MORE', 'apk add --virtual .deps gcc || true']);
    assert.deepEqual(a.packages, ['curl', 'libpq-dev', 'gcc']);
  });

  it('does not read a package manager named as an argument (echo, a quoted string)', () => {
    const { a } = read(['echo "apt-get install curl" && printf apk add x']);
    assert.deepEqual(a.packages, []);
  });
});

describe('conversion analysis: runtime setup RUNs', () => {
  it('is true for user creation and runtime packages with list updates, cache removal and directories', () => {
    assert.equal(runtimeSetup('set -eux; apt-get update && apt-get install -y curl tzdata && rm -rf /var/lib/apt/lists/* && mkdir -p /app && chown app /app'), true);
    assert.equal(runtimeSetup('addgroup -S app && adduser -S app -G app'), true);
    assert.equal(runtimeSetup('sudo useradd --create-home app'), true);
  });

  it('is false when a toolchain package is installed, another program runs, or nothing useful is done', () => {
    assert.equal(runtimeSetup('apt-get update && apt-get install -y "gcc" curl'), false);
    assert.equal(runtimeSetup('apt-get install -y curl && make build'), false);
    assert.equal(runtimeSetup('mkdir -p /app && chmod 755 /app'), false);
    assert.equal(runtimeSetup('rm -rf /app/build'), false);
  });

  it('reads a heredoc RUN as its script', () => {
    const { a, runs } = read(['<<EOF\nset -e\nuseradd app\nmkdir /data\nEOF']);
    assert.equal(isRuntimeSetup(a, runs[0]), true);
  });
});

describe('conversion analysis: cleanup-only RUNs', () => {
  it('is true when every command removes files, packages or caches', () => {
    assert.equal(cleanupOnly('set -e && rm -rf /tmp/x; apk del .deps && apt-get -y purge gcc && apt-get autoremove -y && yum clean all && npm cache clean --force'), true);
  });

  it('is false when any command does something else, even with rm in an argument', () => {
    assert.equal(cleanupOnly('rm -rf node_modules && npm ci'), false);
    assert.equal(cleanupOnly('echo "rm -rf /"'), false);
  });
});

describe('conversion analysis: installs that rely on package lists fetched earlier', () => {
  const stale = (run: string, manager: 'apt' | 'apk') => {
    const { a, runs } = read([run], manager === 'apk' ? 'alpine:3.20' : 'debian:bookworm');
    return installsWithStaleLists(a, runs[0], manager);
  };

  it('apt: an install without an update before it in the RUN', () => {
    assert.equal(stale('apt-get install -y curl', 'apt'), true);
    assert.equal(stale('apt-get install -y curl && apt-get update', 'apt'), true);
    assert.equal(stale('sudo apt-get -qq update && apt install -y curl', 'apt'), false);
    assert.equal(stale('useradd app', 'apt'), false);
    assert.equal(stale('echo apt-get update && apt-get install -y curl', 'apt'), true);
  });

  it('apk: an add without --no-cache, --update-cache or an apk update before it', () => {
    assert.equal(stale('apk add curl', 'apk'), true);
    assert.equal(stale('apk add --no-cache curl', 'apk'), false);
    assert.equal(stale('apk add -U curl', 'apk'), false);
    assert.equal(stale('apk update && apk add curl', 'apk'), false);
    assert.equal(stale('echo --no-cache && apk add curl', 'apk'), true);
  });
});
