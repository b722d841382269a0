/**
 * Conversions in a real VS Code, through the API: the single-stage -> multi-stage code action
 * (refactor.rewrite.multiStage) resolved by vscode.executeCodeActionProvider into line edits, and the command
 * `dockerfileStages.convertToMultiStage` as the size lens runs it (uri and kind), applied at once as one
 * undoable edit. What needs the UI (input box, quick pick, preview, light bulb) is in test/e2e/ui.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, execute, openUntitled } from '../support/helpers';

const GO = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nEXPOSE 8080\nCMD ["./server"]\n';

suite('Conversions', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('the code action on FROM converts to a multi-stage build', async () => {
    const { doc } = await openUntitled(GO);
    // The list carries no edit; the fourth argument has VS Code resolve the first actions, as it does on a pick.
    const actions = await execute<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 2, 0, 2), 'refactor.rewrite.multiStage', 10);
    const action = actions.find((a) => a.kind?.value === 'refactor.rewrite.multiStage');
    assert.ok(action?.edit, `no resolved multi-stage action in ${JSON.stringify(actions.map((a) => a.title))}`);
    const edits = action.edit.get(doc.uri);
    assert.ok(edits.length >= 2, `line edits, not one replace: ${JSON.stringify(edits)}`);
    assert.ok(!edits.some((e) => e.range.start.line === 0 && e.range.end.line >= doc.lineCount - 1), 'no edit spans the whole file');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    const text = doc.getText();
    assert.match(text, /^FROM golang:1\.22 AS build$/m);
    assert.match(text, /^FROM gcr\.io\/distroless\/static-debian12$/m);
    assert.match(text, /^COPY --from=build \/app\/server \/app\/server$/m);
    assert.match(text, /CMD \["\.\/server"\]\n$/);
  });

  test('the command (as the size lens runs it) applies the conversion at once, as one undoable edit', async () => {
    const { doc } = await openUntitled(GO);
    const result = await vscode.commands.executeCommand<{ applied: boolean; title?: string }>('dockerfileStages.convertToMultiStage', doc.uri.toString(), 'multiStage');
    assert.ok(result?.applied, JSON.stringify(result));
    assert.match(doc.getText(), /^COPY --from=build \/app\/server \/app\/server$/m);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), GO);
  });

  test('the command says why when nothing applies', async () => {
    const { doc } = await openUntitled('FROM golang:1.22 AS build\nRUN go build -o /x .\nFROM alpine\nCOPY --from=build /x /x\n');
    const result = await vscode.commands.executeCommand<{ applied: boolean; reason?: string }>('dockerfileStages.convertToMultiStage', doc.uri.toString(), 'multiStage');
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
    const result = await vscode.commands.executeCommand<{ applied: boolean; title?: string }>('dockerfileStages.convertToMultiStage', doc.uri.toString(), 'multiStageRunArtifact');
    assert.ok(result?.applied, JSON.stringify(result));
    assert.match(result?.title ?? '', /changes CMD/);
    assert.match(doc.getText(), /^RUN CGO_ENABLED=0 go build -o \/usr\/local\/bin\/app \.$/m);
    assert.match(doc.getText(), /CMD \["\/usr\/local\/bin\/app"\]\n$/);
  });
});
