/**
 * FROM completion in a real VS Code (issue 21): after `FROM` the embedded size table's images, after the
 * colon their tags, each with its sizes and smaller variants. Self-contained (own helpers), public API only.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dockerfile-stages.dockerfile-stages';

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

suite('FROM completion', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await (await ext.activate()).ready;
  });

  suiteTeardown(async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('tags of a base image with their sizes and smaller variants; images after FROM', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM node:\nFROM py\n' });
    await vscode.window.showTextDocument(doc, { preview: false });
    const tags = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 10), ':');
    const full = tags.items.find((i) => labelOf(i) === '24');
    assert.ok(full, `node:24 among ${tags.items.map(labelOf).join(', ')}`);
    assert.match(full.detail ?? '', /download, .+ image \u00b7 smaller: 24-alpine .+, 24-slim /);
    assert.ok(tags.items.some((i) => labelOf(i) === '24-alpine'));
    const images = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 7));
    const python = images.items.find((i) => labelOf(i) === 'python');
    assert.ok(python, `python among ${images.items.map(labelOf).slice(0, 20).join(', ')}`);
    assert.match(python.detail ?? "", /^\d+ tags known: .+ download$/);
  });
});
