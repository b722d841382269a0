/**
 * "Dockerfile Stages: Verify conversion by building" (issue 16), command `dockerfileStages.verifyConversion`
 * with an optional document URI. It runs the CLI's `verify` (dist/cli.js, the one implementation) with the
 * user's builder (setting `dockerfileStages.verify.builder`, default auto-detected), shows progress with Cancel
 * (which stops the build), then a table of measured sizes and config differences in a webview, tells the
 * language server the measured size of the document's own image (the size lens shows it), and offers to remove
 * the two images it tagged (dockerfile-stages-verify/<name>:original and :converted).
 *
 * Which two Dockerfiles:
 *  - the document was just converted by this extension and still holds that conversion: the text before the
 *    conversion against the document's text (saved or not);
 *  - otherwise the file as it is on disk (unsaved changes are saved first, on request): a single-stage file
 *    against the conversion offered for it; an already converted file: its git HEAD version against it.
 * Never in an untrusted workspace, never without the user asking.
 */
import { ChildProcess, execFile, fork } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID, SETTINGS_SECTION } from '../../../common/ids';
import { ConversionRequestKind, ConversionsParams, ConversionsRequest, ConversionsResult, MeasuredSizeNotification, MeasuredSizeParams, VerifyReport } from '../../../common/protocol';
import type { VerifyBuilder } from '../../../common/settings';
import { textBeforeConversion } from './conversionHistory';
import type { ClientContext, ClientFeature } from './feature';


export interface VerifyCommandResult {
  ok: boolean;
  reason?: string;
  report?: VerifyReport;
}

const mb = (b: number | null | undefined) => (typeof b === 'number' ? `${(b / 1e6).toFixed(1)} MB` : '-');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const show = (v: unknown) => (v === null || v === undefined ? '(unset)' : typeof v === 'string' ? v : JSON.stringify(v));

function reportHtml(title: string, r: VerifyReport): string {
  const size = (s: VerifyReport['original']) => (s.built ? mb(s.sizeBytes) : `build failed${s.error ? `: ${s.error}` : ''}`);
  const saving =
    r.savingBytes === null || !r.original.sizeBytes
      ? '-'
      : r.savingBytes >= 0
        ? `${mb(r.savingBytes)} (${Math.round((r.savingBytes / r.original.sizeBytes) * 100)} %)`
        : `larger by ${mb(-r.savingBytes)}`;
  const diffs = r.differences.length
    ? `<table><tr><th>config field</th><th>original</th><th>converted</th></tr>${r.differences.map((d) => `<tr><td><code>${esc(d.field)}</code></td><td><code>${esc(show(d.before))}</code></td><td><code>${esc(show(d.after))}</code>${d.inherited ? ' <i>(inherited from the base images)</i>' : ''}</td></tr>`).join('')}</table>`
    : r.original.built && r.converted.built
      ? '<p>Image configs are equal (Cmd, Entrypoint, Env, ExposedPorts, User, WorkingDir, Labels, Healthcheck, Volumes, StopSignal).</p>'
      : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid var(--vscode-panel-border);padding:4px 8px;text-align:left}</style></head><body>
<h2>${esc(title)}</h2>
<p>Built with <b>${esc(r.builder)}</b> in <code>${esc(r.context)}</code>.</p>
<table><tr><th></th><th>before (original)</th><th>after (converted)</th><th>saving</th></tr>
<tr><td>from</td><td>${esc(r.originalFrom)}</td><td>${esc(r.convertedFrom)}</td><td></td></tr>
<tr><td>image</td><td><code>${esc(r.original.image)}</code></td><td><code>${esc(r.converted.image)}</code></td><td></td></tr>
<tr><td>measured size</td><td>${esc(size(r.original))}</td><td>${esc(size(r.converted))}</td><td>${esc(saving)}</td></tr>
<tr><td>build time</td><td>${r.original.seconds} s</td><td>${r.converted.seconds} s</td><td></td></tr></table>
<h3>Differences</h3>${diffs}
${r.notes.length ? `<h3>Notes of the conversion</h3><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
</body></html>`;
}

/** The conversion kinds verify can build, with the CLI's names for them. */
const VERIFY_KINDS: Partial<Record<ConversionRequestKind, string>> = { multiStage: 'multi-stage', devBuildRuntime: 'dev-build-runtime', multiStageNginx: 'nginx', multiStageRunArtifact: 'run-artifact' };

