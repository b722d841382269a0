import * as path from 'node:path';
import { formatSize, type Arch, type DockerfileModel, type ImageEstimate, type SizeFigure, type SizeReport, type StageEstimate } from '../../core';
import type { Command } from '../command';
import { settingsFor } from '../config';
import { colour, ExitCode, oneOf, out, packageVersion, parseCommandArgs, platformOption, readInput, single, UsageError, type Input } from '../io';
import { toSarif } from '../sarif';
import { absolutePath, cliService, hostArch, inputDocument } from '../service';
import { budgetDiagnostic, budgetMessage, checkBudget, compareEstimates, comparisonText, markdownReport, parseSize, readAtRevision, type BudgetCheck, type SizeComparison } from '../sizeBudget';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
const ARCHES = ['amd64', 'arm64'] as const;

const fig = (f: SizeFigure) => ({
  compressedBytes: f.compressedBytes,
  uncompressedBytes: f.uncompressedBytes,
  low: f.low,
  high: f.high,
  uncompressedLow: f.uncompressedLow,
  uncompressedHigh: f.uncompressedHigh,
});

/** The JSON the command prints: `final` and `stages[]` (with `discarded`), byte figures as numbers. */
export function estimateJson(file: string, est: ImageEstimate, contextMeasured: boolean) {
  return {
    file,
    arch: est.arch,
    contextMeasured,
    final: est.final ? { stage: est.final.stage, ...fig(est.final), unknownBase: est.final.unknownBase } : null,
    discardedBytes: est.discardedBytes,
    stages: est.stages.map((s) => ({
      index: s.index,
      name: s.name ?? null,
      line: s.line + 1,
      ...fig(s),
      discarded: s.discarded,
      isFinal: s.isFinal,
      reachable: s.reachable,
      unknownBase: s.unknownBase,
      base: { text: s.base.text, source: s.base.source, note: s.base.note, ...fig(s.base) },
      layers: s.layers.map((l) => ({
        line: l.line + 1,
        instruction: l.summary,
        ...fig(l),
        items: l.items.map((i) => ({ label: i.label, category: i.category, basis: i.basis, removed: i.removed ?? false, ...fig(i) })),
      })),
      notes: s.notes,
    })),
    notes: est.notes,
  };
}

function range(f: SizeFigure): string {
  return `${formatSize(f.low)}–${formatSize(f.high)}`;
}

function stageTitle(s: StageEstimate): string {
  const name = s.name ? `"${s.name}"` : `${s.index}`;
  const role = s.isFinal ? colour.green('final: ships') : s.discarded ? colour.dim(s.reachable ? 'build stage: discarded' : 'unused: not built') : 'base of the final image';
  return `stage ${name} (line ${s.line + 1}, FROM ${s.base.text})  ${role}`;
}

export const estimate: Command = {
  summary: 'estimate image sizes before building: each stage, the final image, what is discarded',
  usage: 'dockerfile-stages estimate FILE [--format text|json|markdown|sarif] [--arch amd64|arm64] [--max-size SIZE] [--compare REF]',
  options: [
    'FILE                 a Dockerfile, or - for stdin (the build context is then not measured)',
    '--format FORMAT      text (default); json: { final, stages[], ... } with compressedBytes,',
    '                     uncompressedBytes, low/high (compressed range), uncompressedLow/High; stages add discarded;',
    '                     markdown: a table for a pull-request comment; sarif: a result on the final FROM per budget exceeded',
    '--max-size SIZE      exit 1 when the final image may exceed SIZE (the upper end of the uncompressed estimate,',
    '                     as docker images shows it), e.g. 200MB, 1.5GB, 300MiB',
    '--max-download-size SIZE  the same for the compressed (download) size',
    '--compare REF        per-stage and final size changes against the file at a git revision (git show REF:FILE)',
    '--arch ARCH          amd64 or arm64 base-image sizes (default: this machine\'s)',
    '--context DIR        the build context (default: the Dockerfile\'s directory)',
    '--target STAGE       the stage to treat as the build target (default: the config\'s, else the last stage)',
    '--platform P         the target platform TARGETARCH/TARGETOS... resolve from (default: the config\'s, else linux/amd64)',
    '--no-config          ignore .dockerfile-stages.json files',
    'Exit: 0 estimated (within every budget given), 1 a budget exceeded, 2 usage or input error (a size that is',
    'not one, an unknown revision, git missing, an unreadable file).',
  ],
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' },
      arch: { type: 'string' },
      context: { type: 'string' },
      target: { type: 'string' },
      'max-size': { type: 'string' },
      'max-download-size': { type: 'string' },
      compare: { type: 'string' },
      platform: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
    });
    const maxSize = values['max-size'] === undefined ? undefined : parseSize('--max-size', values['max-size']);
    const maxDownload = values['max-download-size'] === undefined ? undefined : parseSize('--max-download-size', values['max-download-size']);
    const format = oneOf('format', values.format, FORMATS);
    const platformArch = values.platform === undefined ? undefined : platformOption(values.platform)?.split('/')[1];
    // --platform linux/arm64 without --arch estimates arm64 sizes.
    const arch = values.arch !== undefined ? oneOf('arch', values.arch, ARCHES) : platformArch && (ARCHES as readonly string[]).includes(platformArch) ? (platformArch as (typeof ARCHES)[number]) : hostArch();
    const input = await readInput(single(positionals));
    if (values.compare !== undefined && input.stdin) throw new UsageError('--compare needs a FILE in a git repository, not stdin');
    const { settings } = await settingsFor(input.stdin ? '-' : input.path, { noConfig: values['no-config'] });
    const target = values.target ?? settings.target;
    const platform = platformOption(values.platform) ?? settings.platform;
    const estimated = await estimateInput(input, { arch, contextDir: values.context, modelOptions: { target: target || undefined, platform: platform || undefined }, compare: values.compare });
    const est = estimated.report.estimate;
    const budgets: BudgetCheck[] = [];
    for (const [kind, budget] of [['image', maxSize], ['download', maxDownload]] as const) {
      const check = budget === undefined ? undefined : checkBudget(est, kind, budget);
      if (check) budgets.push(check);
    }
    const exit = budgets.some((b) => b.exceeded) ? ExitCode.findings : ExitCode.ok;
    out(formatEstimate(format, input.path, estimated, budgets));
    return exit;
  },
};

