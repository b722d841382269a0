/** server/src/node/nodeHost.ts: the Node file system as the core reads it (sync for stats and small files, async beyond). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NodeFileSystemHost, SYNC_LIST_LIMIT, SYNC_READ_LIMIT } from '../../server/src/node/nodeHost';

describe('NodeFileSystemHost', () => {
  let dir: string;
  const host = new NodeFileSystemHost();
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stages-host-'));
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n');
    fs.writeFileSync(path.join(dir, 'big.bin'), Buffer.alloc(SYNC_READ_LIMIT + 10, 7));
    fs.mkdirSync(path.join(dir, 'src'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stats files and directories, and answers undefined for a missing path', async () => {
    assert.deepEqual(await host.stat(path.join(dir, '.dockerignore')), { size: 13, isDirectory: false });
    assert.deepEqual(await host.stat(path.join(dir, 'src')), { size: fs.statSync(path.join(dir, 'src')).size, isDirectory: true });
    assert.equal(await host.stat(path.join(dir, 'missing')), undefined);
    assert.equal(await host.stat(path.join(dir, '.dockerignore', 'below-a-file')), undefined);
  });

  it('reads a small file and a file over the synchronous limit alike; a directory or a missing file reads as missing', async () => {
    assert.equal(Buffer.from((await host.readFile(path.join(dir, '.dockerignore')))!).toString('utf8'), 'node_modules\n');
    const big = await host.readFile(path.join(dir, 'big.bin'));
    assert.equal(big?.length, SYNC_READ_LIMIT + 10);
    assert.equal(big?.[SYNC_READ_LIMIT + 9], 7);
    assert.equal(await host.readFile(path.join(dir, 'src')), undefined);
    assert.equal(await host.readFile(path.join(dir, 'missing')), undefined);
  });

  it('lists a directory sorted by name, with which entries are directories', async () => {
    assert.deepEqual(await host.readDirectory(dir), [['.dockerignore', false], ['big.bin', false], ['src', true]]);
    assert.deepEqual(await host.readDirectory(path.join(dir, 'missing')), []);
    assert.deepEqual(await host.readDirectory(path.join(dir, '.dockerignore')), [], 'a file lists as nothing');
  });

  it('lists a directory past the synchronous limit too (read again asynchronously), and one just at it', async () => {
    for (const n of [SYNC_LIST_LIMIT, SYNC_LIST_LIMIT + 1, SYNC_LIST_LIMIT * 2 + 3]) {
      const many = path.join(dir, `many-${n}`);
      fs.mkdirSync(many);
      const names = Array.from({ length: n }, (_, i) => `f${String(i).padStart(5, '0')}`);
      for (const name of names) fs.writeFileSync(path.join(many, name), '');
      fs.mkdirSync(path.join(many, 'zz-sub'));
      const listed = await host.readDirectory(many);
      assert.equal(listed.length, n + 1);
      assert.deepEqual(listed.slice(0, 3), names.slice(0, 3).map((name) => [name, false]));
      assert.deepEqual(listed[n], ['zz-sub', true]);
    }
  });
});
