/**
 * Size budgets and size diffs for CI (`estimate --max-size`, `--max-download-size`, `--compare REF`,
 * `--format markdown|sarif`): parsing a size, reading the Dockerfile at a git revision (`git show`, here in
 * the CLI layer, never in the core), per-stage and final deltas, and their text, Markdown and SARIF forms.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { formatSize, type DockerfileModel, type ImageEstimate, type StageEstimate } from '../core';
import { InputError, UsageError } from './io';
import { PROJECT_URI } from './rules';

const UNITS: Record<string, number> = { b: 1, kb: 1e3, k: 1e3, mb: 1e6, m: 1e6, gb: 1e9, g: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `200MB`, `1.5 GB`, `300MiB`, `2G`, `150000000` (bytes): decimal units as `docker images` shows them, binary with `iB`. */
export function parseSize(option: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] || 'b').toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`${option} '${text}' is not a size (examples: 200MB, 1.5GB, 300MiB, 150000000)`);
  return Math.round(Number(m[1]) * unit);
}

export type BudgetKind = 'image' | 'download';

export interface BudgetCheck {
  kind: BudgetKind;
  budget: number;
  /** The upper end of the final image's estimate that is compared with the budget. */
  upper: number;
  exceeded: boolean;
  stage: StageEstimate;
}

/** Checks the final image's upper estimate (uncompressed for `image`, compressed for `download`) against a budget. */
export function checkBudget(est: ImageEstimate, kind: BudgetKind, budget: number): BudgetCheck | undefined {
  if (!est.final) return undefined;
  const stage = est.stages[est.final.stage];
  const upper = kind === 'image' ? est.final.uncompressedHigh : est.final.high;
  return { kind, budget, upper, exceeded: upper > budget, stage };
}

export function budgetMessage(c: BudgetCheck): string {
  const what = c.kind === 'image' ? 'final image size (uncompressed, as docker images shows it)' : 'final image download size (compressed)';
  const stage = c.stage.name ? `stage '${c.stage.name}'` : `stage ${c.stage.index}`;
  return c.exceeded
    ? `The estimated ${what} of ${stage} may reach ${formatSize(c.upper)}, over the budget of ${formatSize(c.budget)} (by ${formatSize(c.upper - c.budget)})`
    : `The estimated ${what} of ${stage} stays within the budget of ${formatSize(c.budget)} (at most ${formatSize(c.upper)})`;
}

/** The SARIF/LSP-shaped diagnostic of an exceeded budget: on the final stage's FROM. */
export function budgetDiagnostic(c: BudgetCheck, model: DockerfileModel): Diagnostic {
  const from = model.stages[c.stage.index]?.from;
  const range: Range = from ? from.getRange() : { start: { line: c.stage.line, character: 0 }, end: { line: c.stage.line, character: 4 } };
  return {
    range,
    severity: DiagnosticSeverity.Error,
    code: c.kind === 'image' ? 'size-budget' : 'download-size-budget',
    codeDescription: { href: `${PROJECT_URI}#size-budgets-and-size-diffs-in-ci` },
    source: 'dockerfile-stages',
    message: budgetMessage(c),
  };
}

/**
 * The Dockerfile as it was at a git revision: `git show REF:./<name>` run in the file's folder, so the path is
 * the file's own whatever the repository's root. Undefined when the file did not exist at that revision; an
 * InputError when git is missing, the folder is not a repository or the revision is unknown.
 */
export function readAtRevision(file: string, ref: string): Promise<string | undefined> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const spec = `${ref}:./${path.basename(abs)}`;
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', dir, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { encoding: 'utf8' }, (revErr) => {
      if (revErr) {
        const missingGit = (revErr as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new InputError(missingGit ? '--compare needs git, which is not on the PATH' : `--compare: '${ref}' is not a revision of the git repository holding ${file}`));
        return;
      }
      execFile('git', ['-C', dir, 'show', spec], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if (/does not exist|exists on disk, but not in/.test(stderr)) return resolve(undefined);
        reject(new InputError(`--compare: git show ${spec} failed: ${stderr.trim() || err.message}`));
      });
    });
  });
}

export interface SizeRow {
  /** The stage's name, or its index when unnamed; `final image` / `download` for the summary rows. */
  label: string;
  before?: number;
  after?: number;
  /** after - before; undefined when one side is missing. */
  delta?: number;
}

export interface SizeComparison {
  ref: string;
  /** Per stage, uncompressed (what `docker images` shows); stages matched by name, unnamed ones by index. */
  stages: SizeRow[];
  finalImage: SizeRow;
  finalDownload: SizeRow;
  /** The file did not exist at the revision. */
  newFile: boolean;
}

const stageKey = (s: StageEstimate) => (s.name ? `name:${s.name.toLowerCase()}` : `index:${s.index}`);
const stageLabel = (s: StageEstimate) => `${s.name ?? `stage ${s.index}`}${s.isFinal ? ' (final)' : ''}`;

