/**
 * The e2e suite: runs inside a real VS Code extension host (code-server or @vscode/test-electron) against
 * the installed extension, through the public API only. Later issues add their cases here (or in more
 * *.test.ts files beside this one: every test/e2e/suite/**\/*.test.ts is bundled).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  execute,
  EXTENSION_ID,
  ExtensionApi,
  hoverText,
  LANGUAGE_ID,
  openFixture,
  openUntitled,
  ours,
  positionOf,
  waitForDiagnostics,
} from '../support/helpers';
import { SERVER_EXEC_ARGV, SERVER_PROCESS_ENV } from '../../../common/launch';

const CASING = /uppercase/i;

function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  assert.fail(`no line matches ${re} in ${doc.uri.toString()}`);
}

/** Line numbers of the FROM instructions (each starts a stage). */
function fromLines(doc: vscode.TextDocument): number[] {
  const out: number[] = [];
  for (let i = 0; i < doc.lineCount; i++) if (/^\s*FROM\s/i.test(doc.lineAt(i).text)) out.push(i);
  return out;
}

/** The last line holding an instruction before `end` (exclusive): where a stage ends. */
function lastInstructionLine(doc: vscode.TextDocument, start: number, end: number): number {
  let last = start;
  for (let i = start; i < end; i++) {
    const t = doc.lineAt(i).text.trim();
    if (t && !t.startsWith('#')) last = i;
  }
  return last;
}

