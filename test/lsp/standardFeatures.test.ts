/**
 * `dockerfileStages.standardFeatures` (auto | on | off) with and without another Dockerfile extension (the client
 * names Docker DX or Container Tools in the initialization options), over the real protocol: instruction
 * completion, keyword hover, formatting and syntax diagnostics come from us only when we provide them; stage
 * names, stage hovers and stage diagnostics always do. Also: settings are read per document (scopeUri), and our
 * diagnostics offer "Show documentation" to a client that declares the command.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Commands } from '../../common/ids';
import { LspClient } from '../support/lspClient';

const TEXT = ['FROM alpine:3.22 AS build', '  run echo hi', 'FROM alpine:3.22', 'COPY --from=build /a /a', ''].join('\n');
const URI = 'file:///tmp/ds-standard-features/Dockerfile';

interface Observed {
  keywordCompletion: boolean;
  stageCompletion: boolean;
  keywordHover: boolean;
  stageHover: boolean;
  formatting: boolean;
  syntaxDiagnostic: boolean;
  stageDiagnostic: boolean;
}

async function observe(standardFeatures: string, otherDockerfileExtension?: string): Promise<Observed> {
  const settings = { standardFeatures };
  const client = new LspClient();
  client.onServerRequest = (method) => (method === 'workspace/configuration' ? [settings] : null);
  try {
    const init = await client.initialize({ settings, trusted: true, otherDockerfileExtension });
    client.open(URI, TEXT);
    const diagnostics = (await client.waitForDiagnostics(URI, 1)).params.diagnostics as { code: string }[];
    const doc = { uri: URI };
    // Line 5 (empty): instructions to complete; line 2 `  run` (indented, lower case): a keyword to hover and a line
    // to format; line 4: `--from=build`.
    const keywords = await client.request<{ label: string }[] | { items: { label: string }[] }>('textDocument/completion', { textDocument: doc, position: { line: 4, character: 0 } });
    const stages = await client.request<{ label: string }[] | { items: { label: string }[] }>('textDocument/completion', { textDocument: doc, position: { line: 3, character: 12 } });
    const labels = (r: typeof keywords) => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);
    const keywordHover = await client.request('textDocument/hover', { textDocument: doc, position: { line: 1, character: 3 } });
    const stageHover = await client.request('textDocument/hover', { textDocument: doc, position: { line: 0, character: 22 } });
    const edits = await client.request<unknown[] | null>('textDocument/formatting', { textDocument: doc, options: { tabSize: 4, insertSpaces: true } });
    return {
      keywordCompletion: labels(keywords).some((l) => l.startsWith('RUN')),
      stageCompletion: labels(stages).includes('build'),
      keywordHover: !!keywordHover,
      stageHover: !!stageHover,
      formatting: !!init.capabilities.documentFormattingProvider && !!edits?.length,
      syntaxDiagnostic: diagnostics.some((d) => d.code === 'DS000'),
      stageDiagnostic: diagnostics.some((d) => d.code === 'DS104' || d.code === 'DS403' || d.code === 'DS402'),
    };
  } finally {
    await client.shutdown();
  }
}

const ALL: Observed = { keywordCompletion: true, stageCompletion: true, keywordHover: true, stageHover: true, formatting: true, syntaxDiagnostic: true, stageDiagnostic: true };
const STAGES_ONLY: Observed = { ...ALL, keywordCompletion: false, keywordHover: false, formatting: false, syntaxDiagnostic: false };

describe('standardFeatures: who provides completion, hover, formatting and syntax diagnostics', () => {
  it('auto, no other Dockerfile extension: everything', async () => {
    assert.deepEqual(await observe('auto'), ALL);
  });
  it('auto, with Docker DX: only the stage features', async () => {
    assert.deepEqual(await observe('auto', 'Docker DX'), STAGES_ONLY);
  });
  it('on, with Container Tools: everything', async () => {
    assert.deepEqual(await observe('on', 'Container Tools'), ALL);
  });
  it('off, alone: only the stage features', async () => {
    assert.deepEqual(await observe('off'), STAGES_ONLY);
  });
});

describe('settings per document and rule documentation', () => {
  it("reads each document's settings with its URI as scopeUri (per-folder settings in a multi-root workspace)", async () => {
    const client = new LspClient();
    const a = 'file:///tmp/ds-folder-a/Dockerfile';
    const b = 'file:///tmp/ds-folder-b/Dockerfile';
    const asked: string[] = [];
    client.onServerRequest = (method, params) => {
      if (method !== 'workspace/configuration') return null;
      return params.items.map((item: { scopeUri?: string }) => {
        if (item.scopeUri) asked.push(item.scopeUri);
        return item.scopeUri === b ? { rules: { DS403: 'off', DS000: 'error' } } : {};
      });
    };
    try {
      await client.initialize({ settings: {}, trusted: true });
      const text = 'from alpine\n';
      client.open(a, text);
      client.open(b, text);
      const da = (await client.waitForDiagnostics(a, 1)).params.diagnostics as { code: string; severity: number }[];
      const db = (await client.waitForDiagnostics(b, 1)).params.diagnostics as { code: string; severity: number }[];
      assert.ok(asked.includes(a) && asked.includes(b), `asked for ${asked.join(', ')}`);
      assert.ok(da.some((d) => d.code === 'DS403'), 'folder a keeps DS403');
      assert.ok(!db.some((d) => d.code === 'DS403'), 'folder b turned DS403 off');
      assert.equal(da.find((d) => d.code === 'DS000')?.severity, 2);
      assert.equal(db.find((d) => d.code === 'DS000')?.severity, 1);
    } finally {
      await client.shutdown();
    }
  });

  it('diagnoses a document opened before the first settings arrive once, when they repeat the initialization settings; again when they differ', async () => {
    for (const [windowAnswer, expected] of [[{ rules: { DS403: 'off' } }, 1], [{ rules: { DS403: 'error' } }, 2]] as const) {
      const client = new LspClient();
      let answerWindow = () => {};
      client.onServerRequest = (method, params) => {
        if (method !== 'workspace/configuration') return null;
        // The window's settings (no scopeUri) are answered only when the test says so; a document's at once.
        if (params.items.some((item: { scopeUri?: string }) => !item.scopeUri)) return new Promise((resolve) => (answerWindow = () => resolve(params.items.map(() => windowAnswer))));
        return params.items.map(() => ({ rules: { DS403: 'off' } }));
      };
      try {
        await client.initialize({ settings: { rules: { DS403: 'off' } }, trusted: true });
        const uri = `file:///tmp/ds-initial-settings-${expected}/Dockerfile`;
        client.open(uri, 'from alpine\n');
        await client.waitForDiagnostics(uri, 1);
        answerWindow();
        // The client writes the answer on its next turn; the request below goes after it.
        await new Promise((resolve) => setImmediate(resolve));
        // The lenses wait for the diagnostics pending for the document (a revalidation included).
        await client.request('textDocument/codeLens', { textDocument: { uri } });
        const published = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
        assert.equal(published.length, expected, JSON.stringify(published.map((n) => n.params.diagnostics.map((d: { code: string }) => d.code))));
      } finally {
        await client.shutdown();
      }
    }
  });

  it("builds each document's model with its folder's target (dockerfileStages.target per folder)", async () => {
    const client = new LspClient();
    const a = 'file:///tmp/ds-target-a/Dockerfile';
    const b = 'file:///tmp/ds-target-b/Dockerfile';
    client.onServerRequest = (method, params) =>
      method === 'workspace/configuration' ? params.items.map((item: { scopeUri?: string }) => (item.scopeUri === b ? { target: 'first' } : {})) : null;
    try {
      await client.initialize({ settings: {}, trusted: true });
      const text = 'FROM alpine:3.22 AS first\nRUN true\nFROM alpine:3.22 AS second\nRUN true\n';
      client.open(a, text);
      client.open(b, text);
      const unusedLine = async (uri: string) =>
        ((await client.waitForDiagnostics(uri, 1)).params.diagnostics as { code: string; range: { start: { line: number } } }[]).filter((d) => d.code === 'DS104').map((d) => d.range.start.line);
      assert.deepEqual(await unusedLine(a), [0], 'folder a builds the last stage: the first is unused');
      assert.deepEqual(await unusedLine(b), [2], 'folder b builds --target first: the second is unused');
    } finally {
      await client.shutdown();
    }
  });

  it('offers "Show documentation for <code>" on our diagnostics when the client runs the command', async () => {
    for (const ruleDocsCommand of [true, false]) {
      const client = new LspClient();
      try {
        await client.initialize({ settings: {}, trusted: true, ruleDocsCommand });
        client.open(URI, 'FROM alpine AS a\nFROM alpine AS a\n');
        const diagnostics = (await client.waitForDiagnostics(URI, 1)).params.diagnostics as { code: string; codeDescription?: { href: string } }[];
        const duplicate = diagnostics.find((d) => d.code === 'DS010');
        assert.ok(duplicate, 'the duplicate stage name is DS010');
        assert.match(duplicate.codeDescription?.href ?? '', /^https:\/\/github\.com\/.*\/docs\/rules\/standard\.md#ds010$/);
        for (const d of diagnostics) assert.match(d.codeDescription?.href ?? '', /^https:\/\//, `${d.code} links to its public page`);
        const actions = await client.request<{ title: string; command?: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', {
          textDocument: { uri: URI },
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
          context: { diagnostics: [duplicate] },
        });
        const docs = actions.filter((x) => x.command?.command === Commands.openRuleDocs);
        if (ruleDocsCommand) assert.deepEqual(docs.map((x) => [x.title, x.command!.arguments]), [['Show documentation for DS010', ['DS010']]]);
        else assert.equal(docs.length, 0);
      } finally {
        await client.shutdown();
      }
    }
  });
});
