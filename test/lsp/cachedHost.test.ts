/** The server's file-read cache (server/src/lsp/cachedHost.ts): reuse within the TTL, invalidation, fresh ignore files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileStat, FileSystemHost } from '../../server/src/core/internal';
import { isIgnoreFile } from '../../server/src/core/internal';
import { CachedFileSystemHost } from '../../server/src/lsp/cachedHost';

/** A host that counts its reads and whose contents the test changes. */
class CountingHost implements FileSystemHost {
  reads = 0;
  files = new Map<string, string>();
  failNext = false;
  async readFile(path: string): Promise<Uint8Array | undefined> {
    this.reads++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('EIO');
    }
    const t = this.files.get(path);
    return t === undefined ? undefined : new TextEncoder().encode(t);
  }
  async stat(path: string): Promise<FileStat | undefined> {
    this.reads++;
    const t = this.files.get(path);
    return t === undefined ? undefined : { size: t.length, isDirectory: false };
  }
  async readDirectory(path: string): Promise<[string, boolean][]> {
    this.reads++;
    return [...this.files.keys()].filter((p) => p.startsWith(`${path}/`)).map((p) => [p.slice(path.length + 1), false] as [string, boolean]);
  }
}

const text = async (p: Promise<Uint8Array | undefined>) => {
  const b = await p;
  return b && new TextDecoder().decode(b);
};

describe('CachedFileSystemHost', () => {
  it('reuses a read within the TTL and reads again after it', async () => {
    const inner = new CountingHost();
    inner.files.set('/w/package.json', '{"a":1}');
    let clock = 1000;
    const host = new CachedFileSystemHost(inner, { ttlMs: 2000, now: () => clock });
    assert.equal(await text(host.readFile('/w/package.json')), '{"a":1}');
    inner.files.set('/w/package.json', '{"a":2}');
    clock += 1999;
    assert.equal(await text(host.readFile('/w/package.json')), '{"a":1}', 'within the TTL: the kept read');
    assert.equal(inner.reads, 1);
    clock += 1;
    assert.equal(await text(host.readFile('/w/package.json')), '{"a":2}', 'past the TTL: read again');
    assert.equal(inner.reads, 2);
    // stat and readFile of one path are kept apart.
    assert.deepEqual(await host.stat('/w/package.json'), { size: 7, isDirectory: false });
    assert.equal(inner.reads, 3);
  });

  it('forgets everything on invalidate()', async () => {
    const inner = new CountingHost();
    const host = new CachedFileSystemHost(inner, { ttlMs: 60_000 });
    assert.equal(await host.stat('/w/x'), undefined);
    inner.files.set('/w/x', 'abc');
    assert.equal(await host.stat('/w/x'), undefined);
    host.invalidate();
    assert.equal(host.size, 0);
    assert.deepEqual(await host.stat('/w/x'), { size: 3, isDirectory: false });
  });

  it('never serves a stale .dockerignore unless a watcher reports its changes', async () => {
    const inner = new CountingHost();
    let watched = false;
    const host = new CachedFileSystemHost(inner, { ttlMs: 60_000, mayKeep: (p) => watched || !isIgnoreFile(p) });
    assert.equal(await host.readFile('/w/.dockerignore'), undefined);
    inner.files.set('/w/.dockerignore', '.git\n');
    assert.equal(await text(host.readFile('/w/.dockerignore')), '.git\n', 'not watched: read each time');
    watched = true;
    assert.equal(await text(host.readFile('/w/.dockerignore')), '.git\n');
    inner.files.set('/w/.dockerignore', 'node_modules\n');
    assert.equal(await text(host.readFile('/w/.dockerignore')), '.git\n', 'watched: kept until a change is reported');
    host.invalidate();
    assert.equal(await text(host.readFile('/w/.dockerignore')), 'node_modules\n');
    for (const p of ['/w/.dockerignore', '/w/Dockerfile.dockerignore', '/w/app.Dockerfile.dockerignore', '.dockerignore']) assert.ok(isIgnoreFile(p), p);
    for (const p of ['/w/dockerignore.txt', '/w/.dockerignore/x', '/w/Dockerfile']) assert.ok(!isIgnoreFile(p), p);
  });

  it('gives each caller its own copy of a directory list', async () => {
    const inner = new CountingHost();
    inner.files.set('/w/b', '1');
    inner.files.set('/w/a', '2');
    const host = new CachedFileSystemHost(inner);
    const first = await host.readDirectory('/w');
    first.sort();
    first.push(['zzz', true]);
    assert.deepEqual(await host.readDirectory('/w'), [
      ['b', false],
      ['a', false],
    ]);
    assert.equal(inner.reads, 1);
  });

  it('does not keep a failed read, and stays bounded', async () => {
    const inner = new CountingHost();
    inner.files.set('/w/f', 'x');
    const host = new CachedFileSystemHost(inner, { maxEntries: 50 });
    inner.failNext = true;
    await assert.rejects(host.readFile('/w/f'));
    assert.equal(await text(host.readFile('/w/f')), 'x');
    for (let i = 0; i < 500; i++) await host.stat(`/w/${i}`);
    assert.ok(host.size <= 50, `${host.size} entries`);
  });
});
