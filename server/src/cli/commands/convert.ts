/**
 * `dockerfile-stages convert FILE [--to multi-stage|dev-build-runtime|nginx|run-artifact|switch-base|name-stage|extract-base] [--stage N] [--variant IMAGE] [--diff | --write] [--artifact PATH] [--value TOKEN=VALUE]`:
 * the converted Dockerfile on stdout (default), a unified diff (--diff), or the file rewritten (--write).
 * `nginx` and `run-artifact` are the labelled variants that change how the container starts (they say so).
 * Exit 3 with a one-line reason when no conversion applies.
 */
import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Conversion } from '../../core';
import type { Command } from '../command';
import { readInput, single, UsageError } from '../io';
import { cliService, inputDocument } from '../service';
import { conversionTarget, TARGET_OPTION_SPECS, TARGET_OPTIONS } from '../targets';

export const convert: Command = {
  summary: 'convert a single-stage Dockerfile to a multi-stage build (exit 3 when no conversion applies)',
  usage: 'dockerfile-stages convert FILE [--to multi-stage|dev-build-runtime|nginx|run-artifact|switch-base|name-stage|extract-base] [--stage N] [--variant IMAGE] [--diff | --write] [--artifact PATH] [--value TOKEN=VALUE] [--no-context]',
  options: [
    ...TARGET_OPTIONS,
    '--diff           print a unified diff instead of the converted file',
    '--write          rewrite FILE in place',
    '--artifact PATH  the artifact path, when the conversion cannot determine it',
    '--value T=V      any other value the conversion asks for, by its token (__MAIN_CLASS__=com.example.Main, __START_SCRIPT__=start)',
    '--no-context     do not read manifests (package.json, go.mod ...) next to FILE',
  ],
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        ...TARGET_OPTION_SPECS,
        diff: { type: 'boolean', default: false },
        write: { type: 'boolean', default: false },
        artifact: { type: 'string' },
        value: { type: 'string', multiple: true },
        'no-context': { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    const { kind, stage, variant } = conversionTarget(values);
    if (values.diff && values.write) throw new UsageError('--diff and --write exclude each other');
    const file = single(positionals);
    if (values.write && file === '-') throw new UsageError('--write needs a FILE, not stdin');
    const input = await readInput(file);
    const given = conversionValues(values.value, values.artifact);
    // The manifests next to FILE (package.json, go.mod ...) unless --no-context; stdin has no folder.
    const list = await cliService().convert(inputDocument(input), { kinds: [kind], values: given, readContext: !values['no-context'], stage, variant });
    const c: Conversion | undefined = list.offered[0];
    if (!c) {
      process.stderr.write(`${input.path}: no conversion: ${list.skipped[0]?.reason ?? 'nothing applies'}\n`);
      return 3;
    }
    if (c.placeholders.length) {
      for (const p of c.placeholders) {
        const how = p.token === '__ARTIFACT_PATH__' ? '--artifact PATH' : `--value ${p.token}=VALUE`;
        process.stderr.write(`${input.path}: the ${p.name} could not be determined (suggestion: ${p.suggestion}); pass ${how} to confirm it\n`);
      }
      return 3;
    }
    for (const note of c.notes) process.stderr.write(`note: ${note}\n`);
    if (values.diff) process.stdout.write(unifiedDiff(input.path, input.text, c.text));
    else if (values.write) {
      await fs.writeFile(file, c.text);
      process.stderr.write(`${input.path}: converted (${c.title})\n`);
    } else process.stdout.write(c.text);
    return 0;
  },
};

/** The values a conversion asks for, from `--value TOKEN=VALUE` and `--artifact PATH`; undefined when none is given. */
export function conversionValues(pairs: string[] | undefined, artifact: string | undefined): Record<string, string> | undefined {
  const given: Record<string, string> = {};
  for (const v of pairs ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--value wants TOKEN=VALUE, got '${v}'`);
    given[v.slice(0, eq)] = v.slice(eq + 1);
  }
  if (artifact) given.__ARTIFACT_PATH__ = artifact;
  return Object.keys(given).length ? given : undefined;
}

/** A unified diff (LCS over lines, 3 lines of context). */
export function unifiedDiff(name: string, a: string, b: string): string {
  const x = a.split(/\r?\n/);
  const y = b.split(/\r?\n/);
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: { t: ' ' | '-' | '+'; line: string; i: number; j: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) ops.push({ t: ' ', line: x[i], i: i++, j: j++ });
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ t: '-', line: x[i], i: i++, j });
    else ops.push({ t: '+', line: y[j], i, j: j++ });
  }
  const shown = name.replace(/^\/+/, '');
  const out = [`--- a/${shown}`, `+++ b/${shown}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].t === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - 3);
    let end = k;
    while (end < ops.length) {
      if (ops[end].t !== ' ') {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run].t === ' ') run++;
      if (end + run >= ops.length || run > 6) {
        end = Math.min(ops.length, end + 3);
        break;
      }
      end += run;
    }
    const hunk = ops.slice(start, end);
    const aLen = hunk.filter((o) => o.t !== '+').length;
    const bLen = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${hunk[0].i + (aLen ? 1 : 0)},${aLen} +${hunk[0].j + (bLen ? 1 : 0)},${bLen} @@`);
    for (const o of hunk) out.push(`${o.t}${o.line}`);
    k = end;
  }
  return `${out.join('\n')}\n`;
}
