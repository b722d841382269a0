/**
 * `Dockerfile Stages: Show image size breakdown` (issue 6): a webview with the estimate of the active
 * Dockerfile — each stage as a bar of its base and largest layers, what ships (the final image) versus what
 * is discarded (build stages), ranges and the basis of every figure. Themed with VS Code's colours (CSS
 * variables), no remote assets, a strict CSP (nonce'd style and script only). Follows edits while open;
 * clicking a layer reveals its line.
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../../../common/ids';
import { EstimateRequest, type EstimateResult, type SizeStageInfo } from '../../../common/protocol';
import type { ClientContext, ClientFeature } from './feature';
import { formatBytes, isCancellation } from './sizeStatusBar';

const VIEW_TYPE = 'dockerfileStages.sizeBreakdown';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

interface Segment {
  label: string;
  /** Compressed (the bar's scale: what a registry stores and a pull downloads). */
  bytes: number;
  uncompressedBytes: number;
  kind: 'base' | 'layer' | 'other';
  line?: number;
  title: string;
}

/** The segments of a stage's bar: its base, its five largest layers, the rest together. */
function segments(s: SizeStageInfo, stageName: (i: number) => string): Segment[] {
  const out: Segment[] = [];
  const baseLabel = s.base.source === 'stage' && s.base.stage !== undefined ? `FROM ${stageName(s.base.stage)}` : `base ${s.base.text}`;
  out.push({ label: baseLabel, bytes: s.base.compressedBytes, uncompressedBytes: s.base.uncompressedBytes, kind: 'base', title: `${baseLabel}: ≈ ${formatBytes(s.base.compressedBytes)} (${formatBytes(s.base.low)}–${formatBytes(s.base.high)}) — ${s.base.note}` });
  const layers = [...s.layers].sort((a, b) => b.compressedBytes - a.compressedBytes);
  for (const l of layers.slice(0, 5)) {
    if (l.compressedBytes <= 0) continue;
    const basis = [...new Set(l.items.filter((i) => !i.removed).map((i) => i.basis))].join('; ');
    out.push({ label: `line ${l.line + 1}: ${l.summary}`, bytes: l.compressedBytes, uncompressedBytes: l.uncompressedBytes, kind: 'layer', line: l.line, title: `line ${l.line + 1}: ${l.summary} — ≈ ${formatBytes(l.compressedBytes)} (${formatBytes(l.low)}–${formatBytes(l.high)}); ${basis}` });
  }
  const rest = layers.slice(5).reduce((n, l) => n + l.compressedBytes, 0);
  const restUncompressed = layers.slice(5).reduce((n, l) => n + l.uncompressedBytes, 0);
  if (rest > 0) out.push({ label: `${layers.length - 5} more layers`, bytes: rest, uncompressedBytes: restUncompressed, kind: 'other', title: `${layers.length - 5} smaller layers: ≈ ${formatBytes(rest)}` });
  return out;
}

/**
 * A stage's figures, both labelled; the uncompressed one first, as the CodeLens puts it (`≈ 18 MB final image`),
 * and for an unknown base the lens's own words: `base unknown · adds ≈ X`.
 */
function figures(s: SizeStageInfo): string {
  const range = `${esc(formatBytes(s.low))}–${esc(formatBytes(s.high))}`;
  if (s.unknownBase) {
    const added = Math.max(0, s.uncompressedBytes - s.base.uncompressedBytes);
    const addedCompressed = Math.max(0, s.compressedBytes - s.base.compressedBytes);
    return `<span class="warn">base unknown</span> · adds ≈ <strong>${esc(formatBytes(added))}</strong> uncompressed · ≈ <strong>${esc(formatBytes(addedCompressed))}</strong> compressed`;
  }
  return `≈ <strong>${esc(formatBytes(s.uncompressedBytes))}</strong> uncompressed · ≈ <strong>${esc(formatBytes(s.compressedBytes))}</strong> compressed (${range})`;
}

