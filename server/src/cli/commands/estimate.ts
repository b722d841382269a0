import * as path from 'node:path';
import { Arch, buildModel, estimateImage, formatSize, measureContext, type ContextMeasurements, type ImageEstimate, type SizeFigure, type StageEstimate } from '../../core';
import { NodeFileSystemHost } from '../../node/nodeHost';
import type { Command } from '../command';
import { settingsFor } from '../config';
import { colour, oneOf, out, parseCommandArgs, platformOption, readInput, single } from '../io';

const FORMATS = ['text', 'json'] as const;
const ARCHES = ['amd64', 'arm64'] as const;

function hostArch(): Arch {
  return process.arch === 'arm64' ? 'arm64' : 'amd64';
}

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
  usage: 'dockerfile-stages estimate FILE [--format text|json] [--arch amd64|arm64]',
  options: [
    'FILE                 a Dockerfile, or - for stdin (the build context is then not measured)',
    '--format FORMAT      text (default); json: { final, stages[], ... } with compressedBytes,',
    '                     uncompressedBytes, low/high (compressed range), uncompressedLow/High; stages add discarded',
    '--arch ARCH          amd64 or arm64 base-image sizes (default: this machine\'s)',
    '--context DIR        the build context (default: the Dockerfile\'s directory)',
    '--target STAGE       the stage to treat as the build target (default: the config\'s, else the last stage)',
    '--platform P         the target platform TARGETARCH/TARGETOS... resolve from (default: the config\'s, else linux/amd64)',
    '--no-config          ignore .dockerfile-stages.json files',
  ],
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' },
      arch: { type: 'string' },
      context: { type: 'string' },
      target: { type: 'string' },
      platform: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
    });
    const format = oneOf('format', values.format, FORMATS);
    const platformArch = values.platform === undefined ? undefined : platformOption(values.platform)?.split('/')[1];
    // --platform linux/arm64 without --arch estimates arm64 sizes.
    const arch = values.arch !== undefined ? oneOf('arch', values.arch, ARCHES) : platformArch && (ARCHES as readonly string[]).includes(platformArch) ? (platformArch as (typeof ARCHES)[number]) : hostArch();
    const input = await readInput(single(positionals));
    const { settings } = await settingsFor(input.stdin ? '-' : input.path, { noConfig: values['no-config'] });
    const target = values.target ?? settings.target;
    const platform = platformOption(values.platform) ?? settings.platform;
    const model = buildModel(input.text, { target: target || undefined, platform: platform || undefined });
    let context: ContextMeasurements | undefined;
    const contextDir = values.context ? path.resolve(values.context) : input.stdin ? undefined : path.dirname(path.resolve(input.path));
    if (contextDir) {
      const slash = (p: string) => p.replace(/\\/g, '/');
      context = await measureContext(model, new NodeFileSystemHost(), { contextDir: slash(contextDir), dockerfilePath: input.stdin ? undefined : slash(path.resolve(input.path)) });
    }
    const est = estimateImage(model, { arch, context });
    if (format === 'json') {
      out(JSON.stringify(estimateJson(input.path, est, !!context), null, 2));
      return 0;
    }
    const lines: string[] = [];
    lines.push(colour.bold(`${input.path} (${arch})`));
    for (const s of est.stages) {
      lines.push('', stageTitle(s));
      lines.push(`  ≈ ${formatSize(s.uncompressedBytes)} uncompressed, ≈ ${formatSize(s.compressedBytes)} compressed (${range(s)})${s.unknownBase ? colour.yellow('  unknown base') : ''}`);
      lines.push(colour.dim(`  base ${s.base.text}: ${s.base.source === 'scratch' ? '0 B' : `≈ ${formatSize(s.base.compressedBytes)} compressed`} — ${s.base.note}`));
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
      lines.push(colour.bold(`final image: ≈ ${formatSize(est.final.uncompressedBytes)} (docker images), ≈ ${formatSize(est.final.compressedBytes)} download (${range(est.final)})${est.final.unknownBase ? ' — includes an unknown base (fallback range)' : ''}`));
      if (est.discardedBytes > 0) lines.push(`discarded build stages: ≈ ${formatSize(est.discardedBytes)} compressed, not shipped`);
    } else lines.push('no FROM: nothing to estimate');
    if (!context) lines.push(colour.dim('build context not measured (stdin): COPY/ADD from the context use a wide default'));
    out(lines.join('\n'));
    return 0;
  },
};
