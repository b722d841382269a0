/** Conversions over the real protocol: code actions on FROM, the DS201 quick fix, the conversions request. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionKinds } from '../../common/ids';
import { ConversionsRequest, ConversionsResult } from '../../common/protocol';
import { applyTextEdits } from '../../server/src/core/internal';
import { fixture, fixtureUri } from '../support/fixtures';
import { DEFAULT_CAPABILITIES, LspClient } from '../support/lspClient';

/** A client that resolves an action's edit lazily, as VS Code does. */
const RESOLVING = { ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, codeAction: { ...DEFAULT_CAPABILITIES.textDocument.codeAction, resolveSupport: { properties: ['edit'] } } } };

const range = (line: number, character = 0) => ({ start: { line, character }, end: { line, character } });

describe('conversions over stdio', () => {
  let client: LspClient;
  const goUri = fixtureUri('convert/go-plain.Dockerfile');
  const placeholderUri = fixtureUri('convert/generic-unusual.Dockerfile');
  const multiUri = 'untitled:multi.Dockerfile';
  const runUri = fixtureUri('convert/runartifact-go-plain.Dockerfile');
  const runAskUri = fixtureUri('convert/runartifact-rust-plain.Dockerfile');
  const multiText = 'FROM golang:1.22\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=0 /app /app\nCMD ["/app"]\n';

  before(async () => {
    client = new LspClient();
    await client.initialize({}, RESOLVING);
    client.open(goUri, fixture('convert/go-plain.Dockerfile'));
    client.open(placeholderUri, fixture('convert/generic-unusual.Dockerfile'));
    client.open(multiUri, multiText);
    client.open(runUri, fixture('convert/runartifact-go-plain.Dockerfile'));
    client.open(runAskUri, fixture('convert/runartifact-rust-plain.Dockerfile'));
  });
  after(() => client.shutdown());

  /** The text an action's edit gives, resolving the action first (the list carries no edit). */
  async function applied(action: any, uri: string, original: string): Promise<string> {
    assert.equal(action.edit, undefined, 'the list carries no edit');
    const resolved = await client.request('codeAction/resolve', action);
    const edits = resolved.edit.changes?.[uri] ?? resolved.edit.documentChanges[0].edits;
    return applyTextEdits(original, edits);
  }

  it('offers refactor.rewrite.multiStage on the FROM line; resolving it gives line edits that make the converted file', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: goUri }, range: range(0, 2), context: { diagnostics: [] } });
    const convert = actions.find((a) => a.kind === CodeActionKinds.multiStage);
    assert.ok(convert, JSON.stringify(actions.map((a) => a.kind)));
    assert.equal(await applied(convert, goUri, fixture('convert/go-plain.Dockerfile')), fixture('convert/go-plain.expected.Dockerfile'));
    const resolved = await client.request('codeAction/resolve', convert);
    const edits = resolved.edit.changes[goUri];
    const lines = fixture('convert/go-plain.Dockerfile').split('\n').length;
    assert.ok(edits.every((e: any) => e.range.start.character === 0 && e.range.end.character === 0), 'whole lines');
    assert.ok(edits.reduce((n: number, e: any) => n + e.range.end.line - e.range.start.line, 0) < lines - 1, 'not every line is replaced');
    const kinds = actions.map((a) => a.kind);
    assert.ok(kinds.includes(CodeActionKinds.devBuildRuntime));
    assert.ok(kinds.includes(CodeActionKinds.switchBase));
  });

  it('honours `only`, and offers no conversion away from the FROM line', async () => {
    const only: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: goUri }, range: range(0), context: { diagnostics: [], only: [CodeActionKinds.multiStage] } });
    assert.deepEqual([...new Set(only.map((a) => a.kind))], [CodeActionKinds.multiStage]);
    const elsewhere: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: goUri }, range: range(3), context: { diagnostics: [] } });
    assert.ok(!elsewhere.some((a) => a.kind?.startsWith('refactor.rewrite')));
  });

  it('turns the toolchain diagnostic DS201 into a preferred quick fix carrying that diagnostic', async () => {
    const published = await client.waitForDiagnostics(goUri);
    const ds201 = published.params.diagnostics.find((d: any) => d.code === 'DS201');
    assert.ok(ds201, `no DS201 in ${JSON.stringify(published.params.diagnostics.map((d: any) => d.code))}`);
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: goUri }, range: ds201.range, context: { diagnostics: [ds201] } });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((d: any) => d.code === 'DS201'));
    assert.ok(fix, JSON.stringify(actions.map((a) => [a.kind, a.title])));
    assert.equal(fix.isPreferred, true);
    assert.equal(await applied(fix, goUri, fixture('convert/go-plain.Dockerfile')), fixture('convert/go-plain.expected.Dockerfile'));
  });

  it('runs the client command instead of editing when the artifact path must be confirmed', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: placeholderUri }, range: range(0), context: { diagnostics: [] } });
    const convert = actions.find((a) => a.kind === CodeActionKinds.multiStage);
    assert.ok(convert);
    assert.equal(convert.edit, undefined);
    assert.equal(convert.command.command, 'dockerfileStages.convertToMultiStage');
    assert.deepEqual(convert.command.arguments, [placeholderUri, 'multiStage']);
  });

  it('answers the conversions request, with placeholders, and validates a confirmed value', async () => {
    const first = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: placeholderUri }, kinds: ['multiStage'] });
    assert.equal(first.version, 1);
    assert.equal(first.conversions.length, 1);
    const [p] = first.conversions[0].placeholders;
    assert.equal(p.token, '__ARTIFACT_PATH__');
    const second = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: placeholderUri }, kinds: ['multiStage'], values: { [p.token]: '/bin/collector' } });
    assert.deepEqual(second.conversions[0].placeholders, []);
    assert.match(second.conversions[0].text, /^COPY --from=build \/bin\/collector \/bin\/collector$/m);
    assert.deepEqual(first.conversions[0].edits, [], 'no edits while a placeholder remains');
    assert.equal(applyTextEdits(fixture('convert/generic-unusual.Dockerfile'), second.conversions[0].edits), second.conversions[0].text);
    const none = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: multiUri }, kinds: ['multiStage'] });
    assert.deepEqual(none.conversions, []);
    assert.match(none.skipped[0].reason, /already multi-stage/);
  });

  it('on a multi-stage file: names an unnamed stage (updating --from=0), no multi-stage conversion', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: multiUri }, range: range(0), context: { diagnostics: [] } });
    assert.ok(!actions.some((a) => a.kind === CodeActionKinds.multiStage));
    const name = actions.find((a) => a.kind === CodeActionKinds.nameStage);
    assert.ok(name, JSON.stringify(actions.map((a) => a.kind)));
    const text = await applied(name, multiUri, multiText);
    assert.match(text, /^FROM golang:1\.22 AS build$/m);
    assert.match(text, /^COPY --from=build \/app \/app$/m);
  });

  it('offers the labelled run-artifact variant where the image runs the toolchain: says it changes CMD, never preferred', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: runUri }, range: range(0, 2), context: { diagnostics: [] } });
    const rewrites = actions.filter((a) => a.kind === CodeActionKinds.multiStage);
    // The default conversion refuses (it would change how the container runs): only the labelled variant is there.
    assert.equal(rewrites.length, 1, JSON.stringify(rewrites.map((a) => a.title)));
    const [variant] = rewrites;
    assert.match(variant.title, /changes CMD: runs the built binary instead of `go run main\.go`/);
    assert.notEqual(variant.isPreferred, true);
    assert.equal(await applied(variant, runUri, fixture('convert/runartifact-go-plain.Dockerfile')), fixture('convert/runartifact-go-plain.expected.Dockerfile'));
    // Even with the toolchain diagnostic, the quick fix is never the labelled variant.
    const published = await client.waitForDiagnostics(runUri);
    const ds201 = published.params.diagnostics.filter((d: any) => d.code === 'DS201');
    const withFix: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: runUri }, range: range(0, 2), context: { diagnostics: ds201 } });
    for (const a of withFix) if (a.isPreferred) assert.doesNotMatch(a.title, /changes CMD/);
  });

  it('the run-artifact variant asks for the binary path through the command, and validates the confirmed value', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: runAskUri }, range: range(0), context: { diagnostics: [] } });
    const variant = actions.find((a) => a.kind === CodeActionKinds.multiStage && /changes CMD/.test(a.title));
    assert.ok(variant, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(variant.edit, undefined);
    assert.deepEqual(variant.command.arguments, [runAskUri, 'multiStageRunArtifact']);
    const confirmed = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: runAskUri }, kinds: ['multiStageRunArtifact'], values: { __ARTIFACT_PATH__: '/usr/src/app/target/release/guess' } });
    assert.equal(confirmed.conversions.length, 1);
    assert.match(confirmed.conversions[0].text, /^CMD \["\/usr\/src\/app\/target\/release\/guess"\]$/m);
    assert.ok(confirmed.conversions[0].notes.some((n) => /^CMD changes:/.test(n)));
  });

  it('a client that does not resolve edits gets the line edits in the list', async () => {
    const eager = new LspClient();
    try {
      await eager.initialize();
      eager.open(goUri, fixture('convert/go-plain.Dockerfile'));
      const actions: any[] = await eager.request('textDocument/codeAction', { textDocument: { uri: goUri }, range: range(0, 2), context: { diagnostics: [] } });
      const convert = actions.find((a) => a.kind === CodeActionKinds.multiStage);
      assert.ok(convert?.edit, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(applyTextEdits(fixture('convert/go-plain.Dockerfile'), convert.edit.changes[goUri]), fixture('convert/go-plain.expected.Dockerfile'));
    } finally {
      await eager.shutdown();
    }
  });
});
