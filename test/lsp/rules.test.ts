/** The rule engine through the protocol: diagnostics with codes and docs links, quick fixes, fix all, context rules, settings. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CAPABILITIES, LspClient, ROOT } from '../support/lspClient';
import { df } from '../support/fixtures';

const rules = (diagnostics: any[], code?: string) => diagnostics.filter((d) => (code ? d.code === code : /^DS[1-9]\d\d$/.test(String(d.code))));

describe('rules over the protocol', () => {
  let client: LspClient;
  let dir: string;
  let config: unknown = null;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ds-rules-'));
    client = new LspClient();
    client.onServerRequest = (method) => (method === 'workspace/configuration' ? [config] : null);
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens (or replaces) a document and returns the diagnostics of that version. */
  async function publish(uri: string, text: string, version: number): Promise<any[]> {
    const since = client.notifications.length;
    if (version === 1) client.open(uri, text, 1);
    else client.change(uri, version, [{ text }]);
    return (await client.waitForDiagnostics(uri, version, since)).params.diagnostics;
  }

  function apply(text: string, edits: any[]): string {
    return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 0, text), edits);
  }

  it('publishes rule diagnostics with code, source, docs link, tags and data', async () => {
    const uri = 'file:///tmp/ds-rules-a.Dockerfile';
    const text = df('FROM golang:1.22 AS deps', 'FROM golang:1.22', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /app .', 'USER 1000');
    const diagnostics = await publish(uri, text, 1);
    const unused = rules(diagnostics, 'DS104')[0];
    assert.ok(unused, JSON.stringify(diagnostics));
    assert.equal(unused.source, 'dockerfile-stages');
    // The link opens the rule page shipped beside the server bundle.
    // The public page (works in remote windows and on the web); its bundled copy is the repository's file.
    assert.match(unused.codeDescription.href, /^https:\/\/github\.com\/.+\/blob\/main\/docs\/rules\/DS104\.md$/);
    const bundled = path.join(ROOT, unused.codeDescription.href.replace(/^.*\/blob\/main\//, ''));
    assert.match(readFileSync(bundled, 'utf8'), /DS104/);
    assert.deepEqual(unused.tags, [1]);
    assert.equal(unused.message, "stage 'deps' is never used by the final image (stage 1) nor by another stage; BuildKit skips it unless you build it with --target");
    const toolchain = rules(diagnostics, 'DS201')[0];
    assert.equal(toolchain.data.stack, 'go');
    assert.deepEqual(toolchain.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 16 } });
  });

  it('offers a quick fix with a minimal edit; applying it clears the diagnostic', async () => {
    const uri = 'file:///tmp/ds-rules-b.Dockerfile';
    const text = df('FROM golang:1.22 as build', 'RUN go build -o /app', '', 'FROM gcr.io/distroless/static:nonroot', 'COPY --from=build /app /app');
    const d = rules(await publish(uri, text, 1), 'DS107')[0];
    assert.ok(d);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a: any) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'DS107');
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.title, "Write 'AS' (DS107)");
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.edit.changes[uri], [{ range: { start: { line: 0, character: 17 }, end: { line: 0, character: 19 } }, newText: 'AS' }]);
    const after = await publish(uri, apply(text, fix.edit.changes[uri]), 2);
    assert.deepEqual(rules(after), []);
  });

  it('offers to ignore a rule on one instruction with a suppression comment', async () => {
    const uri = 'file:///tmp/ds-rules-e.Dockerfile';
    const text = df('FROM alpine:3.20', 'USER app', 'RUN apk add curl \\', '    git');
    const d = rules(await publish(uri, text, 1), 'DS205')[0];
    assert.ok(d);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const ignore = actions.find((a: any) => a.title === 'Ignore DS205 for this instruction');
    assert.ok(ignore, JSON.stringify(actions.map((a: any) => a.title)));
    assert.equal(ignore.isPreferred, false);
    const fixed = apply(text, ignore.edit.changes[uri]);
    assert.equal(fixed, df('FROM alpine:3.20', 'USER app', '# dockerfile-stages ignore=DS205', 'RUN apk add curl \\', '    git'));
    assert.deepEqual(rules(await publish(uri, fixed, 2)), []);
  });

  it('source.fixAll.dockerfileStages applies every safe fix at once', async () => {
    const uri = 'file:///tmp/ds-rules-c.Dockerfile';
    const text = df('FROM alpine:3.20 as Build', 'RUN echo built > /out', 'FROM alpine:3.20', 'RUN apk add curl', 'COPY --from=0 /out /out', 'ENV MODE production', 'EXPOSE 80/TCP', 'USER app');
    const before = rules(await publish(uri, text, 1));
    assert.deepEqual(before.map((d) => d.code).sort(), ['DS106', 'DS107', 'DS108', 'DS205', 'DS502', 'DS508']);
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    assert.equal(actions[0].kind, 'source.fixAll.dockerfileStages');
    const edits = actions[0].edit.changes[uri];
    assert.ok(edits.every((e: any) => e.range.end.line - e.range.start.line <= 1), 'small edits, no whole-file replace');
    const fixed = apply(text, edits);
    assert.equal(fixed, df('FROM alpine:3.20 AS build', 'RUN echo built > /out', 'FROM alpine:3.20', 'RUN apk add --no-cache curl', 'COPY --from=build /out /out', 'ENV MODE=production', 'EXPOSE 80/tcp', 'USER app'));
    assert.deepEqual(rules(await publish(uri, fixed, 2)), []);
  });

  it('reports a missing .dockerignore next to a Dockerfile copying the context, and its fix creates one', async () => {
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const file = path.join(dir, 'Dockerfile');
    const text = df('FROM node:20-slim', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'USER node', 'CMD ["node", "index.js"]');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const d = rules(await publish(uri, text, 1), 'DS303')[0];
    assert.ok(d, 'DS303 published');
    assert.equal(d.range.start.line, 4);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a: any) => a.diagnostics?.[0]?.code === 'DS303');
    assert.ok(fix, JSON.stringify(actions));
    const [create, insert] = fix.edit.documentChanges;
    const ignoreUri = pathToFileURL(path.join(dir, '.dockerignore')).toString();
    assert.deepEqual(create, { kind: 'create', uri: ignoreUri, options: { ignoreIfExists: true } });
    assert.equal(insert.textDocument.uri, ignoreUri);
    assert.match(insert.edits[0].newText, /^node_modules$/m);
    // Apply it as an editor would: write the file, then the document is re-validated.
    writeFileSync(path.join(dir, '.dockerignore'), insert.edits[0].newText);
    assert.deepEqual(rules(await publish(uri, `${text}`, 2)), []);
  });

  it('follows per-rule severities from the client settings', async () => {
    const uri = 'file:///tmp/ds-rules-d.Dockerfile';
    const text = df('FROM alpine:3.20 as build', 'FROM alpine:3.20', 'COPY --from=build /a /a', 'USER app');
    assert.equal(rules(await publish(uri, text, 1), 'DS107')[0].severity, 2);
    config = { rules: { DS107: 'error', DS104: 'off' } };
    const since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    const republished = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, 10_000, since);
    assert.equal(rules(republished.params.diagnostics, 'DS107')[0].severity, 1);
    config = { rules: { DS107: 'off' } };
    const since2 = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    const off = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, 10_000, since2);
    assert.deepEqual(rules(off.params.diagnostics, 'DS107'), []);
    config = null;
  });
});