/**
 * Which offered conversion to verify (asked when there are several) and the values it needs (asked, as the
 * convert command does): CLI arguments, `[]` when none is offered (the CLI then compares with git HEAD), or
 * undefined when the user cancelled.
 */
async function chooseConversion(ctx: ClientContext, document: vscode.TextDocument): Promise<string[] | undefined> {
  await ctx.ready();
  const client = ctx.client();
  if (!client) return [];
  const params: ConversionsParams = { textDocument: { uri: document.uri.toString() }, kinds: Object.keys(VERIFY_KINDS) as ConversionRequestKind[] };
  const result = await client.sendRequest<ConversionsResult>(ConversionsRequest, params);
  const offered = result.conversions.filter((c) => VERIFY_KINDS[c.kind]);
  if (!offered.length) return [];
  let chosen = offered[0];
  if (offered.length > 1) {
    const item = await vscode.window.showQuickPick(
      offered.map((c) => ({ label: c.title, detail: c.notes.join(' '), conversion: c })),
      { placeHolder: 'Which conversion to build and compare with the original' },
    );
    if (!item) return undefined;
    chosen = item.conversion;
  }
  const args = ['--to', VERIFY_KINDS[chosen.kind]!];
  for (const p of chosen.placeholders) {
    const value = await vscode.window.showInputBox({ title: chosen.title, prompt: `${p.prompt}: it could not be determined from the Dockerfile. Confirm or correct it.`, value: p.suggestion, ignoreFocusOut: true });
    if (value === undefined) return undefined;
    args.push('--value', `${p.token}=${value}`);
  }
  return args;
}

async function targetDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (typeof uri === 'string') return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === LANGUAGE_ID ? doc : undefined;
}

/** Runs the CLI; progress lines go to `onProgress`; the token's cancellation stops it (and its build). */
function runCli(cli: string, args: string[], onProgress: (m: string) => void, token: vscode.CancellationToken): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(cli, args, { silent: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      const lines = (pending + d).split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith('progress: ')) onProgress(l.slice(10));
    });
    const sub = token.onCancellationRequested(() => child.kill('SIGTERM'));
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (code) => {
      sub.dispose();
      resolve({ code: code ?? 130, stdout, stderr });
    });
  });
}

/** `<builder> rmi <refs>`: removes the images verify tagged (the client runs the builder itself, as Build stage does). */
function removeImages(builder: VerifyReport['builder'], refs: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(builder, ['rmi', ...refs], { encoding: 'utf8', timeout: 120_000 }, (err, _stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr: stderr || (err ? err.message : '') }),
    ),
  );
}

/** The document to verify: a trusted workspace and a Dockerfile on disk, or why not (the user is told). */
async function verifiableDocument(uriArg: unknown): Promise<vscode.TextDocument | VerifyCommandResult> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Dockerfile Stages: Verify conversion builds images with your container builder; it is not available in an untrusted workspace.');
    return { ok: false, reason: 'untrusted workspace' };
  }
  const document = await targetDocument(uriArg);
  if (!document) {
    void vscode.window.showWarningMessage('Dockerfile Stages: open a Dockerfile first.');
    return { ok: false, reason: 'no Dockerfile' };
  }
  if (document.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(`Dockerfile Stages: ${path.basename(document.uri.path)} is not a file on disk; verifying needs its build context.`);
    return { ok: false, reason: 'not a file' };
  }
  return document;
}

/** The CLI's `verify` arguments for the document (files it needs are written to `tmp`); undefined when the user cancels. */
async function verifyArguments(ctx: ClientContext, document: vscode.TextDocument, tmp: string): Promise<string[] | undefined> {
  const file = document.uri.fsPath;
  const name = path.basename(file);
  const args = ['verify', '--json', '--context', path.dirname(file)];
  const builder = vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri).get<VerifyBuilder>('verify.builder', 'auto');
  if (builder && builder !== 'auto') args.push('--builder', builder);
  const before = textBeforeConversion(document.uri.toString(), document.getText());
  let target = file;
  if (before !== undefined) {
    // Just converted by this extension: the text before the conversion against the document's text.
    const orig = path.join(tmp, `${name}.before-conversion`);
    await fs.writeFile(orig, before);
    args.push('--original', orig);
    if (document.isDirty) {
      target = path.join(tmp, name);
      await fs.writeFile(target, document.getText());
    }
  } else if (document.isDirty) {
    const choice = await vscode.window.showWarningMessage(`Dockerfile Stages: ${name} has unsaved changes; verifying builds the file on disk.`, { modal: true }, 'Save and verify');
    if (choice !== 'Save and verify' || !(await document.save())) return undefined;
  }
  if (before === undefined) {
    const kindArgs = await chooseConversion(ctx, document);
    if (!kindArgs) return undefined;
    args.push(...kindArgs);
  }
  args.push(target);
  return args;
}

