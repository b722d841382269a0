/**
 * `dockerfile-stages verify FILE [--context DIR] [--builder docker|podman|buildah] [--to KIND] [--original PATH] [--json] [--remove]`:
 * proves a conversion with the user's own builder. It builds the original and the converted Dockerfile, tags
 * them `dockerfile-stages-verify/<name>:original` and `:converted`, and prints their measured sizes, the saving
 * and every difference of the image configs (Cmd, Entrypoint, Env, ExposedPorts, User, WorkingDir, Labels,
 * Healthcheck, Volumes, StopSignal).
 *
 * Which two files:
 *  - FILE is offered a conversion (--to, default multi-stage): FILE as it is on disk against that conversion;
 *  - otherwise (FILE was converted already): FILE's version at git HEAD against FILE as it is on disk;
 *  - --original PATH: PATH against FILE (no conversion is asked for).
 * Exit: 0 both built, 1 a build failed, 2 usage/input error or no builder, 3 nothing to verify (reason on stderr),
 * 130 cancelled (SIGINT/SIGTERM stop the running build).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatSize, type ConversionKind } from '../../core';
import { conversionTarget, TARGET_OPTION_SPECS, TARGET_OPTIONS } from '../targets';
import { BUILDER_NAMES, BuilderName, buildImage, detectBuilder, diffConfigs, finalBaseImage, ImageInfo, inspectImage, markInherited, removeImages } from '../../node/builder';
import type { VerifyReport } from '../../../../common/protocol';
import type { Command } from '../command';
import { InputError, oneOf, parseCommandArgs, readInput, single, UsageError } from '../io';
import { cliService, inputDocument } from '../service';
import { conversionValues } from './convert';


export interface VerifyPlan {
  /** Where the original text comes from, for the report. */
  originalFrom: string;
  convertedFrom: string;
  original: string;
  converted: string;
  context: string;
  notes: string[];
  /** Which of the two is FILE's text as it is on disk (the image a size lens on FILE may show). */
  fileSide: 'original' | 'converted';
}

/** The image name verify tags with: `dockerfile-stages-verify/<context dir>-<file name>`, lower case, safe characters only. */
export function verifyImageName(file: string, context: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'app';
  const base = clean(path.basename(file));
  const dir = clean(path.basename(path.resolve(context)));
  return `dockerfile-stages-verify/${base === 'dockerfile' ? dir : `${dir}-${base}`}`;
}

function gitShowHead(file: string): Promise<string | undefined> {
  const abs = path.resolve(file);
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', '--show-toplevel'], { cwd: path.dirname(abs) }, (err, top) => {
      if (err) return resolve(undefined);
      const rel = path.relative(top.trim(), abs).split(path.sep).join('/');
      execFile('git', ['show', `HEAD:${rel}`], { cwd: top.trim(), maxBuffer: 16 * 1024 * 1024 }, (err2, text) => resolve(err2 ? undefined : text));
    });
  });
}

/** Decides which two Dockerfiles to build; a string is the reason there is nothing to verify. */
export async function planVerify(file: string, opts: { context?: string; kind: ConversionKind; kindName: string; original?: string; values?: Record<string, string>; stage?: number; variant?: string }): Promise<VerifyPlan | string> {
  const input = await readInput(file);
  const context = path.resolve(opts.context ?? path.dirname(file));
  if (opts.original) {
    const orig = await readInput(opts.original);
    if (orig.text === input.text) return `${opts.original} and ${file} are the same text: nothing to compare`;
    return { originalFrom: opts.original, convertedFrom: file, original: orig.text, converted: input.text, context, notes: [], fileSide: 'converted' };
  }
  const list = await cliService().convert(inputDocument(input), { kinds: [opts.kind], values: opts.values, stage: opts.stage, variant: opts.variant });
  const c = list.offered[0];
  if (c && !c.placeholders.length) return { originalFrom: `${file} (on disk)`, convertedFrom: `its ${opts.kindName} conversion`, original: input.text, converted: c.text, context, notes: c.notes, fileSide: 'original' };
  const refusal = c ? `the conversion needs the ${c.placeholders.map((p) => p.name).join(', ')} (give it with --artifact PATH or --value TOKEN=VALUE; \`dockerfile-stages convert ${file} --to ${opts.kindName}\` says which)` : (list.skipped[0]?.reason ?? 'no conversion applies');
  const head = await gitShowHead(file);
  if (head !== undefined && head !== input.text) return { originalFrom: `${file} at git HEAD`, convertedFrom: `${file} (on disk)`, original: head, converted: input.text, context, notes: [], fileSide: 'converted' };
  return `${file}: nothing to verify: no ${opts.kindName} conversion (${refusal}), and the file ${head === undefined ? 'has no version at git HEAD' : 'is unchanged since git HEAD'} to compare against`;
}