suite('Dockerfile Stages in VS Code', () => {
  let api: ExtensionApi;

  suiteSetup(async () => {
    api = await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('activates, its language client is running and its commands are registered', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'the extension is active');
    await api.ready;
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('dockerfileStages.restartServer'), 'dockerfileStages.restartServer is registered');
  });

  test('starts the server process with the Node flags and environment of common/launch.ts', async function () {
    if (process.platform !== 'linux') this.skip();
    await api.ready;
    const fs = await import('fs');
    const server = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath.replace(/\\/g, '/') + '/dist/server.js';
    // The server is a child of this extension host; /proc tells its command line and environment.
    const children = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
      try {
        const ppid = Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
        return ppid === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(server);
      } catch {
        return false;
      }
    });
    assert.strictEqual(children.length, 1, `one server process under the extension host (${server})`);
    const cmdline = fs.readFileSync(`/proc/${children[0]}/cmdline`, 'utf8').split('\0');
    for (const flag of SERVER_EXEC_ARGV) assert.ok(cmdline.includes(flag), `${flag} on the server's command line`);
    const env = fs.readFileSync(`/proc/${children[0]}/environ`, 'utf8').split('\0');
    for (const [k, v] of Object.entries(SERVER_PROCESS_ENV)) assert.ok(env.includes(`${k}=${v}`), `${k}=${v} in the server's environment`);
  });

  test('publishes diagnostics for a Dockerfile when it is opened', async () => {
    const { doc } = await openFixture('lowercase.Dockerfile');
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => ours(d).some((x) => CASING.test(x.message)), 'the instruction-casing warning');
    const casing = ours(diagnostics).find((x) => CASING.test(x.message))!;
    assert.strictEqual(casing.range.start.line, lineOf(doc, /^run /));
    assert.strictEqual(casing.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('updates diagnostics after an edit', async () => {
    const { doc, editor } = await openFixture('multistage.Dockerfile');
    // Open: the fixture is clean, so wait for a change we cause and then undo.
    const line = lineOf(doc, /^USER /);
    const added = (d: readonly vscode.Diagnostic[]) => ours(d).some((x) => CASING.test(x.message) && x.range.start.line === line);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(line, 0, line, 4), 'user')), 'edit applied');
    await waitForDiagnostics(doc.uri, added, 'a casing warning on the edited line');
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(line, 0, line, 4), 'USER')), 'edit applied');
    await waitForDiagnostics(doc.uri, (d) => !added(d), 'the casing warning to go away');
  });

  test('shows a hover for an instruction keyword', async () => {
    const { doc } = await openFixture('multistage.Dockerfile');
    const at = positionOf(doc, /^FROM /m, 1);
    const hovers = await execute<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    assert.ok(hovers.length > 0, 'a hover on FROM');
    assert.match(hoverText(hovers), /base ?image/i);
  });

  test('shows a stage hover on the stage name in FROM … AS name', async () => {
    const { doc } = await openFixture('multistage.Dockerfile');
    const at = positionOf(doc, /(?<=^FROM \S+ )AS build$/m, 'AS b'.length);
    const hovers = await execute<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hoverText(hovers);
    assert.match(text, /Stage 0\b/, `the hover names the stage; got ${JSON.stringify(text)}`);
    assert.match(text, /`build`/);
  });

  test('gives hierarchical symbols: each FROM a symbol whose children are its instructions', async () => {
    const { doc } = await openFixture('multistage.Dockerfile');
    const symbols = await execute<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const stages = symbols.filter((s) => s.kind === vscode.SymbolKind.Class);
    assert.deepStrictEqual(
      stages.map((s) => s.name),
      ['build', 'test', 'runtime'],
    );
    const froms = fromLines(doc);
    stages.forEach((stage, i) => {
      assert.strictEqual(stage.range.start.line, froms[i], `stage ${stage.name} starts at its FROM`);
      const end = i + 1 < froms.length ? froms[i + 1] : doc.lineCount;
      const expected: string[] = [];
      for (let l = froms[i] + 1; l < end; l++) {
        const m = /^\s*([A-Za-z]+)\s/.exec(doc.lineAt(l).text);
        if (m && !doc.lineAt(l).text.trim().startsWith('#')) expected.push(m[1].toUpperCase());
      }
      assert.deepStrictEqual(
        stage.children.map((c) => c.name.split(' ')[0]),
        expected,
        `children of ${stage.name}`,
      );
      for (const child of stage.children) assert.ok(stage.range.contains(child.range), `${child.name} lies inside ${stage.name}`);
    });
    // The global ARG before the first FROM is a top-level symbol, not inside a stage.
    assert.ok(symbols.some((s) => s.name.startsWith('ARG') && s.range.start.line < froms[0]), 'the global ARG is a top-level symbol');
  });

  test('folds each stage: one folding range per stage', async () => {
    const { doc } = await openFixture('multistage.Dockerfile');
    const ranges = await execute<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    const froms = fromLines(doc);
    froms.forEach((from, i) => {
      const end = i + 1 < froms.length ? froms[i + 1] : doc.lineCount;
      const atFrom = ranges.filter((r) => r.start === from);
      assert.strictEqual(atFrom.length, 1, `one folding range starts at the FROM on line ${from + 1}`);
      assert.strictEqual(atFrom[0].end, lastInstructionLine(doc, from, end), `the stage on line ${from + 1} folds to its last instruction`);
    });
  });

  test('completes instruction keywords and stage names', async () => {
    const { doc } = await openUntitled('FROM golang:1.22 AS build\nRUN go build\n\nFROM alpine\nCOPY --from=\nRU');
    const keywords = await execute<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 2));
    const labels = (list: vscode.CompletionList) => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      labels(keywords).some((l) => /^RUN\b/.test(l)),
      `RUN is offered; got ${labels(keywords).join(', ')}`,
    );
    const stages = await execute<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(4, 12));
    assert.ok(labels(stages).includes('build'), `the stage name is offered after --from=; got ${labels(stages).join(', ')}`);
  });

  test('offers a quick fix for a lowercase instruction, and applying it clears the warning', async () => {
    const { doc } = await openFixture('lowercase.Dockerfile');
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => ours(d).some((x) => CASING.test(x.message)), 'the instruction-casing warning');
    const casing = ours(diagnostics).find((x) => CASING.test(x.message))!;
    const actions = await execute<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, casing.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /uppercase/i.test(a.title));
    assert.ok(fix, `a quick fix to uppercase; got ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), 'it is a quick fix');
    assert.ok(fix.edit, 'it carries an edit');
    const line = casing.range.start.line;
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit succeeded');
    assert.match(doc.lineAt(line).text, /^RUN npm ci/);
    await waitForDiagnostics(doc.uri, (d) => !ours(d).some((x) => CASING.test(x.message)), 'the casing warning to go away');
  });

  test('answers CodeLens requests', async () => {
    const { doc } = await openFixture('multistage.Dockerfile');
    const lenses = await execute<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.ok(Array.isArray(lenses), 'a list of CodeLens');
    for (const lens of lenses) assert.ok(lens.range.start.line < doc.lineCount, 'each lens is on a line of the document');
  });

  test('restarts the language server with dockerfileStages.restartServer, and it works again', async () => {
    const { doc, editor } = await openFixture('multistage.Dockerfile');
    await vscode.commands.executeCommand('dockerfileStages.restartServer');
    await api.ready;
    const line = lineOf(doc, /^EXPOSE /);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(line, 0, line, 6), 'expose')), 'edit applied');
    await waitForDiagnostics(doc.uri, (d) => ours(d).some((x) => CASING.test(x.message) && x.range.start.line === line), 'diagnostics from the restarted server');
  });
});
