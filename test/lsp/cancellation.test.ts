/**
 * Debounce and cancellation over the protocol: a burst of edits is validated once (or a few times), never
 * once per edit, and the last publish is for the last version; a cancelled request is answered with
 * RequestCancelled; a request overtaken by an edit is answered for the version it asked about or with
 * ContentModified, never with a result computed for another version.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { df } from '../support/fixtures';

const REQUEST_CANCELLED = -32800;
const CONTENT_MODIFIED = -32801;

const TEXT = df('FROM golang:1.22 AS build', 'RUN go build -o /app .', '', 'FROM alpine', 'COPY --from=build /app /app', 'CMD ["/app"]');

/** Several JSON-RPC messages in one write, so the server reads them together. */
function burst(client: LspClient, messages: unknown[]): void {
  const bodies = messages.map((m) => Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...(m as object) }), 'utf8'));
  const chunk = Buffer.concat(bodies.flatMap((b) => [Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]));
  (client as unknown as { proc: { stdin: { write(b: Buffer): void } } }).proc.stdin.write(chunk);
}

/** Reserves the id the client's next request would take, for a request sent by hand in a burst. */
function takeId(client: LspClient): number {
  const c = client as unknown as { nextId: number };
  return c.nextId++;
}

/** Waits for the answer to a request sent by hand (the client only tracks its own). */
function answerTo(client: LspClient, id: number): Promise<{ result?: unknown; error?: { code: number } }> {
  const c = client as unknown as { pending: Map<number, { resolve(v: unknown): void; reject(e: Error & { code?: number }): void }> };
  return new Promise((resolve) => {
    c.pending.set(id, { resolve: (result) => resolve({ result }), reject: (e) => resolve({ error: { code: e.code ?? 0 } }) });
  });
}

describe('debounce and cancellation', () => {
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.shutdown());

  it('rapid edits coalesce: one validation for a burst of 100 keystrokes, for the last version', async () => {
    const uri = 'file:///cancel/burst/Dockerfile';
    client.open(uri, TEXT, 1);
    await client.waitForDiagnostics(uri, 1);
    const since = client.notifications.length;
    const edits = [];
    // 100 keystrokes typing "x" at the end of line 2 ("RUN go build -o /app .").
    for (let v = 2; v <= 101; v++) {
      const at = { line: 1, character: 22 + (v - 2) };
      edits.push({ method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] } });
    }
    burst(client, edits);
    const last = await client.waitForDiagnostics(uri, 101, since);
    assert.ok(last);
    const published = client.notifications.slice(since).filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
    assert.ok(published.length <= 5, `${published.length} validations for 100 edits in one burst: ${published.map((n) => n.params.version).join(', ')}`);
    const versions = published.map((n) => n.params.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions never go backwards');
    assert.equal(versions[versions.length - 1], 101);
  });

  it('a cancelled request is answered with RequestCancelled, not a result', async () => {
    const uri = 'file:///cancel/cancelled/Dockerfile';
    client.open(uri, TEXT, 1);
    await client.waitForDiagnostics(uri, 1);
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/hover', 'textDocument/completion', 'textDocument/codeLens']) {
      const id = takeId(client);
      const answer = answerTo(client, id);
      const params: Record<string, unknown> = { textDocument: { uri } };
      if (method === 'textDocument/hover' || method === 'textDocument/completion') params.position = { line: 3, character: 6 };
      burst(client, [
        { id, method, params },
        { method: '$/cancelRequest', params: { id } },
      ]);
      const a = await answer;
      assert.equal(a.error?.code, REQUEST_CANCELLED, `${method}: ${JSON.stringify(a)}`);
    }
    // The server still answers afterwards.
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s: { name: string }) => s.name), ['build', 'stage 1']);
  });

  it('a request overtaken by an edit is never answered for the new version', async () => {
    const uri = 'file:///cancel/stale/Dockerfile';
    client.open(uri, TEXT, 1);
    await client.waitForDiagnostics(uri, 1);
    // Two texts whose symbols differ: the stage is renamed back and forth.
    const texts = [TEXT, TEXT.replace('AS build', 'AS builder').replace('--from=build', '--from=builder')];
    const expected = [];
    for (const [i, t] of texts.entries()) {
      const u = `file:///cancel/stale/expected-${i}/Dockerfile`;
      client.open(u, t, 1);
      expected.push(await client.request('textDocument/documentSymbol', { textDocument: { uri: u } }));
    }
    assert.notDeepEqual(expected[0], expected[1]);
    let version = 1;
    let current = 0;
    const outcomes = { asked: 0, modified: 0 };
    for (let round = 0; round < 100; round++) {
      const id = takeId(client);
      const answer = answerTo(client, id);
      const next = 1 - current;
      burst(client, [
        { id, method: 'textDocument/documentSymbol', params: { textDocument: { uri } } },
        { method: 'textDocument/didChange', params: { textDocument: { uri, version: ++version }, contentChanges: [{ text: texts[next] }] } },
      ]);
      const a = await answer;
      if (a.error) {
        assert.equal(a.error.code, CONTENT_MODIFIED, JSON.stringify(a));
        outcomes.modified++;
      } else {
        assert.deepEqual(a.result, expected[current], `round ${round}: a result for another version than the one asked about`);
        outcomes.asked++;
      }
      current = next;
    }
    assert.equal(outcomes.asked + outcomes.modified, 100);
  });
});
