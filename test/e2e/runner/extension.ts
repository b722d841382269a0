/**
 * The e2e test-runner extension (test only, never in the product vsix). scripts/e2e/run-code-server.mjs
 * installs it into a throwaway code-server next to the product vsix. At startup it runs the bundled suite
 * inside the extension host and reports every result over HTTP to the harness (127.0.0.1), then opens the
 * showcase Dockerfile and tells the harness it may take the screenshots.
 *
 * Its settings come from e2e-config.json, written beside this extension's package.json by the harness.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import * as vscode from 'vscode';
import { E2EEvent, runSuite } from '../runSuite';
import { EXTENSION_ID } from '../../../common/ids';

interface RunnerConfig {
  reportUrl: string;
  fixturesDir: string;
  grep?: string;
  timeoutMs?: number;
  /** Fixture to leave open for the screenshots, and the stage name to hover. */
  showcase?: { file: string; stage: string };
}

function post(url: string, event: E2EEvent): Promise<void> {
  return new Promise((resolve) => {
    const body = Buffer.from(JSON.stringify(event));
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => resolve());
    req.end(body);
  });
}

export function activate(context: vscode.ExtensionContext): void {
  const configFile = path.join(context.extensionPath, 'e2e-config.json');
  if (!fs.existsSync(configFile)) return;
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as RunnerConfig;
  process.env.E2E_FIXTURES_DIR = config.fixturesDir;

  // Events go out one at a time, in order.
  let chain = Promise.resolve();
  const report = (event: E2EEvent) => (chain = chain.then(() => post(`${config.reportUrl}/event`, event)));

  const reportError = (what: string, e: unknown) => {
    const err = e as Error;
    report({ type: 'error', message: `${what}: ${String(err?.message ?? err)}`, stack: err?.stack });
  };

  void (async () => {
    // Activation timed first, before anything opens a Dockerfile (which would activate the extension on its own).
    try {
      await timeActivation(report);
    } catch (e) {
      reportError('activation', e);
    }
    // The screenshots first, on a fresh workbench (no other file open, nothing else in Problems).
    if (config.showcase) {
      try {
        await showcase(config.showcase, report);
      } catch (e) {
        reportError('screenshots', e);
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.action.closePanel');
    }
    try {
      await runSuite({
        suiteFile: path.join(context.extensionPath, 'dist', 'suite.js'),
        onEvent: report,
        grep: config.grep,
        timeoutMs: config.timeoutMs,
      });
    } catch (e) {
      reportError('suite', e);
    }
    report({ type: 'done' });
    await chain;
  })();
}

/**
 * Sets the UI up for each screenshot in turn (the showcase Dockerfile with its diagnostics and the Problems
 * panel; then the editor alone, for the stage hover and the CodeLens lines) and waits each time until the
 * harness has taken it (the reply to the POST).
 */
/** Activates the extension under test and reports how long until its language client runs (the `ready` promise). */
async function timeActivation(report: (e: E2EEvent) => Promise<void>): Promise<void> {
  const ext = vscode.extensions.getExtension<{ ready?: Promise<void> }>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  if (ext.isActive) {
    await report({ type: 'log', message: 'the extension was already active: activation not timed' });
    return;
  }
  const t0 = performance.now();
  const api = await ext.activate();
  // activate() returns before the language server is up (it does not wait for it); `ready` is the server running.
  const activateMs = performance.now() - t0;
  await api?.ready;
  await report({ type: 'metric', name: 'activation', ms: performance.now() - t0, activateMs, vscodeVersion: vscode.version });
}

async function showcase(spec: NonNullable<RunnerConfig['showcase']>, report: (e: E2EEvent) => Promise<void>): Promise<void> {
  const uri = vscode.Uri.file(spec.file);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const diagnosticsShown = new Promise<void>((resolve, reject) => {
    const has = () => vscode.languages.getDiagnostics(uri).length > 0;
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics on ${spec.file} within 60 s`));
    }, 60_000);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (has()) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
    if (has()) {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(0, 0, 0, 0) });
  await diagnosticsShown;
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await report({ type: 'screenshot-ready', step: 'diagnostics', file: spec.file });

  await vscode.commands.executeCommand('workbench.action.closePanel');
  const match = new RegExp(`^FROM\\s+\\S+\\s+AS\\s+(${spec.stage})\\b`, 'im').exec(doc.getText());
  if (!match) throw new Error(`showcase: no "FROM … AS ${spec.stage}" in ${spec.file}`);
  const pos = doc.positionAt(match.index + match[0].length - match[1].length);
  const lineText = doc.lineAt(pos.line).text;
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  if (hovers.length) {
    await report({ type: 'screenshot-ready', step: 'hover', file: spec.file, hover: { line: pos.line, character: pos.character, text: match[1], lineText } });
  } else {
    await report({ type: 'log', message: `no hover on the stage name "${match[1]}" yet: no stage-hover screenshot` });
  }

  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  if (lenses.length) await report({ type: 'screenshot-ready', step: 'codelens', file: spec.file });
  else await report({ type: 'log', message: 'no CodeLens on the showcase file: no CodeLens screenshot' });

  // The size breakdown view beside the editor.
  await vscode.commands.executeCommand('dockerfileStages.showSizeBreakdown', uri.toString());
  await report({ type: 'screenshot-ready', step: 'breakdown', file: spec.file });
  await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
}

export function deactivate(): void {}
