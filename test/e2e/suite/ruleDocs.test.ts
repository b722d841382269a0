/**
 * Rule documentation in a real VS Code: every diagnostic of ours has a code with a public (https) link, and the
 * light bulb's "Show documentation for <code>" opens the page bundled with the extension in a Markdown preview.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, execute, openUntitled, ours, waitForDiagnostics } from '../support/helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

suite('Rule documentation', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('every diagnostic has a code and an https link; "Show documentation" opens the bundled page in a preview', async () => {
    const { doc } = await openUntitled('FROM alpine AS a\nFROM alpine AS a\nrun echo hi\n');
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => ours(d).some((x) => codeOf(x) === 'DS010'), 'the DS010 (duplicate stage name) diagnostic');
    for (const d of ours(diagnostics)) {
      assert.match(codeOf(d), /^DS\d{3}$/);
      assert.ok(typeof d.code === 'object' && d.code.target.scheme === 'https', `${codeOf(d)} links to its public page`);
    }
    const duplicate = ours(diagnostics).find((x) => codeOf(x) === 'DS010')!;
    const actions = await execute<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, duplicate.range, vscode.CodeActionKind.QuickFix.value);
    const show = actions.find((a) => a.title === 'Show documentation for DS010');
    assert.ok(show?.command, JSON.stringify(actions.map((a) => a.title)));
    const opened = new Promise<void>((resolve) => {
      const has = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown/i.test(t.input.viewType)));
      if (has()) return resolve();
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (has()) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
    await opened;
  });
});
