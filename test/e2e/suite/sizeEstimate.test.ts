/**
 * Image size estimates in a real VS Code (issue 6): the CodeLens titles above each FROM read through
 * vscode.executeCodeLensProvider, the single-stage lens that runs the conversion, and the breakdown view
 * opened by its command. The status-bar item is read from the screen by the UI tests (test/e2e/ui).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, execute, openUntitled } from '../support/helpers';

const MULTI = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM alpine:3.24\nCOPY --from=build /out/app /app\nCMD ["/app"]\n';
const SINGLE = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nEXPOSE 8080\nCMD ["./server"]\n';

/** Our size lenses, in line order (the server answers after it has the document: requests are in order). */
async function sizeLenses(uri: vscode.Uri, count: number): Promise<vscode.CodeLens[]> {
  const lenses = (await execute<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
  const ours = lenses.filter((l) => /final image|discarded|multi-stage ≈/.test(l.command?.title ?? ''));
  assert.strictEqual(ours.length, count, `size lenses: ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
  return ours.sort((a, b) => a.range.start.line - b.range.start.line);
}

suite('Image size estimates', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('CodeLens above each FROM: discarded build stage, final image (the range is in the hover)', async () => {
    const { doc } = await openUntitled(MULTI);
    const lenses = await sizeLenses(doc.uri, 2);
    assert.strictEqual(lenses[0].range.start.line, 0);
    assert.match(lenses[0].command!.title, /^build stage ≈ [\d.]+ [MG]B · discarded$/);
    assert.strictEqual(lenses[1].range.start.line, 5);
    assert.match(lenses[1].command!.title, /^≈ [\d.]+ MB final image$/);
    assert.strictEqual(lenses[1].command!.command, 'dockerfileStages.showSizeBreakdown');
  });

  test('a single-stage file shows the multi-stage saving, and the lens runs the conversion', async () => {
    const { doc } = await openUntitled(SINGLE);
    const [lens] = await sizeLenses(doc.uri, 1);
    assert.match(lens.command!.title, /^≈ [\d.]+ [MG]B · multi-stage ≈ [\d.]+ [MG]B \(−\d+ %\)$/);
    assert.strictEqual(lens.command!.command, 'dockerfileStages.convertToMultiStage');
  });

  test('the breakdown command opens the size view', async () => {
    const { doc } = await openUntitled(MULTI);
    const isView = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && /sizeBreakdown/.test(t.input.viewType);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    // The tab model reaches the extension host as an event: wait on it, not on time.
    const opened = new Promise<void>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (tabs().some(isView)) {
          sub.dispose();
          resolve();
        }
      });
    });
    const result = await vscode.commands.executeCommand<{ shown: boolean; title?: string; finalBytes?: number }>('dockerfileStages.showSizeBreakdown', doc.uri.toString());
    assert.strictEqual(result?.shown, true, JSON.stringify(result));
    assert.match(result?.title ?? '', /^Image size: /);
    assert.ok((result?.finalBytes ?? 0) > 1_000_000, 'the view shows the final size');
    if (!tabs().some(isView)) await opened;
    assert.ok(tabs().some(isView));
  });
});
