import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryFileSystemHost, buildModel, estimateImage, measureContext } from '../../server/src/core/internal';
import { parseManifest } from '../../server/src/core/size/context';
import type { Manifests } from '../../server/src/core/size/runLayer';

function bytes(n: number, ch = 'x'): string {
  return ch.repeat(n);
}

describe('build context measurement', () => {
  const files = {
    '/ctx/Dockerfile': 'FROM alpine\nCOPY . /app\n',
    '/ctx/.dockerignore': '# comment\nnode_modules\n*.log\n!keep.log\ndocs/**/*.md\n',
    '/ctx/package.json': JSON.stringify({ dependencies: { a: '1', b: '1' }, devDependencies: { c: '1' } }),
    '/ctx/src/index.ts': bytes(1000),
    '/ctx/src/util.ts': bytes(500),
    '/ctx/node_modules/big/index.js': bytes(100000),
    '/ctx/debug.log': bytes(5000),
    '/ctx/keep.log': bytes(300),
    '/ctx/docs/guide/a.md': bytes(7000),
    '/ctx/docs/readme.txt': bytes(40),
    '/ctx/requirements.txt': 'flask==3.0\nnumpy>=1.26 # numbers\n-r other.txt\n',
    '/ctx/go.mod': 'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/c/d v1.0.0 // indirect\n)\nrequire github.com/e/f v1.0.0\n',
  };

  it('honours .dockerignore (patterns, negation, **) and reads manifests', async () => {
    const host = new MemoryFileSystemHost(files);
    const model = buildModel(files['/ctx/Dockerfile']);
    const m = await measureContext(model, host, { contextDir: '/ctx', dockerfilePath: '/ctx/Dockerfile' });
    assert.equal(m.ignoreFile, '/ctx/.dockerignore');
    const copy = m.byLine.get(1)!;
    const expected = ['Dockerfile', '.dockerignore', 'package.json', 'src/index.ts', 'src/util.ts', 'keep.log', 'docs/readme.txt', 'requirements.txt', 'go.mod'];
    const expectedBytes = expected.reduce((s, f) => s + new TextEncoder().encode((files as Record<string, string>)[`/ctx/${f}`]).byteLength, 0);
    assert.equal(copy.files, expected.length);
    assert.equal(copy.bytes, expectedBytes);
    assert.equal(copy.ignoredFiles, 3, 'node_modules/big/index.js, debug.log, docs/guide/a.md');
    assert.deepEqual(m.manifests.npm, { dependencies: 2, devDependencies: 1, names: ['a', 'b'], devNames: ['c'] });
    assert.deepEqual(m.manifests.requirements, ['flask', 'numpy']);
    assert.equal(m.manifests.goModules, 2);
  });

  it('measures single files, directories and wildcards; reports sources that match nothing', async () => {
    const host = new MemoryFileSystemHost(files);
    const text = 'FROM alpine\nCOPY package.json ./\nCOPY src/ /app/src/\nCOPY *.log /logs/\nCOPY missing.txt /x\n';
    const m = await measureContext(buildModel(text), host, { contextDir: '/ctx' });
    assert.equal(m.byLine.get(1)!.bytes, files['/ctx/package.json'].length);
    assert.equal(m.byLine.get(2)!.bytes, 1500);
    assert.equal(m.byLine.get(3)!.files, 1, 'keep.log only: debug.log is ignored');
    assert.deepEqual(m.byLine.get(4)!.missing, ['missing.txt']);
  });

  it('feeds measured sizes into the estimate, with the basis stated', async () => {
    const host = new MemoryFileSystemHost(files);
    const model = buildModel('FROM alpine:3.24\nCOPY src /app/src\n');
    const context = await measureContext(model, host, { contextDir: '/ctx' });
    const est = estimateImage(model, { context });
    const layer = est.stages[0].layers[0];
    assert.equal(layer.uncompressedBytes, 1500);
    assert.match(layer.items[0].basis, /measured from the build context \(2 files/);
    const unmeasured = estimateImage(model);
    assert.match(unmeasured.stages[0].layers[0].items[0].basis, /not measured/);
  });

  it('skips a directory ignored as a whole when no negation could re-include its files', async () => {
    const host = new MemoryFileSystemHost({ '/c/.dockerignore': 'node_modules\n', '/c/a.js': 'x', '/c/node_modules/a/1.js': 'xx', '/c/node_modules/b/2.js': 'yy' });
    const read: string[] = [];
    const spy = { readFile: (p: string) => host.readFile(p), stat: (p: string) => host.stat(p), readDirectory: (p: string) => (read.push(p), host.readDirectory(p)) };
    const m = await measureContext(buildModel('FROM alpine\nCOPY . .\n'), spy, { contextDir: '/c' });
    assert.equal(m.byLine.get(1)!.files, 2, 'a.js and .dockerignore');
    assert.equal(m.byLine.get(1)!.ignoredFiles, 1);
    assert.ok(!read.some((p) => p.includes('node_modules')), 'node_modules is never listed');
  });

  it('stops at the file limit and says so', async () => {
    const many: Record<string, string> = { '/c/Dockerfile': 'FROM alpine\nCOPY . .\n' };
    for (let i = 0; i < 50; i++) many[`/c/f${i}.txt`] = 'abc';
    const m = await measureContext(buildModel(many['/c/Dockerfile']), new MemoryFileSystemHost(many), { contextDir: '/c', maxFiles: 10 });
    assert.equal(m.byLine.get(1)!.truncated, true);
    assert.equal(m.byLine.get(1)!.files, 10);
  });

  it('reads lock files: npm (production and dev), poetry/uv, go.sum, Cargo.lock, pom.xml', () => {
    const m: Manifests = {};
    parseManifest('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/a': {}, 'node_modules/a/node_modules/b': {}, 'node_modules/t': { dev: true } } }), m);
    assert.deepEqual(m.npmLock, { names: ['a', 'b'], devNames: ['t'] });
    parseManifest('poetry.lock', '[[package]]\nname = "Flask"\nversion = "3.0"\n\n[[package]]\nname = "numpy"\n', m);
    assert.deepEqual(m.pythonLock, ['flask', 'numpy']);
    parseManifest('go.sum', 'github.com/a/b v1.0.0 h1:x=\ngithub.com/a/b v1.0.0/go.mod h1:y=\ngithub.com/c/d v0.1.0/go.mod h1:z=\n', m);
    assert.equal(m.goSumModules, 1, 'modules only listed for their go.mod are not downloaded');
    parseManifest('Cargo.toml', '[package]\nname = "x"\n\n[dependencies]\nserde = "1"\ntokio = { version = "1" }\n\n[dev-dependencies]\nx = "1"\n\n[dependencies.rand]\nversion = "0.8"\n', m);
    assert.equal(m.cargoDirectDependencies, 3, 'serde, tokio and rand; dev-dependencies do not ship');
    parseManifest('Cargo.lock', '[[package]]\nname = "a"\n\n[[package]]\nname = "b"\n', m);
    assert.equal(m.cargoLockPackages, 2);
    parseManifest('pom.xml', '<project><dependencyManagement><dependencies><dependency/></dependencies></dependencyManagement><dependencies><dependency>a</dependency><dependency>b</dependency></dependencies></project>', m);
    assert.equal(m.mavenDependencies, 2);
  });

  it('a single file copied from another stage is its own small figure, not a directory default', () => {
    const est = estimateImage(buildModel('FROM debian:bookworm AS b\nRUN useradd app\nFROM scratch\nCOPY --from=b /etc/passwd /etc/passwd\n'));
    const fin = est.stages[1];
    assert.ok(fin.uncompressedBytes < 200_000, `${fin.uncompressedBytes}`);
    assert.ok(fin.uncompressedHigh < 1_000_000);
  });
});
