/**
 * Fresh state over stdio: every request answers for the document version it was asked about, and no
 * request changes what another one sees (the parse tree is shared by the standard service and ours).
 * Edit sequences a user makes in an editor: documentLink -> codeLens -> convert; quick fix -> conversion;
 * conversion -> undo -> lens; fast typing -> lens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversionsRequest, ConversionsResult } from '../../common/protocol';
import { applyTextEdits } from '../../server/src/core/internal';
import { DEFAULT_CAPABILITIES, LspClient } from '../support/lspClient';

/** A client that resolves an action's edit lazily, as VS Code does. */
const RESOLVING = { ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, codeAction: { ...DEFAULT_CAPABILITIES.textDocument.codeAction, resolveSupport: { properties: ['edit'] } } } };

const GO = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nEXPOSE 8080\nCMD ["./server"]\n';
const wholeRange = (text: string) => {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
};

/** Applies LSP text edits (non-overlapping) to a text. */
function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line < starts.length ? starts[p.line] + p.character : text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

async function lensTitles(client: LspClient, uri: string): Promise<string[]> {
  const lenses: any[] = await client.request('textDocument/codeLens', { textDocument: { uri } });
  return lenses.map((l) => l.command?.title ?? '');
}

describe('fresh state over stdio', () => {
  let client: LspClient;
  let n = 0;
  const uri = () => `untitled:fresh-${++n}.Dockerfile`;

  before(async () => {
    client = new LspClient();
    await client.initialize({}, RESOLVING);
  });
  after(() => client.shutdown());

  it('documentLink, then codeLens, then the conversion: the link provider leaves the shared parse as it was', async () => {
    const u = uri();
    client.open(u, GO);
    const links: any[] = await client.request('textDocument/documentLink', { textDocument: { uri: u } });
    assert.ok(links.length > 0, 'the standard service links the base image');
    const lenses = await lensTitles(client, u);
    assert.ok(lenses.some((t) => /multi-stage ≈/.test(t)), JSON.stringify(lenses));
    const list = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: u }, kinds: ['multiStage'] });
    assert.equal(list.conversions.length, 1, JSON.stringify(list.skipped));
    assert.match(list.conversions[0].text, /^FROM golang:1\.22 AS build$/m);
    // Hover and completion on the image, another link request: still the same answer for the same version.
    await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 8 } });
    await client.request('textDocument/documentLink', { textDocument: { uri: u } });
    const again = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: u }, kinds: ['multiStage'], line: 0 });
    assert.equal(again.conversions[0]?.text, list.conversions[0].text);
  });

  it('the DS201 quick fix, then the conversion request: the same converted text', async () => {
    const u = uri();
    client.open(u, GO);
    const published = await client.waitForDiagnostics(u);
    const ds201 = published.params.diagnostics.find((d: any) => d.code === 'DS201');
    assert.ok(ds201);
    await client.request('textDocument/documentLink', { textDocument: { uri: u } });
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: ds201.range, context: { diagnostics: [ds201] } });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((d: any) => d.code === 'DS201'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const resolved = fix.edit ? fix : await client.request('codeAction/resolve', fix);
    const converted = applyEdits(GO, resolved.edit.changes[u]);
    const list = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: u }, kinds: ['multiStage'] });
    assert.equal(list.conversions[0].text, converted);
  });

  it('conversion, then undo: the size lens is the single-stage one again', async () => {
    const u = uri();
    client.open(u, GO);
    const original = await lensTitles(client, u);
    assert.equal(original.length, 1);
    assert.match(original[0], /multi-stage ≈/);
    const list = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: u }, kinds: ['multiStage'] });
    const converted = list.conversions[0].text;
    client.change(u, 2, [{ range: wholeRange(GO), text: converted }]);
    const afterConversion = await lensTitles(client, u);
    assert.ok(afterConversion.some((t) => /discarded/.test(t)), JSON.stringify(afterConversion));
    client.change(u, 3, [{ range: wholeRange(converted), text: GO }]);
    assert.deepEqual(await lensTitles(client, u), original);
  });

  it('fast typing: the lens answers for the latest version, never for one it was not asked about', async () => {
    const u = uri();
    const multi = 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nCMD ["/app"]\n';
    client.open(u, multi);
    await lensTitles(client, u);
    // Type "FROM scratch\n" at the end, one key per version, asking for lenses after every key as an editor does.
    const typed = 'FROM scratch\n';
    const lines = multi.split('\n').length - 1;
    const answers: Promise<unknown>[] = [];
    let text = multi;
    for (let i = 0; i < typed.length; i++) {
      const before = text;
      text += typed[i];
      const lastLine = before.split('\n').length - 1;
      const col = before.length - before.lastIndexOf('\n') - 1;
      client.change(u, 2 + i, [{ range: { start: { line: lastLine, character: col }, end: { line: lastLine, character: col } }, text: typed[i] }]);
      answers.push(client.request('textDocument/codeLens', { textDocument: { uri: u } }).then((r) => ({ ok: r }), (e) => ({ error: e.code })));
    }
    const results = (await Promise.all(answers)) as { ok?: any[]; error?: number }[];
    // Every answer is either for its own version or ContentModified (-32801); the last one is an answer.
    for (const r of results) if (r.error !== undefined) assert.equal(r.error, -32801);
    const last = results[results.length - 1];
    assert.ok(last.ok, JSON.stringify(last));
    const final = await lensTitles(client, u);
    assert.equal(final.length, 3, JSON.stringify(final));
    assert.deepEqual(last.ok!.map((l: any) => l.range.start.line), [0, 3, lines]);
    assert.match(final[2], /final image/);
  });

  it('a conversion listed for one version and resolved after an edit: its edit is for the version current then, and says so', async () => {
    const c = new LspClient();
    try {
      await c.initialize({}, { ...RESOLVING, workspace: { ...DEFAULT_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true } } });
      const u = 'untitled:resolve-late.Dockerfile';
      c.open(u, GO);
      const actions: any[] = await c.request('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      const action = actions.find((a) => a.kind === 'refactor.rewrite.multiStage');
      assert.ok(action && !action.edit, JSON.stringify(actions.map((a) => a.title)));
      const edited = `${GO}# a comment typed meanwhile\n`;
      c.change(u, 2, [{ range: wholeRange(GO), text: edited }]);
      const resolved = await c.request('codeAction/resolve', action);
      const [change] = resolved.edit.documentChanges;
      assert.deepEqual(change.textDocument, { uri: u, version: 2 });
      const list = await c.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri: u }, kinds: ['multiStage'] });
      assert.equal(list.version, 2);
      assert.equal(applyTextEdits(edited, change.edits), list.conversions[0].text);
      assert.match(list.conversions[0].text, /# a comment typed meanwhile/);
    } finally {
      await c.shutdown();
    }
  });
});
