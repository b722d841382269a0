/**
 * Exact base sizes from a real registry on loopback: Debian's `docker-registry` (Distribution), started here
 * on 127.0.0.1 and populated with a small multi-platform image through its HTTP API. Also the token flow,
 * the response-size limit, the timeout and the disk cache, and the server's use of it (trusted only).
 * scripts/ensure-test-deps.sh (run by `npm test`) installs the package; without it the suite is skipped.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EstimateRequest, type EstimateResult } from '../../common/protocol';
import { RegistryError, RegistrySizeClient } from '../../server/src/node/registry';
import { DEFAULT_CAPABILITIES, LspClient } from '../support/lspClient';

const REGISTRY_BIN = '/usr/bin/docker-registry';
const available = existsSync(REGISTRY_BIN);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function pushBlob(base: string, repo: string, blob: Buffer): Promise<string> {
  const digest = sha(blob);
  const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  assert.equal(start.status, 202, `start upload: ${start.status}`);
  const location = new URL(start.headers.get('location')!, base);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', body: blob, headers: { 'Content-Type': 'application/octet-stream' } });
  assert.equal(put.status, 201, `put blob: ${put.status} ${await put.text()}`);
  return digest;
}

async function pushManifest(base: string, repo: string, ref: string, body: object, mediaType: string): Promise<{ digest: string; size: number }> {
  const buf = Buffer.from(JSON.stringify(body));
  const res = await fetch(`${base}/v2/${repo}/manifests/${ref}`, { method: 'PUT', body: buf, headers: { 'Content-Type': mediaType } });
  assert.equal(res.status, 201, `put manifest: ${res.status} ${await res.text()}`);
  return { digest: sha(buf), size: buf.length };
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** Pushes an image with the given layer sizes for one platform; returns its manifest descriptor. */
async function pushImage(base: string, repo: string, arch: string, layerSizes: number[], tag?: string) {
  const layers = [];
  for (const [i, size] of layerSizes.entries()) {
    const blob = Buffer.alloc(size, `${arch}-${i}-`);
    layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: await pushBlob(base, repo, blob), size });
  }
  const config = Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: await pushBlob(base, repo, config), size: config.length },
    layers,
  };
  const d = await pushManifest(base, repo, tag ?? sha(Buffer.from(JSON.stringify(manifest))), manifest, OCI_MANIFEST);
  return { mediaType: OCI_MANIFEST, digest: d.digest, size: d.size, platform: { architecture: arch, os: 'linux' } };
}

