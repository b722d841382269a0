/** Size estimates over the real protocol: the custom request and the CodeLens (bundled server over stdio). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Commands } from '../../common/ids';
import { EstimateRequest, type EstimateResult } from '../../common/protocol';
import { LspClient } from '../support/lspClient';

const MULTI = [
  'FROM golang:1.26-alpine AS build',
  'WORKDIR /src',
  'COPY go.mod ./',
  'RUN go mod download',
  'COPY . .',
  'RUN go build -o /out/server ./cmd/server',
  '',
  'FROM alpine:3.24',
  'COPY --from=build /out/server /usr/local/bin/server',
  'CMD ["server"]',
  '',
].join('\n');

const SINGLE = ['FROM golang:1.26', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /usr/local/bin/app .', 'CMD ["app"]', ''].join('\n');

describe('size estimate over LSP', () => {
  let client: LspClient;
  let dir: string;
  const settings = { size: { architecture: 'amd64', codeLens: true, statusBar: true, registryLookup: false } };
  let multiUri: string;
  let singleUri: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ds-estimate-'));
    mkdirSync(path.join(dir, 'cmd', 'server'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules', 'junk'), { recursive: true });
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/x\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.0.0\n)\n');
    writeFileSync(path.join(dir, 'main.go'), 'package main\n'.repeat(1000));
    writeFileSync(path.join(dir, 'cmd', 'server', 'main.go'), 'package main\n'.repeat(500));
    writeFileSync(path.join(dir, 'node_modules', 'junk', 'big.bin'), Buffer.alloc(3_000_000));
    writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n');
    writeFileSync(path.join(dir, 'Dockerfile'), MULTI);
    mkdirSync(path.join(dir, 'single'));
    writeFileSync(path.join(dir, 'single', 'main.go'), 'package main\n');
    writeFileSync(path.join(dir, 'single', 'Dockerfile'), SINGLE);
    multiUri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    singleUri = pathToFileURL(path.join(dir, 'single', 'Dockerfile')).toString();
    client = new LspClient();
    client.onServerRequest = (method) => (method === 'workspace/configuration' ? [settings] : null);
    await client.initialize({ settings, trusted: true });
    client.open(multiUri, MULTI);
    client.open(singleUri, SINGLE);
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers dockerfileStages/estimate with per-stage and final figures, context measured with .dockerignore', async () => {
    const r = await client.request<EstimateResult>(EstimateRequest, { textDocument: { uri: multiUri } });
    assert.equal(r.uri, multiUri);
    assert.equal(r.arch, 'amd64');
    assert.equal(r.contextMeasured, true);
    assert.equal(r.stages.length, 2);
    const [build, fin] = r.stages;
    assert.equal(build.discarded, true);
    assert.equal(fin.isFinal, true);
    assert.equal(r.final!.stage, 1);
    assert.equal(r.final!.compressedBytes, fin.compressedBytes);
    assert.ok(r.final!.low <= r.final!.compressedBytes && r.final!.compressedBytes <= r.final!.high);
    assert.equal(fin.base.compressedBytes, 3849738, 'alpine:3.24 from the table');
    // COPY . . measured: main.go + cmd/server/main.go + go.mod + Dockerfile + .dockerignore, not node_modules.
    const copyAll = build.layers.find((l) => l.summary.startsWith('COPY . .'))!;
    assert.ok(copyAll.uncompressedBytes < 100_000, `node_modules left out: ${copyAll.uncompressedBytes}`);
    assert.match(copyAll.items[0].basis, /measured from the build context .*left out by \.dockerignore/);
  });

  it('computes the lenses of a file just opened after publishing its diagnostics', async () => {
    const uri = pathToFileURL(path.join(dir, 'Dockerfile.order')).toString();
    const since = client.notifications.length;
    client.open(uri, MULTI);
    // As an editor does: the lenses are asked for at once. Their answer comes after the diagnostics.
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(Array.isArray(lenses) && lenses.length > 0);
    const published = client.notifications.slice(since).findIndex((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri);
    assert.ok(published >= 0, 'diagnostics published before the lenses were answered');
    client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('puts a CodeLens above each FROM: discarded build stage and final image', async () => {
    const lenses = await client.request<any[]>('textDocument/codeLens', { textDocument: { uri: multiUri } });
    const titles = lenses.map((l) => [l.range.start.line, l.command.title]);
    assert.equal(titles.length, 2);
    assert.equal(titles[0][0], 0);
    assert.match(titles[0][1], /^build stage ≈ [\d.]+ [MG]B · discarded$/);
    assert.equal(titles[1][0], 7);
    assert.match(titles[1][1], /^≈ [\d.]+ MB final image$/);
    assert.equal(lenses[1].command.command, Commands.showSizeBreakdown);
  });

  it('on a single-stage file the lens shows the multi-stage saving and runs the conversion', async () => {
    const lenses = await client.request<any[]>('textDocument/codeLens', { textDocument: { uri: singleUri } });
    assert.equal(lenses.length, 1);
    const r = await client.request<EstimateResult>(EstimateRequest, { textDocument: { uri: singleUri } });
    if (r.converted) {
      assert.match(lenses[0].command.title, /^≈ [\d.]+ [MG]B · multi-stage ≈ [\d.]+ [MG]B \(−\d+ %\)$/);
      assert.equal(lenses[0].command.command, Commands.convertToMultiStage);
      assert.deepEqual(lenses[0].command.arguments, [singleUri, 'multiStage']);
      assert.ok(r.converted.compressedBytes < r.final!.compressedBytes);
    } else {
      assert.match(lenses[0].command.title, /final image/);
    }
  });

  it('follows edits and the arch parameter', async () => {
    const before = await client.request<EstimateResult>(EstimateRequest, { textDocument: { uri: multiUri } });
    client.notify('textDocument/didChange', {
      textDocument: { uri: multiUri, version: 2 },
      contentChanges: [{ text: MULTI.replace('FROM alpine:3.24', 'FROM debian:bookworm') }],
    });
    const after = await client.request<EstimateResult>(EstimateRequest, { textDocument: { uri: multiUri } });
    assert.equal(after.version, 2);
    assert.ok(after.final!.compressedBytes > before.final!.compressedBytes + 40_000_000);
    const arm = await client.request<EstimateResult>(EstimateRequest, { textDocument: { uri: multiUri }, arch: 'arm64' });
    assert.equal(arm.arch, 'arm64');
    assert.equal(arm.stages[1].base.compressedBytes, 48389910, 'debian:bookworm arm64 figure');
  });

  it('hides the lenses when size.codeLens is off', async () => {
    settings.size.codeLens = false;
    client.notify('workspace/didChangeConfiguration', { settings: { dockerfileStages: settings } });
    // The server re-reads settings and republishes diagnostics: wait for that, then ask.
    await client.waitForDiagnostics(multiUri, undefined, client.notifications.length);
    const lenses = await client.request<any[]>('textDocument/codeLens', { textDocument: { uri: multiUri } });
    assert.equal(lenses.filter((l) => /final image|discarded/.test(l.command?.title ?? '')).length, 0);
    settings.size.codeLens = true;
  });

  it('in an untrusted workspace the context is not measured (and not reported as empty)', async () => {
    const untrusted = new LspClient();
    untrusted.onServerRequest = (method) => (method === 'workspace/configuration' ? [settings] : null);
    try {
      await untrusted.initialize({ settings, trusted: false });
      untrusted.open(multiUri, MULTI);
      const r = await untrusted.request<EstimateResult>(EstimateRequest, { textDocument: { uri: multiUri } });
      assert.equal(r.contextMeasured, false);
      const copyAll = r.stages[0].layers.find((l) => l.summary.startsWith('COPY . .'))!;
      assert.match(copyAll.items[0].basis, /not measured/);
      assert.ok(copyAll.high > copyAll.low * 10, 'a wide default range');
    } finally {
      await untrusted.shutdown();
    }
  });

  it('answers null for documents that are not open', async () => {
    const r = await client.request(EstimateRequest, { textDocument: { uri: 'file:///nowhere/Dockerfile' } });
    assert.equal(r, null);
  });
});