/**
 * Where the base's figure comes from: when it is another tag's (the nearest version the size table has, the
 * estimate's `approximateFrom`), that tag first, as the lens marks it (`base ≈ rust:1-bookworm`); then the note.
 */
function basis(s: SizeStageInfo): string {
  const from = (s.base as { approximateFrom?: string }).approximateFrom;
  const head = from ? `base ${esc(s.base.text)} sized ≈ from <strong>${esc(from)}</strong> (the nearest tag with data)` : `base ${esc(s.base.text)}`;
  return `${head}: ${esc(s.base.note)}`;
}

const COLOURS = ['seg-a', 'seg-b', 'seg-c', 'seg-d', 'seg-e', 'seg-f'];
const BAR_WIDTH = 600;

/** One stage's section: its figures, the bar of its segments (scaled to the largest stage, `max`) and their table. */
function stageSection(s: SizeStageInfo, stageName: (i: number) => string, max: number): string {
  const W = BAR_WIDTH;
  const colours = COLOURS;
  let x = 0;
  const segs = segments(s, stageName);
  const rects = segs
    .map((seg, i) => {
      const w = Math.max(seg.bytes > 0 ? 1 : 0, (seg.bytes / max) * W);
      const cls = seg.kind === 'base' ? 'seg-base' : seg.kind === 'other' ? 'seg-other' : colours[(i - 1) % colours.length];
      const rect = `<rect class="${cls}${seg.line !== undefined ? ' clickable' : ''}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="22"${seg.line !== undefined ? ` data-line="${seg.line}"` : ''}><title>${esc(seg.title)}</title></rect>`;
      x += w;
      return rect;
    })
    .join('');
  // A table, not a clipped list: every label in full, both figures labelled by the header row.
  const legend = segs
    .map((seg, i) => {
      const cls = seg.kind === 'base' ? 'seg-base' : seg.kind === 'other' ? 'seg-other' : colours[(i - 1) % colours.length];
      return `<tr${seg.line !== undefined ? ` class="clickable" data-line="${seg.line}"` : ''} title="${esc(seg.title)}"><td class="swatch"><svg width="10" height="10" aria-hidden="true"><rect class="${cls}" width="10" height="10"/></svg></td><td class="what">${esc(seg.label)}</td><td class="size">${esc(formatBytes(seg.bytes))}</td><td class="size">${esc(formatBytes(seg.uncompressedBytes))}</td></tr>`;
    })
    .join('');
  const role = s.isFinal ? '<span class="badge ships">ships</span>' : s.discarded ? `<span class="badge discarded">${s.reachable ? 'discarded' : 'unused'}</span>` : '<span class="badge">base of the final image</span>';
  const notes = s.notes.length ? `<ul class="notes">${s.notes.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : '';
  return `<section class="stage${s.discarded ? ' is-discarded' : ''}">
  <h3><span class="clickable" data-line="${s.line}">${esc(s.name ? s.name : `stage ${s.index}`)}</span> ${role}</h3>
  <p class="figures">${figures(s)}</p>
  <p class="basis">${basis(s)}</p>
  <svg class="bar" viewBox="0 0 ${W} 22" width="100%" height="22" role="img" aria-label="${esc(`${s.name ?? `stage ${s.index}`}: ${formatBytes(s.compressedBytes)} compressed`)}">${rects}</svg>
  <table class="legend"><thead><tr><th></th><th class="what">bar (compressed scale)</th><th class="size">compressed</th><th class="size">uncompressed</th></tr></thead><tbody>${legend}</tbody></table>${notes}
</section>`;
}

/** The final image's figures (or why there are none). */
function summaryLine(r: EstimateResult): string {
  const fin = r.final;
  return fin
    ? `<p class="summary">Final image (${esc(r.arch)}): ≈ <strong>${esc(formatBytes(fin.uncompressedBytes))}</strong> uncompressed (docker images) · ≈ <strong>${esc(formatBytes(fin.compressedBytes))}</strong> compressed (download), range ${esc(formatBytes(fin.low))}–${esc(formatBytes(fin.high))}${r.discardedBytes > 0 ? ` · build stages discarded: ≈ ${esc(formatBytes(r.discardedBytes))} compressed` : ''}${r.converted && r.stages.length === 1 ? ` · as a multi-stage build: ≈ ${esc(formatBytes(r.converted.uncompressedBytes))} uncompressed` : ''}</p>`
    : '<p class="summary">No FROM: nothing to estimate.</p>';
}

const BREAKDOWN_CSS = `  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.2em 1.2em; }
  h2 { font-weight: 600; margin: 1em 0 0.3em; }
  h3 { font-weight: 600; margin: 0 0 0.2em; }
  section.stage { border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); border-radius: 4px; padding: 0.6em 0.8em; margin: 0.6em 0; }
  section.is-discarded { opacity: 0.8; border-style: dashed; }
  .figures, .summary, .hint { margin: 0.2em 0 0.5em; }
  .hint, .notes, .basis { color: var(--vscode-descriptionForeground); }
  .basis { margin: 0 0 0.4em; font-size: 0.92em; }
  .warn { color: var(--vscode-editorWarning-foreground); }
  .badge { font-size: 0.8em; font-weight: normal; padding: 0 0.5em; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
  .badge.ships { background: var(--vscode-charts-green); color: var(--vscode-editor-background); }
  .badge.discarded { background: var(--vscode-disabledForeground); color: var(--vscode-editor-background); }
  .bar { display: block; background: var(--vscode-input-background); border-radius: 2px; }
  .legend { border-collapse: collapse; margin: 0.4em 0 0; width: 100%; }
  .legend th { font-weight: normal; color: var(--vscode-descriptionForeground); text-align: left; padding: 0 0.4em 0.2em; }
  .legend td { padding: 0.1em 0.4em; vertical-align: top; }
  .legend td.what { overflow-wrap: anywhere; width: 100%; }
  .legend .swatch { width: 10px; padding-top: 0.35em; }
  .size { white-space: nowrap; text-align: right !important; font-variant-numeric: tabular-nums; }
  .clickable { cursor: pointer; }
  .clickable:hover { text-decoration: underline; }
  .seg-base { fill: var(--vscode-charts-foreground); opacity: 0.55; }
  .seg-a { fill: var(--vscode-charts-blue); }
  .seg-b { fill: var(--vscode-charts-orange); }
  .seg-c { fill: var(--vscode-charts-purple); }
  .seg-d { fill: var(--vscode-charts-yellow); }
  .seg-e { fill: var(--vscode-charts-red); }
  .seg-f { fill: var(--vscode-charts-green); }
  .seg-other { fill: var(--vscode-charts-lines); }
  rect { stroke: var(--vscode-editor-background); stroke-width: 1; }
`;

/** The whole page (exported for tests). */
export function renderBreakdown(r: EstimateResult, fileName: string, cspSource: string, n = nonce()): string {
  const stageName = (i: number) => {
    const s = r.stages[i];
    return s?.name ? s.name : `stage ${i}`;
  };
  const max = Math.max(1, ...r.stages.map((s) => s.compressedBytes));
  const stageBlock = (s: SizeStageInfo) => stageSection(s, stageName, max);
  const shipping = r.stages.filter((s) => !s.discarded);
  const discarded = r.stages.filter((s) => s.discarded);
  const summary = summaryLine(r);
  const context = r.contextMeasured ? '' : '<p class="hint">The build context was not measured (untrusted or virtual workspace): COPY/ADD from it use a wide default.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Image size: ${esc(fileName)}</title>
<style nonce="${n}">
${BREAKDOWN_CSS}</style>
</head>
<body>
<h2>Image size estimate — ${esc(fileName)}</h2>
${summary}
${context}
<h2>Ships</h2>
${shipping.map(stageBlock).join('\n') || '<p class="hint">No stage ships.</p>'}
${discarded.length ? `<h2>Discarded</h2>\n${discarded.map(stageBlock).join('\n')}` : ''}
${r.notes.length ? `<ul class="notes">${r.notes.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : ''}
<p class="hint">Estimates before building. Compressed: what a registry stores and a pull downloads (the bars' scale); uncompressed: what <code>docker images</code> shows (the CodeLens's first figure). Base sizes from docker-library/repo-info (or the registry, when enabled), layers from the instructions. Hover a bar for what each figure rests on.</p>
<script nonce="${n}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (e) => {
    const el = e.target.closest('[data-line]');
    if (el) vscode.postMessage({ type: 'reveal', line: Number(el.getAttribute('data-line')) });
  });