interface Estimated {
  report: SizeReport;
  model: DockerfileModel;
  comparison?: SizeComparison;
}

/** The service's estimate of the input against its build context (--context, else its folder; none for stdin), and of its version at --compare. */
async function estimateInput(input: Input, options: { arch: Arch; contextDir?: string; modelOptions: { target?: string; platform?: string }; compare?: string }): Promise<Estimated> {
  const service = cliService();
  const doc = inputDocument(input);
  const dir = options.contextDir ? absolutePath(options.contextDir) : input.stdin ? undefined : absolutePath(path.dirname(input.path));
  const context = dir ? { dir, dockerfilePath: input.stdin ? undefined : absolutePath(input.path) } : (false as const);
  service.configureDocument(doc.uri, options.modelOptions);
  const report = await service.estimate(doc, { arch: options.arch, context });
  if (options.compare === undefined) return { report, model: service.model(doc) };
  // The old file is estimated against today's build context (the context at REF is not checked out).
  const oldText = await readAtRevision(input.path, options.compare);
  const old = oldText === undefined ? undefined : { uri: `${doc.uri}#${options.compare}`, version: 0, text: oldText };
  if (old) service.configureDocument(old.uri, options.modelOptions);
  const before = old ? (await service.estimate(old, { arch: options.arch, context })).estimate : undefined;
  return { report, model: service.model(doc), comparison: compareEstimates(options.compare, before, report.estimate) };
}

function formatEstimate(format: (typeof FORMATS)[number], file: string, estimated: Estimated, budgets: BudgetCheck[]): string {
  const { report, comparison } = estimated;
  const est = report.estimate;
  if (format === 'json') {
    const budgetJson = budgets.map((b) => ({ kind: b.kind, budgetBytes: b.budget, upperBytes: b.upper, exceeded: b.exceeded, message: budgetMessage(b) }));
    return JSON.stringify({ ...estimateJson(file, est, report.contextMeasured), budgets: budgetJson, compare: comparison ?? null }, null, 2);
  }
  if (format === 'sarif') {
    const diagnostics = budgets.filter((b) => b.exceeded).map((b) => budgetDiagnostic(b, estimated.model));
    return JSON.stringify(toSarif([{ path: file, diagnostics }], packageVersion()), null, 2);
  }
  if (format === 'markdown') return markdownReport(file, est, budgets, comparison);
  return textReport(file, report, budgets, comparison);
}

function textReport(file: string, report: SizeReport, budgets: BudgetCheck[], comparison: SizeComparison | undefined): string {
  const est = report.estimate;
  const lines: string[] = [];
  lines.push(colour.bold(`${file} (${report.arch})`));
  for (const s of est.stages) {
    lines.push('', stageTitle(s));
    lines.push(`  \u2248 ${formatSize(s.uncompressedBytes)} uncompressed, \u2248 ${formatSize(s.compressedBytes)} compressed (${range(s)})${s.unknownBase ? colour.yellow('  base unknown: only what the stage adds') : ''}`);
    lines.push(colour.dim(`  base ${s.base.text}: ${s.base.source === 'scratch' ? '0 B' : `\u2248 ${formatSize(s.base.compressedBytes)} compressed`} \u2014 ${s.base.note}`));
    const largest = [...s.layers].sort((a, b) => b.compressedBytes - a.compressedBytes);
    for (const l of s.layers) {
      const big = largest.indexOf(l) < 3 && l.compressedBytes >= 1_000_000;
      const text = `  line ${String(l.line + 1).padEnd(4)} + ${formatSize(l.compressedBytes).padStart(7)}  ${l.summary}`;
      lines.push(big ? text : colour.dim(text));
    }
    for (const n of s.notes) lines.push(colour.yellow(`  note: ${n}`));
  }
  lines.push('');
  if (est.final) {
    lines.push(colour.bold(`final image: \u2248 ${formatSize(est.final.uncompressedBytes)} (docker images), \u2248 ${formatSize(est.final.compressedBytes)} download (${range(est.final)})${est.final.unknownBase ? ' \u2014 base unknown: only what the Dockerfile adds' : ''}`));
    if (est.discardedBytes > 0) lines.push(`discarded build stages: \u2248 ${formatSize(est.discardedBytes)} compressed, not shipped`);
  } else lines.push('no FROM: nothing to estimate');
  if (!report.contextMeasured) lines.push(colour.dim('build context not measured (stdin): COPY/ADD from the context use a wide default'));
  for (const b of budgets) lines.push(b.exceeded ? colour.red(`over budget: ${budgetMessage(b)}`) : colour.green(`within budget: ${budgetMessage(b)}`));
  if (comparison) lines.push('', comparisonText(comparison));
  return lines.join('\n');
}