const show = (v: unknown) => (v === null || v === undefined ? '(unset)' : typeof v === 'string' ? v : JSON.stringify(v));

/** The text table: before, after, saving, then each config difference. */
export function formatReport(r: VerifyReport): string {
  const size = (b: number | null, built: boolean, err?: string) => (built && b !== null ? formatSize(b) : `build failed${err ? ` (${err})` : ''}`);
  const rows = [
    ['', 'original', 'converted'],
    ['from', r.originalFrom, r.convertedFrom],
    ['image', `${r.original.image}`, `${r.converted.image}`],
    ['size (measured)', size(r.original.sizeBytes, r.original.built), size(r.converted.sizeBytes, r.converted.built)],
    ['build time', `${r.original.seconds} s`, `${r.converted.seconds} s`],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const lines = rows.map((x) => `${x[0].padEnd(w0)}  ${x[1].padEnd(w1)}  ${x[2]}`.trimEnd());
  if (r.savingBytes !== null && r.original.sizeBytes) {
    const pct = Math.round((r.savingBytes / r.original.sizeBytes) * 100);
    lines.push(r.savingBytes >= 0 ? `saving: ${formatSize(r.savingBytes)} (${pct} %)` : `the converted image is ${formatSize(-r.savingBytes)} LARGER (${-pct} %)`);
  }
  for (const side of ['original', 'converted'] as const) if (r[side].error) lines.push(`${side} build failed: ${r[side].error}`);
  if (r.original.built && r.converted.built) {
    if (!r.differences.length) lines.push('image configs: equal (Cmd, Entrypoint, Env, ExposedPorts, User, WorkingDir, Labels, Healthcheck, Volumes, StopSignal)');
    else {
      lines.push(`image config differences (${r.differences.length}):`);
      for (const d of r.differences) lines.push(`  ${d.field}: ${show(d.before)} -> ${show(d.after)}${d.inherited ? ' (inherited from the base images)' : ''}`);
    }
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  const made = [r.original, r.converted].filter((s) => s.built).map((s) => s.image);
  if (r.removed) lines.push(`removed the images it made: ${made.join(', ')}`);
  else if (made.length) lines.push(`images kept: ${made.join(', ')} (remove with \`${r.builder} rmi ${made.join(' ')}\`)`);
  return `${lines.join('\n')}\n`;
}

export const verify: Command = {
  summary: 'build the original and the converted Dockerfile with your builder; compare measured sizes and image configs',
  usage: 'dockerfile-stages verify FILE [--context DIR] [--builder docker|podman|buildah] [--to KIND] [--stage N] [--variant IMAGE] [--artifact PATH] [--value T=V] [--original PATH] [--json] [--remove]',
  options: [
    '--context DIR    the build context (default: the directory of FILE)',
    '--builder NAME   docker, podman or buildah (default: the first that works, in that order)',
    ...TARGET_OPTIONS,
    '--artifact PATH, --value T=V   values the conversion asks for, as with `convert`',
    '--original PATH  compare PATH (the original) against FILE (the converted file) instead',
    '                 (default for a FILE with no conversion: its git HEAD version against FILE)',
    '--json           print the report as JSON; progress goes to stderr as `progress: ...` lines',
    '--remove         remove the two images afterwards (default: keep them, tagged dockerfile-stages-verify/NAME:original|converted)',
  ],
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      context: { type: 'string' },
      builder: { type: 'string' },
      ...TARGET_OPTION_SPECS,
      original: { type: 'string' },
      artifact: { type: 'string' },
      value: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      remove: { type: 'boolean', default: false },
    });
    const { kind, kindName, stage, variant } = conversionTarget(values);
    const wanted = values.builder === undefined ? undefined : oneOf('--builder', values.builder as string, BUILDER_NAMES);
    const file = single(positionals);
    if (file === '-') throw new UsageError('verify needs a FILE (the build reads its context from disk), not stdin');
    if (values.context !== undefined) {
      const st = await fs.stat(values.context as string).catch(() => undefined);
      if (!st?.isDirectory()) throw new InputError(`--context ${values.context}: not a directory`);
    }
    const given = conversionValues(values.value as string[] | undefined, values.artifact as string | undefined);
    const plan = await planVerify(file, { context: values.context as string | undefined, kind, kindName, original: values.original as string | undefined, values: given, stage, variant });
    if (typeof plan === 'string') {
      process.stderr.write(`${plan}\n`);
      return 3;
    }
    const builder = await detectBuilder(wanted);
    if (!builder) {
      process.stderr.write(wanted ? `verify: ${wanted} does not work here${wanted === 'docker' ? ' (is the Docker daemon running?)' : ''}\n` : 'verify: no builder found: install docker, podman or buildah\n');
      return 2;
    }
    const report = await buildBoth(plan, builder, verifyImageName(file, plan.context), { json: !!values.json, remove: !!values.remove });
    if (report === 'cancelled') {
      process.stderr.write('verify: cancelled\n');
      return 130;
    }
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.original.built && report.converted.built ? 0 : 1;
  },
};

