/**
 * Compose and Bake files in a real VS Code (issue 21): a compose.yaml with a misspelled target gets the
 * unknown-target diagnostic (and never "Unknown instruction"), its "did you mean" quick fix applies and
 * clears it; completion and go to definition of the stage; references of the stage from the Dockerfile
 * include the Compose entry; the Dockerfile has a "Build stage" lens per named stage. Self-contained: its own
 * files in a temporary folder and its own small helpers, public VS Code API only.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dockerfile-stages.dockerfile-stages';
const WAIT_MS = 20_000;

const DOCKERFILE = ['FROM golang:1.22 AS build', 'RUN go build -o /app .', '', 'FROM gcr.io/distroless/static AS runtime', 'COPY --from=build /app /app', ''].join('\n');
const COMPOSE = ['services:', '  web:', '    build:', '      context: ./app', '      target: biuld', '  db:', '    image: postgres:16', ''].join('\n');

function waitForDiagnostics(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, what: string): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error, value?: readonly vscode.Diagnostic[]) => {
      clearTimeout(timer);
      sub.dispose();
      if (err) reject(err);
      else resolve(value!);
    };
    const check = () => {
      const now = vscode.languages.getDiagnostics(uri);
      if (accept(now)) done(undefined, now);
    };
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`)), WAIT_MS);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

/** Asks a provider command until `accept` holds (the server registers for Compose files once it runs). */
async function until<T>(ask: () => Thenable<T>, accept: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await ask();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last answer: ${JSON.stringify(value)}`);
    // Wait for the next change the server can cause (diagnostics of any document), or a short tick.
    await new Promise<void>((r) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        sub.dispose();
        r();
      });
      setTimeout(() => {
        sub.dispose();
        r();
      }, 250);
    });
  }
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

suite('Compose and Bake files', () => {
  let dir: string;
  let composeUri: vscode.Uri;
  let dockerfileUri: vscode.Uri;

  suiteSetup(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-e2e-compose-'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app', 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    composeUri = vscode.Uri.file(path.join(dir, 'compose.yaml'));
    dockerfileUri = vscode.Uri.file(path.join(dir, 'app', 'Dockerfile'));
    const ext = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await (await ext.activate()).ready;
  });

  suiteTeardown(async () => {
    // A dirty editor would make closeAllEditors ask "Save changes?": revert those first.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a misspelled target gets a diagnostic, and its quick fix corrects it', async () => {
    const doc = await vscode.workspace.openTextDocument(composeUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const diagnostics = await waitForDiagnostics(composeUri, (d) => d.some((x) => codeOf(x) === 'unknown-target'), 'the unknown-target diagnostic');
    assert.ok(!diagnostics.some((d) => /Unknown instruction/i.test(d.message)), 'the Compose file is not analysed as a Dockerfile');
    const d = diagnostics.find((x) => codeOf(x) === 'unknown-target')!;
    assert.strictEqual(d.message, "Service 'web' builds the stage 'biuld', which app/Dockerfile does not define (did you mean 'build'?)");
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(d.range), 'biuld');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', composeUri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === "Change the target to 'build' (did you mean)");
    assert.ok(fix?.edit, `the did-you-mean fix; got ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.lineAt(4).text, '      target: build');
    await waitForDiagnostics(composeUri, (now) => !now.some((x) => codeOf(x) === 'unknown-target'), 'the diagnostic to go away');
    assert.ok(await doc.save());
  });

  test('completion offers the Dockerfile\'s stages; go to definition opens the stage', async () => {
    const doc = await vscode.workspace.openTextDocument(composeUri);
    const position = new vscode.Position(4, '      target: b'.length);
    const list = await until(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', composeUri, position),
      (l) => l.items.some((i) => i.label === 'runtime'),
      'the stage names in completion',
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('build') && labels.includes('runtime'), labels.join(', '));
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', composeUri, new vscode.Position(4, 16));
    const def = defs.find((l) => ('uri' in l ? l.uri : l.targetUri).toString() === dockerfileUri.toString());
    assert.ok(def, `a definition in the Dockerfile; got ${JSON.stringify(defs)}`);
    const range = 'range' in def ? def.range : def.targetSelectionRange ?? def.targetRange;
    assert.strictEqual(range.start.line, 0);
    assert.strictEqual(range.start.character, 'FROM golang:1.22 AS '.length);
    assert.strictEqual(doc.lineAt(4).text, '      target: build');
  });

  test('references of a stage from the Dockerfile include the Compose target; a Build stage lens per named stage', async () => {
    const doc = await vscode.workspace.openTextDocument(dockerfileUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const refs = await until(
      () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', dockerfileUri, new vscode.Position(0, 22)),
      (r) => r.some((l) => l.uri.toString() === composeUri.toString()),
      'the Compose target among the references',
    );
    const compose = refs.find((l) => l.uri.toString() === composeUri.toString())!;
    assert.strictEqual(compose.range.start.line, 4);
    assert.ok(refs.some((l) => l.uri.toString() === dockerfileUri.toString() && l.range.start.line === 4), 'COPY --from=build is a reference too');
    // The e2e hosts run with workspace trust disabled, i.e. trusted: the lens is there.
    assert.ok(vscode.workspace.isTrusted, 'the e2e workspace is trusted');
    {
      const lenses = await until(
        () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', dockerfileUri),
        (l) => l.filter((x) => x.command?.command === 'dockerfileStages.buildStage').length === 2,
        'the Build stage lenses',
      );
      assert.deepStrictEqual(
        lenses.filter((x) => x.command?.command === 'dockerfileStages.buildStage').map((x) => [x.range.start.line, x.command!.title]),
        [
          [0, "$(tools) Build stage 'build'"],
          [3, "$(tools) Build stage 'runtime'"],
        ],
      );
    }
  });
});