describe('registry sizes against a real registry on loopback', { skip: available ? false : `${REGISTRY_BIN} not installed (scripts/ensure-test-deps.sh)` }, () => {
  let proc: ChildProcess;
  let dir: string;
  let registry: string;
  let base: string;
  const repo = 'test/small';

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ds-registry-'));
    const port = await freePort();
    registry = `127.0.0.1:${port}`;
    base = `http://${registry}`;
    writeFileSync(
      path.join(dir, 'config.yml'),
      ['version: 0.1', 'log:', '  level: info', 'storage:', '  filesystem:', `    rootdirectory: ${path.join(dir, 'data')}`, 'http:', `  addr: ${registry}`, '  secret: test-secret', ''].join('\n'),
    );
    proc = spawn(REGISTRY_BIN, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Ready when it logs that it listens (an event, not a sleep).
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const onData = (b: Buffer) => {
        log += b.toString();
        if (log.includes(`listening on ${registry}`)) resolve();
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`docker-registry exited with ${code}: ${log}`)));
    });
    const amd = await pushImage(base, repo, 'amd64', [120_000, 30_000, 512]);
    const arm = await pushImage(base, repo, 'arm64', [100_000, 20_000]);
    await pushManifest(base, repo, '1.0', { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [amd, arm] }, OCI_INDEX);
    await pushImage(base, repo, 'amd64', [7_000], 'single');
  });

  after(() => {
    proc?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads index → platform manifest → layer sizes, per architecture', async () => {
    const client = new RegistrySizeClient({ cacheDir: path.join(dir, 'cache1') });
    const name = { registry, repository: repo, tag: '1.0' };
    const amd = await client.fetchSize(name, 'amd64');
    assert.equal(amd!.compressedBytes, 150_512);
    assert.deepEqual(amd!.layers, [120_000, 30_000, 512]);
    assert.match(amd!.digest!, /^sha256:/);
    const arm = await client.fetchSize(name, 'arm64');
    assert.equal(arm!.compressedBytes, 120_000);
    const single = await client.fetchSize({ registry, repository: repo, tag: 'single' }, 'amd64');
    assert.equal(single!.compressedBytes, 7_000);
    assert.equal(await client.fetchSize({ registry, repository: repo, tag: 'nope' }, 'amd64'), undefined);
    // by digest too
    const byDigest = await client.fetchSize({ registry, repository: repo, digest: amd!.digest }, 'amd64');
    assert.equal(byDigest!.compressedBytes, 150_512);
    // and the estimator-facing figure
    const info = client.cached(name, 'amd64')!;
    assert.equal(info.compressedBytes, 150_512);
    assert.match(info.source, /^registry 127\.0\.0\.1:\d+ manifest sha256:/);
  });

  it('keeps answers in the on-disk cache', async () => {
    const cacheDir = path.join(dir, 'cache2');
    const first = new RegistrySizeClient({ cacheDir });
    await first.fetchSize({ registry, repository: repo, tag: '1.0' }, 'amd64');
    let asked = 0;
    const offline = new RegistrySizeClient({
      cacheDir,
      fetch: (async () => {
        asked++;
        throw new Error('offline');
      }) as typeof fetch,
    });
    const again = await offline.fetchSize({ registry, repository: repo, tag: '1.0' }, 'amd64');
    assert.equal(again!.compressedBytes, 150_512);
    assert.equal(asked, 0);
    // expired tags are fetched again
    const later = new RegistrySizeClient({ cacheDir, now: () => Date.now() + 30 * 24 * 3600 * 1000, fetch: (async () => { asked++; throw new Error('offline'); }) as typeof fetch });
    await assert.rejects(later.fetchSize({ registry, repository: repo, tag: '1.0' }, 'amd64'), RegistryError);
    assert.equal(asked, 1);
  });

  it('refuses responses over the size limit', async () => {
    const client = new RegistrySizeClient({ cacheDir: '', maxResponseBytes: 100 });
    await assert.rejects(client.fetchSize({ registry, repository: repo, tag: '1.0' }, 'amd64'), /limit/);
  });

  it('the language server uses the registry only when enabled and trusted, and refreshes the lenses', async () => {
    const cacheHome = path.join(dir, 'xdg');
    const text = `FROM ${registry}/${repo}:1.0\nRUN echo hi\n`;
    const uri = `file://${dir}/Dockerfile`;
    writeFileSync(path.join(dir, 'Dockerfile'), text);
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cacheHome;
    const caps = { ...DEFAULT_CAPABILITIES, workspace: { ...(DEFAULT_CAPABILITIES as any).workspace, codeLens: { refreshSupport: true } } };
    const run = async (trusted: boolean) => {
      const settings = { size: { architecture: 'amd64', codeLens: true, statusBar: true, registryLookup: true } };
      const client = new LspClient();
      let refreshed!: () => void;
      const refresh = new Promise<void>((r) => (refreshed = r));
      client.onServerRequest = (method) => {
        if (method === 'workspace/codeLens/refresh') refreshed();
        return method === 'workspace/configuration' ? [settings] : null;
      };
      await client.initialize({ settings, trusted }, caps);
      client.open(uri, text);
      const first = await client.request<EstimateResult>(EstimateRequest, { textDocument: { uri } });
      return { client, first, refresh };
    };
    try {
      const untrusted = await run(false);
      assert.equal(untrusted.first.stages[0].unknownBase, true);
      await untrusted.client.shutdown();
      const trusted = await run(true);
      assert.equal(trusted.first.stages[0].unknownBase, true, 'the table answers first');
      await trusted.refresh;
      const second = await trusted.client.request<EstimateResult>(EstimateRequest, { textDocument: { uri } });
      assert.equal(second.stages[0].unknownBase, false);
      assert.equal(second.stages[0].base.compressedBytes, 150_512);
      assert.equal(second.stages[0].base.source, 'registry');
      await trusted.client.shutdown();
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});

describe('registry client without a registry', () => {
  it('follows the Bearer token flow (401 → token → retry)', async () => {
    let tokenAsked = '';
    const server = http.createServer((req, res) => {
      const port = (server.address() as net.AddressInfo).port;
      if (req.url!.startsWith('/token')) {
        tokenAsked = req.url!;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ token: 'T0K3N' }));
        return;
      }
      if (req.headers.authorization !== 'Bearer T0K3N') {
        res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="registry.test",scope="repository:library/alpine:pull"` });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': OCI_MANIFEST });
      res.end(JSON.stringify({ schemaVersion: 2, layers: [{ size: 1000 }, { size: 234 }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const client = new RegistrySizeClient({ cacheDir: '' });
      const r = await client.fetchSize({ registry: `127.0.0.1:${port}`, repository: 'library/alpine', tag: '3' }, 'amd64');
      assert.equal(r!.compressedBytes, 1234);
      assert.match(tokenAsked, /service=registry\.test/);
      assert.match(tokenAsked, /scope=repository%3Alibrary%2Falpine%3Apull/);
    } finally {
      server.close();
    }
  });

  it('gives up after the timeout when the registry does not answer', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const client = new RegistrySizeClient({ cacheDir: '', timeoutMs: 200 });
      await assert.rejects(client.fetchSize({ registry: `127.0.0.1:${port}`, repository: 'x/y', tag: '1' }, 'amd64'), /did not answer within 200 ms/);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('maps Docker Hub official images to library/ on registry-1.docker.io', () => {
    assert.deepEqual(RegistrySizeClient.locate({ repository: 'node', tag: '20-alpine' }), { registry: 'registry-1.docker.io', repository: 'library/node', reference: '20-alpine' });
    assert.deepEqual(RegistrySizeClient.locate({ registry: 'ghcr.io', repository: 'o/r', digest: 'sha256:ab' }), { registry: 'ghcr.io', repository: 'o/r', reference: 'sha256:ab' });
  });
});
