/** The server over the real protocol: `node dist/server.js --stdio`, as any editor would start it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { fixture, fixtureUri } from '../support/fixtures';

/** The standard validator's diagnostics only: the rule engine's (codes DSnnn) are tested in rules.test.ts. */
/** The standard validator's diagnostics: codes DS0nn (its number n is kept in data.validatorCode). */
const standard = (diagnostics: any[]) => diagnostics.filter((d) => /^DS0\d\d$/.test(String(d.code)) && typeof d.data?.validatorCode === 'number');

describe('language server over stdio', () => {
  let client: LspClient;
  let init: any;
  const uri = fixtureUri('multistage-go.Dockerfile');

  before(async () => {
    client = new LspClient();
    init = await client.initialize();
    client.open(uri, fixture('multistage-go.Dockerfile'));
  });
  after(() => client.shutdown());

  it('logs a request that fails with a stack trace naming the TypeScript sources, and answers its default', async () => {
    const since = client.notifications.length;
    // A position the client should never send: the stage hover reads position.line.
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: null });
    assert.equal(hover, null);
    const logged = await client.waitFor((n) => n.method === 'window/logMessage' && /^hover failed:/.test(n.params.message), 10_000, since);
    const frames = String(logged.params.message).split('\n').filter((l) => l.startsWith('    at '));
    assert.ok(frames.length >= 2, logged.params.message);
    assert.match(frames[0], /\(server\/src\/core\/[\w/]+\.ts:\d+:\d+\)$/, logged.params.message);
    assert.ok(frames.some((f) => /\(server\/src\/core\/hover\/index\.ts:\d+:\d+\)$/.test(f)), logged.params.message);
    assert.ok(frames.some((f) => /server\/src\/lsp\/runSafe\.ts:\d+:\d+/.test(f)), logged.params.message);
    assert.ok(!frames.some((f) => /dist\/server\.js/.test(f)), 'no frame left in the bundle');
  });

  it('a document closed and opened again under the same URI (untitled:Untitled-1) gets the diagnostics of its new text', async () => {
    // VS Code reuses untitled:Untitled-1 for the next untitled document; the client answers settings requests late
    // here, so the close and the new open arrive while the first text's diagnosis still waits on them.
    const reused = new LspClient();
    reused.onServerRequest = (method, params) => (method === 'workspace/configuration' ? new Promise((resolve) => setTimeout(() => resolve(params.items.map(() => ({}))), 5)) : null);
    try {
      await reused.initialize({ settings: {}, trusted: true });
      const u = 'untitled:Untitled-1';
      const codes = (n: { params: { diagnostics: { code: string }[] } }) => n.params.diagnostics.map((d) => d.code);
      for (const waitFirst of [true, false]) {
        reused.open(u, 'FROM alpine AS a\nFROM alpine AS a\nrun echo hi\n', 1);
        if (waitFirst) await reused.waitForDiagnostics(u, 1);
        reused.notify('textDocument/didClose', { textDocument: { uri: u } });
        const since = reused.notifications.length;
        reused.open(u, 'FROM golang:1.22 as build\nRUN go build -o /app\n', 1);
        const fresh = await reused.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === u && codes(n).includes('DS107'), 10_000, since);
        assert.ok(!codes(fresh).includes('DS010'), JSON.stringify(codes(fresh)));
        // Whatever was still under way for the first text published nothing after it.
        await reused.request('textDocument/codeLens', { textDocument: { uri: u } });
        const after = reused.notifications.slice(since).filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === u);
        assert.ok(after.every((n) => !codes(n).includes('DS010')), JSON.stringify(after.map(codes)));
        reused.notify('textDocument/didClose', { textDocument: { uri: u } });
      }
    } finally {
      await reused.shutdown();
    }
  });

  it('declares its capabilities', () => {
    const c = init.capabilities;
    assert.equal(c.textDocumentSync.change, 2, 'incremental sync');
    for (const key of [
      'completionProvider',
      'hoverProvider',
      'signatureHelpProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'documentOnTypeFormattingProvider',
      'definitionProvider',
      'documentHighlightProvider',
      'renameProvider',
      'documentLinkProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'semanticTokensProvider',
      'codeActionProvider',
    ]) {
      assert.ok(c[key], `${key} missing`);
    }
    assert.equal(c.renameProvider.prepareProvider, true);
    assert.equal(c.completionProvider.resolveProvider, true);
    assert.ok(c.semanticTokensProvider.legend.tokenTypes.includes('keyword'));
    assert.equal(init.serverInfo.name, 'dockerfile-stages');
  });

  it('publishes diagnostics on open and on change, for the right version', async () => {
    const opened = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(standard(opened.params.diagnostics), []);
    const since = client.notifications.length;
    // Lower-case "from" on line 11 ("FROM build AS test"): the standard validator flags the casing.
    client.change(uri, 2, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 4 } }, text: 'from' }]);
    const changed = await client.waitForDiagnostics(uri, 2, since);
    const casing = standard(changed.params.diagnostics).find((d: any) => d.range.start.line === 11);
    assert.ok(casing, JSON.stringify(changed.params.diagnostics));
    assert.equal(casing.source, 'dockerfile-stages');
    const since3 = client.notifications.length;
    client.change(uri, 3, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 4 } }, text: 'FROM' }]);
    const fixed = await client.waitForDiagnostics(uri, 3, since3);
    assert.deepEqual(standard(fixed.params.diagnostics), []);
  });

  it('offers the standard quick fix as an edit', async () => {
    const since = client.notifications.length;
    client.change(uri, 4, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 4 } }, text: 'from' }]);
    const d = standard((await client.waitForDiagnostics(uri, 4, since)).params.diagnostics)[0];
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a: any) => a.kind === 'quickfix');
    assert.ok(fix, JSON.stringify(actions));
    assert.deepEqual(fix.edit.changes[uri], [{ range: d.range, newText: 'FROM' }]);
    const since5 = client.notifications.length;
    client.change(uri, 5, [{ range: d.range, text: 'FROM' }]);
    assert.deepEqual(standard((await client.waitForDiagnostics(uri, 5, since5)).params.diagnostics), []);
  });

  it('returns symbols hierarchical by stage', async () => {
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s: any) => s.name), ['ARG GO_VERSION', 'ARG RUNTIME', 'Build', 'test', 'runtime']);
    assert.deepEqual(symbols[4].children.map((c: any) => c.name), ['RUN', 'COPY', 'USER', 'EXPOSE', 'ENTRYPOINT']);
  });

  it('folds each stage', async () => {
    const ranges = await client.request('textDocument/foldingRange', { textDocument: { uri } });
    for (const [s, e] of [
      [4, 9],
      [11, 12],
      [14, 19],
    ]) {
      assert.ok(ranges.some((r: any) => r.startLine === s && r.endLine === e), `stage ${s}-${e} in ${JSON.stringify(ranges)}`);
    }
  });

  it('answers hover on an instruction', async () => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 2 } });
    assert.match(JSON.stringify(hover.contents), /WORKDIR|working directory/i);
  });

  it('completes instructions and stage names', async () => {
    const items = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 13, character: 0 } });
    const labels = (Array.isArray(items) ? items : items.items).map((i: any) => i.label);
    assert.ok(labels.some((l: string) => l.startsWith('COPY ')), labels.join(','));
    const resolved = await client.request('completionItem/resolve', (Array.isArray(items) ? items : items.items)[0]);
    assert.ok(resolved.label);
    const other = 'file:///tmp/complete.Dockerfile';
    client.open(other, 'FROM alpine AS builder\nFROM alpine\nCOPY --from=\n');
    const stageItems = await client.request('textDocument/completion', { textDocument: { uri: other }, position: { line: 2, character: 12 } });
    assert.deepEqual((Array.isArray(stageItems) ? stageItems : stageItems.items).map((i: any) => i.label), ['builder']);
  });

  it('formats the document', async () => {
    const other = 'file:///tmp/format.Dockerfile';
    client.open(other, 'FROM alpine\n   RUN true\n');
    const edits = await client.request('textDocument/formatting', { textDocument: { uri: other }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: '' }]);
  });

  it('returns semantic tokens', async () => {
    const tokens = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(tokens.data.length > 50 && tokens.data.length % 5 === 0);
  });

  it('answers a binary file with one clear diagnostic and empty results', async () => {
    const bin = fixtureUri('binary.Dockerfile');
    client.open(bin, fixture('binary.Dockerfile'));
    const d = await client.waitForDiagnostics(bin, 1);
    assert.equal(d.params.diagnostics.length, 1);
    assert.match(d.params.diagnostics[0].message, /binary/);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: bin } }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: bin }, position: { line: 0, character: 1 } }), null);
  });

  it('honours settings pulled from the client', async () => {
    const other = 'file:///tmp/settings.Dockerfile';
    client.onServerRequest = (method) => (method === 'workspace/configuration' ? [{ validation: { instructionCasing: 'ignore' } }] : null);
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    // The server re-validates open documents after reading the new settings; wait for that round.
    await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, 10_000, client.notifications.length);
    client.open(other, 'from alpine\n');
    const d = await client.waitForDiagnostics(other, 1);
    assert.deepEqual(standard(d.params.diagnostics), []);
  });

  it('writes nothing but protocol to stdout and survives requests for unknown documents', async () => {
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nope' }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nope' } }), []);
  });
});
