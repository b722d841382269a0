/**
 * The rule engine in a real VS Code: a rule diagnostic carries its code and a link to its docs page, its
 * quick fix applies through the public API and clears it, and "fix all" (source.fixAll) fixes the rest.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, execute, openUntitled, ours, waitForDiagnostics } from '../support/helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const withCode = (diagnostics: readonly vscode.Diagnostic[], code: string) => ours(diagnostics).filter((d) => codeOf(d) === code);

suite('Rules and quick fixes', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('a rule diagnostic links to its docs page, and its quick fix clears it', async () => {
    const { doc } = await openUntitled('FROM golang:1.22 as build\nRUN go build -o /app\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n');
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'DS107').length > 0, 'the DS107 (FROM/AS casing) diagnostic');
    const d = withCode(diagnostics, 'DS107')[0];
    assert.strictEqual(d.range.start.line, 0);
    assert.strictEqual(doc.getText(d.range), 'as');
    assert.ok(typeof d.code === 'object' && d.code.target, 'the code carries a link');
    assert.match((d.code as { target: vscode.Uri }).target.toString(), /\/docs\/rules\/DS107\.md$/);
    const actions = await execute<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /^Write 'AS'/.test(a.title));
    assert.ok(fix?.edit, `a DS107 quick fix with an edit; got ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit succeeded');
    assert.strictEqual(doc.lineAt(0).text, 'FROM golang:1.22 AS build');
    await waitForDiagnostics(doc.uri, (now) => withCode(now, 'DS107').length === 0, 'DS107 to go away');
  });

  test('fix all applies the safe fixes of the file at once', async () => {
    const { doc } = await openUntitled('FROM alpine:3.20\nRUN apk add curl\nENV MODE production\nEXPOSE 80/TCP\nUSER app\n');
    await waitForDiagnostics(doc.uri, (d) => ['DS205', 'DS502', 'DS508'].every((c) => withCode(d, c).length > 0), 'DS205, DS502 and DS508');
    const actions = await execute<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value);
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.dockerfileStages');
    assert.ok(fixAll?.edit, `a source.fixAll.dockerfileStages action; got ${actions.map((a) => `${a.kind?.value} ${a.title}`).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit), 'applyEdit succeeded');
    assert.strictEqual(doc.getText(), 'FROM alpine:3.20\nRUN apk add --no-cache curl\nENV MODE=production\nEXPOSE 80/tcp\nUSER app\n');
    await waitForDiagnostics(doc.uri, (d) => ['DS205', 'DS502', 'DS508'].every((c) => withCode(d, c).length === 0), 'the fixed diagnostics to go away');
  });
});