/** The report's webview, the measured size for the size lens (when the document is what was built), and the images' fate. */
function showReport(ctx: ClientContext, document: vscode.TextDocument, report: VerifyReport, builtText: string): void {
  const name = path.basename(document.uri.fsPath);
  const panel = vscode.window.createWebviewPanel('dockerfileStages.verifyReport', `Verify: ${name}`, vscode.ViewColumn.Beside, { enableScripts: false });
  panel.webview.html = reportHtml(`Verify conversion: ${name}`, report);
  const mine = report[report.fileSide];
  const client = ctx.client();
  if (client && mine.built && mine.sizeBytes !== null && document.getText() === builtText) {
    const params: MeasuredSizeParams = { uri: document.uri.toString(), bytes: mine.sizeBytes, image: mine.image, builtAt: new Date().toISOString() };
    void client.sendNotification(MeasuredSizeNotification, params);
  }
  const made = [report.original, report.converted].filter((s) => s.built).map((s) => s.image);
  const summary =
    report.original.built && report.converted.built
      ? `${name}: ${mb(report.original.sizeBytes)} \u2192 ${mb(report.converted.sizeBytes)}, ${report.differences.length ? `${report.differences.length} config difference(s)` : 'same image config'}.`
      : `${name}: the ${report.original.built ? 'converted' : 'original'} image does not build (see the report).`;
  if (!made.length) {
    void vscode.window.showWarningMessage(`Dockerfile Stages: ${summary}`);
    return;
  }
  void vscode.window.showInformationMessage(`Dockerfile Stages: ${summary} Images: ${made.join(', ')}.`, 'Remove images', 'Keep').then(async (choice) => {
    if (choice !== 'Remove images') return;
    const r = await removeImages(report.builder, made);
    if (r.code === 0) void vscode.window.showInformationMessage(`Dockerfile Stages: removed ${made.join(', ')}.`);
    else void vscode.window.showWarningMessage(`Dockerfile Stages: ${report.builder} rmi failed: ${r.stderr.trim()}`);
  });
}

async function verify(ctx: ClientContext, uriArg: unknown): Promise<VerifyCommandResult> {
  const document = await verifiableDocument(uriArg);
  if (!('uri' in document)) return document;
  const name = path.basename(document.uri.fsPath);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'dockerfile-stages-verify-'));
  try {
    const args = await verifyArguments(ctx, document, tmp);
    if (!args) return { ok: false, reason: 'cancelled' };
    const builtText = document.getText();
    const cli = ctx.extension.asAbsolutePath(path.join('dist', 'cli.js'));
    ctx.log.info(`verify: dockerfile-stages ${args.join(' ')}`);
    const run = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Verifying the conversion of ${name}`, cancellable: true },
      (progress, token) => runCli(cli, args, (m) => progress.report({ message: m }), token),
    );
    if (run.code === 130) {
      void vscode.window.showInformationMessage(`Dockerfile Stages: verifying ${name} was cancelled.`);
      return { ok: false, reason: 'cancelled' };
    }
    if (run.code !== 0 && run.code !== 1) {
      const reason = run.stderr.split('\n').filter((l) => l && !l.startsWith('progress: ')).pop() ?? `exit ${run.code}`;
      void vscode.window.showWarningMessage(`Dockerfile Stages: cannot verify ${name}: ${reason}`);
      return { ok: false, reason };
    }
    const report = JSON.parse(run.stdout) as VerifyReport;
    showReport(ctx, document, report, builtText);
    return { ok: run.code === 0, report };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

export const verifyConversion: ClientFeature = {
  name: 'verifyConversion',
  activate(ctx) {
    return [vscode.commands.registerCommand(Commands.verifyConversion, (uri?: unknown) => verify(ctx, uri))];
  },
};