</script>
</body>
</html>`;
}

export const sizeBreakdown: ClientFeature = {
  name: 'sizeBreakdown',
  activate(ctx: ClientContext) {
    let panel: vscode.WebviewPanel | undefined;
    let shownUri: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const documentFor = (uri?: unknown): vscode.TextDocument | undefined => {
      const wanted = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : undefined;
      if (wanted) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === wanted);
      const active = vscode.window.activeTextEditor?.document;
      return active?.languageId === LANGUAGE_ID ? active : undefined;
    };

    const render = async (doc: vscode.TextDocument): Promise<EstimateResult | undefined> => {
      await ctx.ready();
      const client = ctx.client();
      if (!client || !panel) return undefined;
      const r = await client.sendRequest<EstimateResult | null>(EstimateRequest, { textDocument: { uri: doc.uri.toString() } });
      if (!panel || !r) return undefined;
      const name = doc.uri.path.split('/').pop() ?? doc.uri.toString();
      panel.title = `Image size: ${name}`;
      panel.webview.html = renderBreakdown(r, name, panel.webview.cspSource);
      return r;
    };

    /** Returns what it showed (for tests and other extensions): the panel title and the final size. */
    const show = async (uri?: unknown): Promise<{ shown: boolean; title?: string; finalBytes?: number }> => {
      const doc = documentFor(uri);
      if (!doc) {
        void vscode.window.showInformationMessage('Open a Dockerfile to see its image size breakdown.');
        return { shown: false };
      }
      shownUri = doc.uri.toString();
      if (!panel) {
        panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Image size', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
        panel.onDidDispose(() => {
          panel = undefined;
          shownUri = undefined;
        });
        panel.webview.onDidReceiveMessage(async (m: { type?: string; line?: number }) => {
          if (m?.type !== 'reveal' || typeof m.line !== 'number' || !shownUri) return;
          const target = vscode.workspace.textDocuments.find((d) => d.uri.toString() === shownUri);
          if (!target) return;
          const editor = await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
          const pos = new vscode.Position(m.line, 0);
          editor.selection = new vscode.Selection(pos, pos);
          editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        });
      } else panel.reveal(undefined, true);
      try {
        const r = await render(doc);
        return { shown: true, title: panel?.title, finalBytes: r?.final?.uncompressedBytes };
      } catch (e) {
        if (!isCancellation(e)) ctx.log.error(`size breakdown: ${e instanceof Error ? e.message : String(e)}`);
        return { shown: true, title: panel?.title };
      }
    };

    return [
      vscode.commands.registerCommand(Commands.showSizeBreakdown, show),
      // The view follows the active editor: another Dockerfile brought to the front is shown in it.
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const doc = editor?.document;
        if (!panel || !doc || doc.languageId !== LANGUAGE_ID || doc.uri.toString() === shownUri) return;
        shownUri = doc.uri.toString();
        void render(doc).catch((e) => (isCancellation(e) ? undefined : ctx.log.warn(`size breakdown: ${e instanceof Error ? e.message : String(e)}`)));
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!panel || e.document.uri.toString() !== shownUri) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void render(e.document).catch(() => undefined), 400);
      }),
      { dispose: () => { if (timer) clearTimeout(timer); panel?.dispose(); } },
    ];
  },
};
