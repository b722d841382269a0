/**
 * The build context a Dockerfile is built from (core/rules/buildContext.ts): its own folder or the parent where
 * most of its COPY sources exist, the nearest on a tie; asked of the file system as few times as it can.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, MemoryFileSystemHost } from '../../../server/src/core/internal';
import { candidateContextDirs, inferContextDir } from '../../../server/src/core/rules/buildContext';
import { lines } from './helpers';

/** A memory host that counts its stats. */
function host(files: Record<string, string>) {
  const inner = new MemoryFileSystemHost(files);
  const asked: string[] = [];
  return {
    asked,
    host: { readFile: (p: string) => inner.readFile(p), readDirectory: (p: string) => inner.readDirectory(p), stat: (p: string) => (asked.push(p), inner.stat(p)) },
  };
}

const COPIES = lines('FROM debian:12-slim', 'COPY app/main.py app/util.py /srv/', 'COPY config.toml /etc/app/', 'COPY . /src', 'COPY --from=build /out /out');

describe('build context', () => {
  it('lists the Dockerfile folder and four parents, nearest first', () => {
    assert.deepEqual(candidateContextDirs('/r/a/b/c/d/e/Dockerfile'), ['/r/a/b/c/d/e', '/r/a/b/c/d', '/r/a/b/c', '/r/a/b', '/r/a']);
    assert.deepEqual(candidateContextDirs('/r/Dockerfile'), ['/r', '/']);
  });

  it("takes the Dockerfile's own folder when it holds every source, without asking the parents about the sources", async () => {
    const { host: h, asked } = host({ '/w/p/app/main.py': '', '/w/p/app/util.py': '', '/w/p/config.toml': '', '/w/app/main.py': '' });
    assert.equal(await inferContextDir(buildModel(COPIES), h, '/w/p/Dockerfile'), '/w/p');
    // The three candidate folders, then the three concrete sources in the nearest (`.` and --from are not sources).
    assert.deepEqual(asked, ['/w/p', '/w', '/', '/w/p/app/main.py', '/w/p/app/util.py', '/w/p/config.toml']);
  });

  it('takes the parent that holds the most sources (a Dockerfile in a subfolder built from the root), the nearest on a tie', async () => {
    const root = { '/r/app/main.py': '', '/r/app/util.py': '', '/r/config.toml': '', '/r/docker/Dockerfile': '', '/r/docker/config.toml': '' };
    assert.equal(await inferContextDir(buildModel(COPIES), host(root).host, '/r/docker/Dockerfile'), '/r');
    const tie = { '/r/config.toml': '', '/r/docker/config.toml': '' };
    assert.equal(await inferContextDir(buildModel(COPIES), host(tie).host, '/r/docker/Dockerfile'), '/r/docker');
  });

  it('skips folders that do not exist, and falls back to the own folder when no folder holds a source', async () => {
    const { host: h, asked } = host({ '/elsewhere/x': '' });
    assert.equal(await inferContextDir(buildModel(COPIES), h, '/bench/1/Dockerfile'), '/bench/1');
    // Only '/' exists: its sources are asked, no other folder's.
    assert.deepEqual(asked, ['/bench/1', '/bench', '/', '/app/main.py', '/app/util.py', '/config.toml']);
    assert.equal(await inferContextDir(buildModel(COPIES), host({}).host, '/bench/1/Dockerfile'), '/bench/1');
  });

  it('takes the own folder at once when there is no concrete source', async () => {
    const { host: h, asked } = host({ '/r/x': '' });
    assert.equal(await inferContextDir(buildModel(lines('FROM alpine', 'COPY . /src', 'COPY *.txt $DEST/')), h, '/r/a/Dockerfile'), '/r/a');
    assert.deepEqual(asked, []);
  });
});
