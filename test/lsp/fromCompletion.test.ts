/**
 * FROM completion over the protocol (features/fromCompletion.ts): the embedded table's images and tags with
 * sizes and smaller variants, offline; registry tags only when look-ups are enabled (a registry on loopback
 * serves the tag list here).
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';

describe('FROM completion', () => {
  let client: LspClient;
  let settings: any = { size: { architecture: 'amd64', registryLookup: false } };
  let server: http.Server;
  let port = 0;
  const requests: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url?.startsWith('/v2/team/app/tags/list')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ name: 'team/app', tags: ['1.0', '1.1', 'edge'] }));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as any).port;
    client = new LspClient();
    client.onServerRequest = (method) => (method === 'workspace/configuration' ? [settings] : null);
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    await new Promise((r) => server.close(r));
  });

  const complete = (uri: string, line: number, character: number) => client.request('textDocument/completion', { textDocument: { uri }, position: { line, character } });

  it('offers the table\'s images after FROM, with their size range', async () => {
    const uri = 'file:///tmp/ds-from-a/Dockerfile';
    client.open(uri, 'FROM no\n');
    const items = await complete(uri, 0, 7);
    const node = items.find((i: any) => i.label === 'node');
    assert.ok(node, JSON.stringify(items.map((i: any) => i.label)));
    assert.match(node.detail, /^\d+ tags known: .+ MB\u2013.+ MB download$/);
    assert.deepEqual(node.textEdit, { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 7 } }, newText: 'node' });
    assert.ok(items.some((i: any) => i.label === 'scratch'));
  });

  it('offers the tags of an image after the colon, each with sizes and its smaller variants', async () => {
    const uri = 'file:///tmp/ds-from-b/Dockerfile';
    client.open(uri, 'FROM --platform=$BUILDPLATFORM node:24 AS build\n');
    const items = await complete(uri, 0, 38);
    const labels = items.map((i: any) => i.label);
    for (const tag of ['24', '24-slim', '24-alpine', '22-alpine']) assert.ok(labels.includes(tag), labels.join(' '));
    const full = items.find((i: any) => i.label === '24');
    assert.match(full.detail, /^\u2248 \d+ MB download, \u2248 [\d.]+ GB image \u00b7 smaller: 24-alpine \d+ MB, 24-slim \d+ MB$/);
    assert.match(full.documentation.value, /Smaller variants:\n- `node:24-alpine`/);
    assert.deepEqual(full.textEdit.range, { start: { line: 0, character: 36 }, end: { line: 0, character: 38 } });
  });

  it('no image completion outside the image of a FROM', async () => {
    const uri = 'file:///tmp/ds-from-c/Dockerfile';
    client.open(uri, 'FROM alpine:3.22 AS base\nRUN echo node:\n');
    const afterAs = await complete(uri, 0, 24);
    assert.ok(!afterAs.some((i: any) => i.label === 'node'));
    const inRun = await complete(uri, 1, 14);
    assert.ok(!inRun.some((i: any) => i.label === '24-slim'));
  });

  it('registry tags only when look-ups are enabled', async () => {
    const uri = 'file:///tmp/ds-from-d/Dockerfile';
    const text = `FROM 127.0.0.1:${port}/team/app:1\n`;
    client.open(uri, text);
    const offline = await complete(uri, 0, text.length - 1);
    assert.deepEqual(offline.filter((i: any) => /^1\./.test(i.label)), []);
    assert.equal(requests.length, 0, 'no request while look-ups are off');

    settings = { size: { architecture: 'amd64', registryLookup: true } };
    client.notify('workspace/didChangeConfiguration', { settings: { dockerfileStages: settings } });
    // The server re-reads settings and re-validates; wait for the re-published diagnostics of this document.
    const since = client.notifications.length;
    await client.waitForDiagnostics(uri, undefined, since);
    const online = await complete(uri, 0, text.length - 1);
    assert.deepEqual(online.map((i: any) => i.label), ['1.1', '1.0']);
    assert.match(online[0].detail, /tag listed by the registry/);
    assert.ok(requests.some((r) => r.startsWith('/v2/team/app/tags/list')));
  });
});
