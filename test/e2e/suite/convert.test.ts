/**
 * Conversions in a real VS Code: the single-stage -> multi-stage code action (refactor.rewrite.multiStage)
 * applied through vscode.executeCodeActionProvider, and the palette command `dockerfileStages.convertToMultiStage`
 * (preview off for the test, placeholder value given up front), applied as one undoable edit.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, execute, openUntitled } from '../support/helpers';

const GO = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nEXPOSE 8080\nCMD ["./server"]\n';
const NEEDS_PATH = 'FROM alpine:3.18\nENTRYPOINT ["/bin/collector"]\nCOPY . /src\nRUN cd /src && ./build.sh\n';

suite('Conversions', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('the code action on FROM converts to a multi-stage build', async () => {
    const { doc } = await openUntitled(GO);
    const actions = await execute<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 2, 0, 2), 'refactor.rewrite.multiStage');
    const action = actions.find((a) => a.kind?.value === 'refactor.rewrite.multiStage');
    assert.ok(action?.edit, `no multi-stage action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    const text = doc.getText();
    assert.match(text, /^FROM golang:1\.22 AS build$/m);
    assert.match(text, /^FROM gcr\.io\/distroless\/static-debian12$/m);
    assert.match(text, /^COPY --from=build \/app\/server \/app\/server$/m);
    assert.match(text, /CMD \["\.\/server"\]\n$/);
  });

  test('the command converts, asks for an undeterminable artifact path, and is one undoable edit', async () => {
    const { doc } = await openUntitled(NEEDS_PATH);
    const result = await vscode.commands.executeCommand<{ applied: boolean; title?: string }>('dockerfileStages.convertToMultiStage', doc.uri.toString(), 'multiStage', {
      preview: false,
      values: { __ARTIFACT_PATH__: '/bin/collector' },
    });
    assert.ok(result?.applied, JSON.stringify(result));
    assert.match(doc.getText(), /^COPY --from=build \/bin\/collector \/bin\/collector$/m);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), NEEDS_PATH);
  });

  test('the command says why when nothing applies', async () => {
    const { doc } = await openUntitled('FROM golang:1.22 AS build\nRUN go build -o /x .\nFROM alpine\nCOPY --from=build /x /x\n');
    const result = await vscode.commands.executeCommand<{ applied: boolean; reason?: string }>('dockerfileStages.convertToMultiStage', doc.uri.toString(), 'multiStage', { preview: false });
    assert.strictEqual(result?.applied, false);
    assert.match(result?.reason ?? '', /already multi-stage/);
  });

  test('the labelled run-artifact variant: offered as a non-preferred action, applied by the command, says it changes CMD', async () => {
    const GO_RUN = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nEXPOSE 8080\nCMD ["go", "run", "."]\n';
    const { doc } = await openUntitled(GO_RUN);
    const actions = await execute<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 2, 0, 2), 'refactor.rewrite.multiStage');
    const variant = actions.find((a) => /changes CMD: runs the built binary instead of `go run \.`/.test(a.title));
    assert.ok(variant, `no run-artifact action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.notStrictEqual(variant.isPreferred, true);
    const result = await vscode.commands.executeCommand<{ applied: boolean; title?: string }>('dockerfileStages.convertToMultiStage', doc.uri.toString(), 'multiStageRunArtifact', { preview: false });
    assert.ok(result?.applied, JSON.stringify(result));
    assert.match(result?.title ?? '', /changes CMD/);
    assert.match(doc.getText(), /^RUN CGO_ENABLED=0 go build -o \/usr\/local\/bin\/app \.$/m);
    assert.match(doc.getText(), /CMD \["\/usr\/local\/bin\/app"\]\n$/);
  });
});
