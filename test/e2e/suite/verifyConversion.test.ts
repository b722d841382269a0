/**
 * "Verify conversion by building" in a real VS Code: the command is in the palette, refuses documents that are not
 * files on disk, and runs the CLI's verify for a file (here one with nothing to verify, so nothing is built: the
 * build itself is covered by the CLI tests and the build-and-run suite).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openFixture, openUntitled } from '../support/helpers';

suite('Verify conversion', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('is a registered command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('dockerfileStages.verifyConversion'));
  });

  test('an untitled document is not verified: it has no build context', async () => {
    const { doc } = await openUntitled('FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD ["./server"]\n');
    const result = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('dockerfileStages.verifyConversion', doc.uri.toString());
    assert.strictEqual(result?.ok, false);
    assert.strictEqual(result?.reason, vscode.workspace.isTrusted ? 'not a file' : 'untrusted workspace');
  });

  test('a multi-stage file unchanged since git HEAD (or outside git): the CLI says there is nothing to verify', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    const { doc } = await openFixture('multistage.Dockerfile');
    const result = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('dockerfileStages.verifyConversion', doc.uri);
    assert.strictEqual(result?.ok, false);
    assert.match(result?.reason ?? '', /nothing to verify: no multi-stage conversion/);
  });
});