const progress = (m: string) => process.stderr.write(`progress: ${m}\n`);

/** Builds the original and the converted Dockerfile, measures both, compares their configs; SIGINT/SIGTERM stop it. */
async function buildBoth(plan: VerifyPlan, builder: BuilderName, name: string, options: { json: boolean; remove: boolean }): Promise<VerifyReport | 'cancelled'> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockerfile-stages-verify-'));
  const report: VerifyReport = {
    builder,
    originalFrom: plan.originalFrom,
    convertedFrom: plan.convertedFrom,
    context: plan.context,
    fileSide: plan.fileSide,
    original: { image: `${name}:original`, built: false, sizeBytes: null, seconds: 0 },
    converted: { image: `${name}:converted`, built: false, sizeBytes: null, seconds: 0 },
    savingBytes: null,
    differences: [],
    notes: plan.notes,
    removed: false,
  };
  const infos: Partial<Record<'original' | 'converted', ImageInfo>> = {};
  try {
    for (const side of ['original', 'converted'] as const) {
      const df = path.join(dir, `${side}.Dockerfile`);
      await fs.writeFile(df, side === 'original' ? plan.original : plan.converted);
      progress(`building the ${side} (${side === 'original' ? plan.originalFrom : plan.convertedFrom}) with ${builder} as ${report[side].image}`);
      const t0 = Date.now();
      const r = await buildImage({ builder, file: df, context: plan.context, tag: report[side].image, signal: controller.signal, onLine: options.json ? undefined : (l) => process.stderr.write(`  ${l}\n`) });
      report[side].seconds = Math.round((Date.now() - t0) / 1000);
      if (r.cancelled) return 'cancelled';
      if (r.code !== 0) {
        report[side].error = r.stderr.trim().split('\n').slice(-3).join(' | ') || `exit ${r.code}`;
        continue;
      }
      report[side].built = true;
      infos[side] = await inspectImage(builder, report[side].image);
      report[side].sizeBytes = infos[side]!.size;
    }
    if (infos.original && infos.converted) await compareImages(report, plan, builder, infos.original, infos.converted);
    if (options.remove) await removeBuilt(report, builder);
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await fs.rm(dir, { recursive: true, force: true });
  }
  return report;
}

async function compareImages(report: VerifyReport, plan: VerifyPlan, builder: BuilderName, original: ImageInfo, converted: ImageInfo): Promise<void> {
  report.savingBytes = original.size - converted.size;
  // Base images are local after the builds; without them nothing is marked as inherited.
  const base = async (text: string) => {
    const ref = finalBaseImage(text);
    return ref ? inspectImage(builder, ref).then((i) => i.config, () => undefined) : undefined;
  };
  report.differences = markInherited(diffConfigs(original.config, converted.config), await base(plan.original), await base(plan.converted));
}

async function removeBuilt(report: VerifyReport, builder: BuilderName): Promise<void> {
  const made = [report.original, report.converted].filter((s) => s.built).map((s) => s.image);
  if (!made.length) return;
  progress(`removing ${made.join(', ')}`);
  report.removed = (await removeImages(builder, made)).code === 0;
}
