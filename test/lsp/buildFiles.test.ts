/**
 * Compose and Bake files over the protocol (features/buildFiles.ts): a Compose file is not analysed as a
 * Dockerfile; completion, definition, the unknown-target diagnostic and its fix, references and rename
 * across the Dockerfile and the Compose/Bake files, on files written to a temporary folder.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CAPABILITIES, LspClient } from '../support/lspClient';

const DOCKERFILE = ['FROM golang:1.22 AS build', 'RUN go build -o /app .', '', 'FROM build AS test', 'RUN go test ./...', '', 'FROM gcr.io/distroless/static AS runtime', 'COPY --from=build /app /app', ''].join('\n');
const COMPOSE = ['services:', '  web:', '    build:', '      context: ./app', '      target: biuld', '  tests:', '    build:', '      context: app', '      dockerfile: Dockerfile', '      target: "test"', '  db:', '    image: postgres:16', ''].join('\n');
const BAKE = ['# comment', 'variable "TAG" { default = "1" }', 'target "app" {', '  context = "app"', '  target = "runtime"', '  tags = ["x:${TAG}"]', '}', ''].join('\n');

function positionOf(text: string, needle: string, delta = 0) {
  const offset = text.indexOf(needle) + delta;
  assert.ok(offset >= delta, `${needle} not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('Compose and Bake files over the protocol', () => {
  let client: LspClient;
  let dir: string;
  let dockerfileUri: string;
  let composeUri: string;
  let bakeUri: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ds-buildfiles-'));
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app', 'Dockerfile'), DOCKERFILE);
    writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    writeFileSync(path.join(dir, 'docker-bake.hcl'), BAKE);
    dockerfileUri = pathToFileURL(path.join(dir, 'app', 'Dockerfile')).href;
    composeUri = pathToFileURL(path.join(dir, 'compose.yaml')).href;
    bakeUri = pathToFileURL(path.join(dir, 'docker-bake.hcl')).href;
    client = new LspClient();
    await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: DEFAULT_CAPABILITIES, initializationOptions: {} });
    client.notify('initialized', {});
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not analyse a Compose file as a Dockerfile; reports the misspelled target with the stage it likely means', async () => {
    const since = client.notifications.length;
    client.open(composeUri, COMPOSE, 1, 'yaml');
    const diagnostics = (await client.waitForDiagnostics(composeUri, 1, since)).params.diagnostics;
    assert.ok(!diagnostics.some((d: any) => /Unknown instruction/i.test(d.message)), JSON.stringify(diagnostics));
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].code, 'unknown-target');
    assert.equal(diagnostics[0].severity, 1);
    assert.equal(diagnostics[0].message, "Service 'web' builds the stage 'biuld', which app/Dockerfile does not define (did you mean 'build'?)");
    assert.deepEqual(diagnostics[0].range, { start: positionOf(COMPOSE, 'biuld'), end: positionOf(COMPOSE, 'biuld', 5) });
  });

  it('a YAML file with another name is not touched: no diagnostics, no completion', async () => {
    const uri = pathToFileURL(path.join(dir, 'values.yaml')).href;
    const since = client.notifications.length;
    client.open(uri, 'services:\n  web:\n    build:\n      target: x\n', 1, 'yaml');
    // The server publishes nothing for it; a Dockerfile opened afterwards is answered, so the queue moved on.
    const probe = pathToFileURL(path.join(dir, 'probe.Dockerfile')).href;
    client.open(probe, 'FROM alpine:3.20\n', 1);
    await client.waitForDiagnostics(probe, 1, since);
    assert.ok(!client.notifications.slice(since).some((n) => n.params?.uri === uri));
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 14 } }), []);
  });

  it('the quick fix replaces the target with the stage name', async () => {
    const diagnostics = (await client.waitForDiagnostics(composeUri, 1)).params.diagnostics;
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: composeUri }, range: diagnostics[0].range, context: { diagnostics } });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    assert.equal(actions[0].title, "Change the target to 'build' (did you mean)");
    assert.equal(actions[0].isPreferred, true);
    const fixed = TextDocument.applyEdits(TextDocument.create(composeUri, 'yaml', 1, COMPOSE), actions[0].edit.changes[composeUri]);
    assert.match(fixed, /^      target: build$/m);
    const since = client.notifications.length;
    client.change(composeUri, 2, [{ text: fixed }]);
    assert.deepEqual((await client.waitForDiagnostics(composeUri, 2, since)).params.diagnostics, []);
    client.change(composeUri, 3, [{ text: COMPOSE }]);
  });

  it('completes the stage names of the Dockerfile in a target value', async () => {
    const text = COMPOSE.replace('target: biuld', 'target: ru');
    client.change(composeUri, 4, [{ text }]);
    const items = await client.request('textDocument/completion', { textDocument: { uri: composeUri }, position: positionOf(text, 'target: ru', 10) });
    assert.deepEqual(items.map((i: any) => i.label), ['build', 'test', 'runtime']);
    const runtime = items.find((i: any) => i.label === 'runtime');
    assert.equal(runtime.detail, 'final stage \u00b7 FROM gcr.io/distroless/static');
    assert.deepEqual(runtime.textEdit.range, { start: positionOf(text, 'target: ru', 8), end: positionOf(text, 'target: ru', 10) });
    client.change(composeUri, 5, [{ text: COMPOSE }]);
  });

  it('goes to the stage definition from a target, in Compose and in Bake', async () => {
    const fromCompose = await client.request('textDocument/definition', { textDocument: { uri: composeUri }, position: positionOf(COMPOSE, '"test"', 2) });
    assert.equal(fromCompose.uri, dockerfileUri);
    assert.deepEqual(fromCompose.range, { start: { line: 3, character: 14 }, end: { line: 3, character: 18 } });
    client.open(bakeUri, BAKE, 1, 'hcl');
    const fromBake = await client.request('textDocument/definition', { textDocument: { uri: bakeUri }, position: positionOf(BAKE, '"runtime"', 3) });
    assert.equal(fromBake.uri, dockerfileUri);
    assert.deepEqual(fromBake.range, { start: { line: 6, character: 33 }, end: { line: 6, character: 40 } });
  });

  it('references of a stage in the Dockerfile include the Compose and Bake targets; rename updates them', async () => {
    client.open(dockerfileUri, DOCKERFILE, 1);
    const refs = await client.request('textDocument/references', { textDocument: { uri: dockerfileUri }, position: { line: 3, character: 15 }, context: { includeDeclaration: true } });
    assert.deepEqual(
      refs.map((l: any) => `${path.basename(new URL(l.uri).pathname)}:${l.range.start.line}:${l.range.start.character}`).sort(),
      ['Dockerfile:3:14', 'compose.yaml:9:15'],
    );
    const runtimeRefs = await client.request('textDocument/references', { textDocument: { uri: dockerfileUri }, position: { line: 6, character: 35 }, context: { includeDeclaration: true } });
    assert.ok(runtimeRefs.some((l: any) => l.uri === bakeUri && l.range.start.line === 4), JSON.stringify(runtimeRefs));

    const edit = await client.request('textDocument/rename', { textDocument: { uri: dockerfileUri }, position: { line: 6, character: 35 }, newName: 'final' });
    const dockerfile = TextDocument.applyEdits(TextDocument.create(dockerfileUri, 'dockerfile', 1, DOCKERFILE), edit.changes[dockerfileUri]);
    const bake = TextDocument.applyEdits(TextDocument.create(bakeUri, 'hcl', 1, BAKE), edit.changes[bakeUri]);
    assert.match(dockerfile, /AS final$/m);
    assert.match(bake, /^  target = "final"$/m);
    assert.equal(edit.changes[composeUri], undefined);
  });

  it('rename from a Compose target renames the stage in the Dockerfile too', async () => {
    const position = positionOf(COMPOSE, '"test"', 2);
    const range = await client.request('textDocument/prepareRename', { textDocument: { uri: composeUri }, position });
    assert.deepEqual(range, { start: positionOf(COMPOSE, '"test"', 1), end: positionOf(COMPOSE, '"test"', 5) });
    const edit = await client.request('textDocument/rename', { textDocument: { uri: composeUri }, position, newName: 'unit' });
    assert.match(TextDocument.applyEdits(TextDocument.create(dockerfileUri, 'dockerfile', 1, DOCKERFILE), edit.changes[dockerfileUri]), /^FROM build AS unit$/m);
    assert.match(TextDocument.applyEdits(TextDocument.create(composeUri, 'yaml', 1, COMPOSE), edit.changes[composeUri]), /target: "unit"/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: composeUri }, position, newName: 'build' }), /already named "build"/);
  });

  it('a Dockerfile sent with no language id is recognised by its name; a YAML language id is not a Dockerfile', async () => {
    const uri = pathToFileURL(path.join(dir, 'other', 'Dockerfile')).href;
    let since = client.notifications.length;
    client.open(uri, 'FROM alpine:3.20\nRUN apk add curl\n', 1, '');
    const diagnostics = (await client.waitForDiagnostics(uri, 1, since)).params.diagnostics;
    assert.ok(Array.isArray(diagnostics));
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
    const yamlUri = pathToFileURL(path.join(dir, 'docker-compose.yml')).href;
    since = client.notifications.length;
    client.open(yamlUri, 'services:\n  a:\n    image: alpine\n', 1, 'dockercompose');
    assert.deepEqual((await client.waitForDiagnostics(yamlUri, 1, since)).params.diagnostics, []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: yamlUri } }), []);
  });
});

describe('which files the server claims', () => {
  it('registers document sync and the build-file requests for exactly the six Compose and Bake names', async () => {
    const client = new LspClient();
    const registrations: any[] = [];
    const registered = new Promise<void>((resolve) => {
      client.onServerRequest = (method, params) => {
        if (method === 'client/registerCapability') {
          registrations.push(...params.registrations);
          if (registrations.some((r) => r.method === 'textDocument/codeAction')) resolve();
        }
        return method === 'workspace/configuration' ? [null] : null;
      };
    });
    const dynamic = { dynamicRegistration: true };
    const capabilities = {
      ...DEFAULT_CAPABILITIES,
      textDocument: { ...DEFAULT_CAPABILITIES.textDocument, synchronization: dynamic, completion: { ...DEFAULT_CAPABILITIES.textDocument.completion, ...dynamic }, definition: dynamic, references: dynamic, rename: dynamic, codeAction: { ...DEFAULT_CAPABILITIES.textDocument.codeAction, ...dynamic } },
    };
    try {
      await client.initialize({}, capabilities);
      await registered;
      const ours = registrations.filter((r) => r.registerOptions?.documentSelector?.some((f: any) => /compose|bake/.test(f.pattern ?? '')));
      assert.deepEqual(ours.map((r) => r.method).sort(), ['textDocument/codeAction', 'textDocument/completion', 'textDocument/definition', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didOpen', 'textDocument/references', 'textDocument/rename']);
      for (const r of ours) {
        assert.deepEqual(
          r.registerOptions.documentSelector.map((f: any) => f.pattern),
          ['**/compose.yaml', '**/compose.yml', '**/docker-compose.yaml', '**/docker-compose.yml', '**/docker-bake.hcl', '**/docker-bake.json'],
        );
      }
    } finally {
      await client.shutdown();
    }
  });
});
