/**
 * Incremental sync soak: 10,000 random edit sequences (inserts and deletes at random offsets, one to three
 * changes per didChange) on one document. At checkpoints the server's answers for the edited document
 * (symbols, folding, semantic tokens, diagnostics) must equal its answers for a freshly opened document
 * with the same text, which the test tracks by applying the same edits itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT } from '../support/lspClient';
import { fixture } from '../support/fixtures';

const SEQUENCES = 10_000;
const CHECKPOINTS = 10;

/** Offset → LSP position; only \n is generated, so lines split on \n (CRLF in the seed is kept whole). */
function positionAt(text: string, offset: number) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

const SNIPPETS = ['x', ' ', '\n', '\\\n', 'FROM alpine AS s', 'COPY --from=build /a /b\n', '${VAR}', 'RUN echo hi\n', '# note\n', 'ARG A=1\n', '"', '\t', 'é', '😀', '<<EOF\nhi\nEOF\n', ' AS ', 'build'];

describe('incremental sync soak', () => {
  let client: LspClient;
  const uri = 'file:///soak/Dockerfile';
  let text = fixture('multistage-go.Dockerfile').replace(/\r/g, '');

  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.shutdown());

  async function answers(docUri: string) {
    const doc = { textDocument: { uri: docUri } };
    return {
      symbols: await client.request('textDocument/documentSymbol', doc),
      folding: await client.request('textDocument/foldingRange', doc),
      tokens: await client.request('textDocument/semanticTokens/full', doc),
    };
  }

  it(`survives ${SEQUENCES.toLocaleString('en-US')} random edit sequences and stays equal to a fresh parse`, async () => {
    // The fuzzer's seeded generator (scripts/fuzz.mjs): the same edits on every run.
    const { rng } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'fuzz.mjs')).href);
    const r = rng(8);
    client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, 1);
    let version = 1;
    let checked = 0;
    for (let seq = 1; seq <= SEQUENCES; seq++) {
      const changes: unknown[] = [];
      for (let k = 0, n = 1 + r.int(3); k < n; k++) {
        // Keep the document between a few hundred bytes and ~8 KB: deletes win when it is large.
        const del = text.length > 8_000 ? r.chance(0.8) : text.length < 300 ? r.chance(0.1) : r.chance(0.45);
        const start = r.int(text.length + 1);
        const end = del ? Math.min(text.length, start + 1 + r.int(r.chance(0.1) ? 200 : 12)) : start;
        const insert = del && r.chance(0.7) ? '' : SNIPPETS[r.int(SNIPPETS.length)];
        changes.push({ range: { start: positionAt(text, start), end: positionAt(text, end) }, text: insert });
        text = text.slice(0, start) + insert + text.slice(end);
      }
      client.change(uri, ++version, changes);
      if (seq % (SEQUENCES / CHECKPOINTS) === 0) {
        // Diagnostics for the latest version prove every change before it was applied.
        const edited = (await client.waitForDiagnostics(uri, version)).params.diagnostics;
        const freshUri = `file:///soak/fresh-${seq}/Dockerfile`;
        const since = client.notifications.length;
        client.open(freshUri, text, 1);
        const fresh = (await client.waitForDiagnostics(freshUri, 1, since)).params.diagnostics;
        assert.deepEqual(edited, fresh, `diagnostics differ after ${seq} sequences`);
        assert.deepEqual(await answers(uri), await answers(freshUri), `answers differ after ${seq} sequences; text:\n${text}`);
        client.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
        checked++;
      }
    }
    assert.equal(checked, CHECKPOINTS);
    assert.equal(client.stderr.join('').match(/uncaught|unhandled/gi), null, client.stderr.join(''));
  });
});