function row(label: string, before: number | undefined, after: number | undefined): SizeRow {
  return { label, before, after, delta: before !== undefined && after !== undefined ? after - before : undefined };
}

export function compareEstimates(ref: string, before: ImageEstimate | undefined, after: ImageEstimate): SizeComparison {
  const old = new Map((before?.stages ?? []).map((s) => [stageKey(s), s]));
  const stages: SizeRow[] = [];
  for (const s of after.stages) {
    const o = old.get(stageKey(s));
    old.delete(stageKey(s));
    stages.push(row(stageLabel(s), o?.uncompressedBytes, s.uncompressedBytes));
  }
  for (const o of old.values()) stages.push(row(`${o.name ?? `stage ${o.index}`} (removed)`, o.uncompressedBytes, undefined));
  return {
    ref,
    stages,
    finalImage: row('final image', before?.final?.uncompressedBytes, after.final?.uncompressedBytes),
    finalDownload: row('download (compressed)', before?.final?.compressedBytes, after.final?.compressedBytes),
    newFile: !before,
  };
}

export function formatDelta(r: SizeRow): string {
  if (r.delta === undefined) return r.before === undefined ? 'new' : 'removed';
  if (r.delta === 0) return '0 B';
  const sign = r.delta > 0 ? '+' : '-';
  const pct = r.before ? ` (${sign}${Math.abs((r.delta / r.before) * 100).toFixed(Math.abs(r.delta / r.before) < 0.1 ? 1 : 0)} %)` : '';
  return `${sign}${formatSize(Math.abs(r.delta))}${pct}`;
}

const cell = (n: number | undefined) => (n === undefined ? '-' : formatSize(n));

export function comparisonText(c: SizeComparison): string {
  const rows = [...c.stages, c.finalImage, c.finalDownload];
  const width = Math.max(12, ...rows.map((r) => r.label.length)) + 2;
  const lines = [`size change against ${c.ref}${c.newFile ? ' (the file is new: it did not exist there)' : ''}; stage sizes uncompressed, as docker images shows them`];
  lines.push(`${'stage'.padEnd(width)}${'before'.padStart(10)}${'after'.padStart(10)}  change`);
  for (const r of rows) {
    if (r === c.finalImage) lines.push('');
    lines.push(`${r.label.padEnd(width)}${cell(r.before).padStart(10)}${cell(r.after).padStart(10)}  ${formatDelta(r)}`);
  }
  return lines.join('\n');
}

const md = (s: string) => s.replace(/[|\\`*_[\]<>]/g, (ch) => `\\${ch}`);

/** A Markdown report for a pull-request comment: the final image, the budget, each stage, the change against REF. */
export function markdownReport(file: string, est: ImageEstimate, budgets: BudgetCheck[], comparison: SizeComparison | undefined): string {
  const lines: string[] = [`### Image size estimate: \`${file.replace(/`/g, "'")}\` (${est.arch})`, ''];
  if (est.final) {
    lines.push(`Final image: **\u2248 ${formatSize(est.final.uncompressedBytes)}** (${formatSize(est.final.uncompressedLow)}\u2013${formatSize(est.final.uncompressedHigh)}), download \u2248 ${formatSize(est.final.compressedBytes)}${est.final.unknownBase ? ' (includes an unknown base image: a fallback range)' : ''}.`);
  } else lines.push('No FROM: nothing to estimate.');
  for (const b of budgets) lines.push('', `${b.exceeded ? '**Over budget:**' : 'Within budget:'} ${md(budgetMessage(b))}.`);
  lines.push('');
  if (comparison) {
    lines.push(`| Stage | ${md(comparison.ref)} | This change | Change |`, '|---|---:|---:|---:|');
    for (const r of [...comparison.stages, comparison.finalImage, comparison.finalDownload]) {
      const bold = r === comparison.finalImage;
      const label = bold ? `**${md(r.label)}**` : md(r.label);
      lines.push(`| ${label} | ${cell(r.before)} | ${cell(r.after)} | ${bold ? `**${formatDelta(r)}**` : formatDelta(r)} |`);
    }
    if (comparison.newFile) lines.push('', `The Dockerfile did not exist at ${md(comparison.ref)}.`);
  } else {
    lines.push('| Stage | Role | Image size | Download |', '|---|---|---:|---:|');
    for (const s of est.stages) {
      const role = s.isFinal ? 'ships' : s.reachable ? 'build stage, discarded' : 'not built';
      lines.push(`| ${md(s.name ?? `stage ${s.index}`)} | ${role} | \u2248 ${formatSize(s.uncompressedBytes)} | \u2248 ${formatSize(s.compressedBytes)} |`);
    }
  }
  lines.push('', '<sub>Estimated before building by dockerfile-stages: base images from an embedded table, packages and build steps from the Dockerfile. Stage sizes are uncompressed, as docker images shows them.</sub>');
  return lines.join('\n');
}
