/**
 * Status-bar item with the estimated final image size of the active Dockerfile (issue 6), from the server's
 * `dockerfileStages/estimate`. Click: the size breakdown view. Setting `dockerfileStages.size.statusBar`.
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID, SETTINGS_SECTION } from '../../../common/ids';
import { EstimateRequest, type EstimateResult } from '../../../common/protocol';
import { formatBytes } from '../../../common/format';
import { defaultSettings } from '../../../common/settings';
import type { ClientContext, ClientFeature } from './feature';

export { formatBytes };

/** The status-bar text and tooltip for an estimate (exported for tests). */
export function statusText(r: EstimateResult): { text: string; tooltip: string } | undefined {
  if (!r.final) return undefined;
  const f = r.final;
  const text = f.unknownBase ? `$(package) base unknown · adds ≈ ${formatBytes(f.uncompressedBytes - (r.stages[f.stage]?.base.uncompressedBytes ?? 0))}` : `$(package) ≈ ${formatBytes(f.uncompressedBytes)}`;
  const lines = [
    `Final image (estimate, ${r.arch}): ≈ ${formatBytes(f.uncompressedBytes)} uncompressed, ≈ ${formatBytes(f.compressedBytes)} download (${formatBytes(f.low)}–${formatBytes(f.high)})`,
  ];
  if (f.unknownBase) lines.push('The base image is not in the size table: the figure is only what the Dockerfile adds.');
  if (r.discardedBytes > 0) lines.push(`Build stages discarded: ≈ ${formatBytes(r.discardedBytes)} compressed.`);
  if (r.converted && r.stages.length === 1) lines.push(`As a multi-stage build: ≈ ${formatBytes(r.converted.uncompressedBytes)}.`);
  lines.push('Click for the breakdown.');
  return { text, tooltip: lines.join('\n') };
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A cancelled request: VS Code's CancellationError, or LSP's RequestCancelled / ContentModified / ServerCancelled. */
export function isCancellation(e: unknown): boolean {
  if (e instanceof vscode.CancellationError) return true;
  const code = (e as { code?: unknown } | undefined)?.code;
  return code === -32800 || code === -32801 || code === -32802;
}

export const sizeStatusBar: ClientFeature = {
  name: 'sizeStatusBar',
  activate(ctx: ClientContext) {
    const item = vscode.window.createStatusBarItem('dockerfileStages.size', vscode.StatusBarAlignment.Right, 100);
    item.name = 'Dockerfile image size';
    item.command = Commands.showSizeBreakdown;
    let generation = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const enabled = (doc: vscode.TextDocument) => vscode.workspace.getConfiguration(SETTINGS_SECTION, doc.uri).get<boolean>('size.statusBar', defaultSettings.size.statusBar);
    const update = async () => {
      const editor = vscode.window.activeTextEditor;
      const doc = editor?.document;
      const mine = ++generation;
      if (!doc || doc.languageId !== LANGUAGE_ID || !enabled(doc)) {
        item.hide();
        return;
      }
      try {
        await ctx.ready();
        const client = ctx.client();
        if (!client) return;
        const r = await client.sendRequest<EstimateResult | null>(EstimateRequest, { textDocument: { uri: doc.uri.toString() } });
        if (mine !== generation) return;
        const s = r ? statusText(r) : undefined;
        if (!s) {
          item.hide();
          return;
        }
        item.text = s.text;
        item.tooltip = s.tooltip;
        item.command = { title: 'Show image size breakdown', command: Commands.showSizeBreakdown, arguments: [doc.uri.toString()] };
        item.show();
      } catch (e) {
        // A request the server cancelled (the document changed meanwhile) is expected, not worth a warning.
        if (isCancellation(e)) ctx.log.trace(`size status: ${describe(e)}`);
        else ctx.log.warn(`size status: ${describe(e)}`);
      }
    };
    // Debounced on typing: the estimate follows the document version.
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void update(), 300);
    };
    void update();
    return [
      item,
      { dispose: () => timer && clearTimeout(timer) },
      vscode.window.onDidChangeActiveTextEditor(() => void update()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.size`)) void update();
      }),
    ];
  },
};