describe('context rules follow .dockerignore changes', () => {
  it('watches .dockerignore files and re-validates when one is created', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ds-watch-'));
    const client = new LspClient();
    const registrations: any[] = [];
    client.onServerRequest = (method, params) => {
      if (method === 'client/registerCapability') registrations.push(...params.registrations);
      return method === 'workspace/configuration' ? [null] : null;
    };
    try {
      // No workspace/configuration: the only re-validation after open is the one the file event causes.
      const capabilities = { ...DEFAULT_CAPABILITIES, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } };
      await client.initialize({}, capabilities);
      const file = path.join(dir, 'Dockerfile');
      const text = df('FROM python:3.12-slim', 'COPY . /app', 'USER nobody', 'CMD ["python", "/app/main.py"]');
      writeFileSync(file, text);
      const uri = pathToFileURL(file).toString();
      client.open(uri, text, 1);
      const first = await client.waitForDiagnostics(uri, 1);
      assert.equal(rules(first.params.diagnostics, 'DS303').length, 1);
      const watcher = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.ok(watcher, JSON.stringify(registrations));
      assert.deepEqual(watcher.registerOptions.watchers.map((w: any) => w.globPattern), ['**/.dockerignore', '**/*.dockerignore']);
      writeFileSync(path.join(dir, '.dockerignore'), '.git\n');
      const since = client.notifications.length;
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.dockerignore')).toString(), type: 1 }] });
      const again = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, 10_000, since);
      assert.deepEqual(rules(again.params.diagnostics, 'DS303'), []);
    } finally {
      await client.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a document whose own settings differ from the window', () => {
  it('publishes the diagnostics of its own settings, context rules included, and their fixes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ds-own-'));
    const client = new LspClient();
    // The window's settings: the defaults; the document's folder turns DS303 off and DS107 up to an error.
    const own = { rules: { DS303: 'off', DS107: 'error' } };
    client.onServerRequest = (method, params) =>
      method === 'workspace/configuration' ? params.items.map((item: any) => (item.scopeUri ? own : null)) : null;
    try {
      await client.initialize();
      writeFileSync(path.join(dir, 'requirements.txt'), 'flask\n');
      const file = path.join(dir, 'Dockerfile');
      const text = df('FROM python:3.12-slim as app', 'COPY . /app', 'USER nobody', 'CMD ["python", "/app/main.py"]');
      writeFileSync(file, text);
      const uri = pathToFileURL(file).toString();
      client.open(uri, text, 1);
      const published = (await client.waitForDiagnostics(uri, 1)).params.diagnostics;
      // Under the window's settings DS303 (no .dockerignore) would be there and DS107 a warning.
      assert.deepEqual(rules(published, 'DS303'), [], JSON.stringify(published));
      assert.equal(rules(published, 'DS107')[0]?.severity, 1, JSON.stringify(published));
      // One publication for the version: the early run under the window's settings is never sent.
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).length, 1);
      const everything = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: everything, context: { diagnostics: published } });
      assert.ok(!actions.some((a: any) => a.diagnostics?.some((d: any) => d.code === 'DS303')), JSON.stringify(actions));
    } finally {
      await client.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
