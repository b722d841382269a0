#!/usr/bin/env node
// Precision of the diagnostics on real files: samples up to N diagnostics per rule over ../shared/corpus
// (deterministically: the N with the smallest hash of file, line and code), looks each one up in the verdict
// file (test/fixtures/precision/verdicts.tsv: file, line, code, right|wrong, why; judged by reading the
// Dockerfile line) and prints per-rule precision. Diagnostics of the standard validator are sampled too, under
// the code `validator`. Context rules (they need the build context, which the corpus does not have) are not.
// test/unit/precision.test.ts fails when a rule falls below 90 % or a sampled diagnostic has no verdict.
// Usage: npm run eval:precision [-- --corpus DIR] [--per-rule N] [--missing] (print the unjudged, one TSV line each)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VERDICTS = path.join(ROOT, 'test', 'fixtures', 'precision', 'verdicts.tsv');
export const DEFAULT_CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
export const PER_RULE = 10;
export const MIN_PRECISION = 0.9;

/** FNV-1a, 32 bits: the sampling order (stable across runs and machines). */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function verdictKey(file, line, code) {
  return `${file}\t${line}\t${code}`;
}

/**
 * Every rule on at its default severity (rules that are off by default stay off: users do not see them), the
 * default platform. Each diagnostic: { file, line (1-based), code, message, text (the line) }.
 */
export function diagnosticsOf(core, settings, corpus = DEFAULT_CORPUS) {
  const out = [];
  // The service's validate, as the language server and `lint` call it (no build context: the corpus has none).
  const service = core.createStagesService({});
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.Dockerfile')).sort()) {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    const lines = text.split(/\r?\n/);
    const seen = new Set();
    for (const d of service.validate({ uri: `file:///corpus/${file}`, version: 1, text }, settings)) {
      const code = /^DS[1-9]\d\d$/.test(String(d.code)) ? String(d.code) : 'validator'; // DS0nn: the standard validator's checks
      const line = d.range.start.line + 1;
      const key = verdictKey(file, line, code);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file, line, code, message: d.message, text: (lines[line - 1] ?? '').trim() });
    }
  }
  return out;
}

/** Up to `perRule` diagnostics per code, the same ones on every run. */
export function sample(diagnostics, perRule = PER_RULE) {
  const byCode = new Map();
  for (const d of diagnostics) {
    const list = byCode.get(d.code) ?? [];
    list.push(d);
    byCode.set(d.code, list);
  }
  const out = new Map();
  for (const [code, list] of [...byCode].sort(([a], [b]) => a.localeCompare(b))) {
    out.set(code, list.map((d) => ({ d, h: hash(verdictKey(d.file, d.line, d.code)) })).sort((a, b) => a.h - b.h).slice(0, perRule).map((x) => x.d));
  }
  return out;
}

/** The verdict file: key -> { right: boolean, why }. Lines starting with # are comments. */
export function loadVerdicts(file = VERDICTS) {
  const out = new Map();
  if (!existsSync(file)) return out;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const [f, line, code, verdict, ...why] = raw.split('\t');
    if (verdict !== 'right' && verdict !== 'wrong') throw new Error(`verdicts.tsv: bad verdict '${verdict}' in: ${raw}`);
    out.set(verdictKey(f, Number(line), code), { right: verdict === 'right', why: why.join('\t') });
  }
  return out;
}

/** Per code: sampled, judged, right, precision (of the judged), and the unjudged diagnostics. */
export function precision(sampled, verdicts) {
  const rows = [];
  for (const [code, list] of sampled) {
    let right = 0;
    let judged = 0;
    const missing = [];
    const wrong = [];
    for (const d of list) {
      const v = verdicts.get(verdictKey(d.file, d.line, d.code));
      if (!v) {
        missing.push(d);
        continue;
      }
      judged++;
      if (v.right) right++;
      else wrong.push({ d, why: v.why });
    }
    rows.push({ code, sampled: list.length, judged, right, precision: judged ? right / judged : 1, missing, wrong });
  }
  return rows;
}

export function loadCore() {
  const require = createRequire(import.meta.url);
  const core = require(path.join(ROOT, 'out/server/src/core/index.js'));
  const { defaultSettings } = require(path.join(ROOT, 'out/common/settings.js'));
  return { core, settings: defaultSettings };
}

function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const corpus = path.resolve(opt('--corpus', DEFAULT_CORPUS));
  if (!existsSync(corpus)) {
    console.error(`corpus not found: ${corpus}`);
    process.exit(2);
  }
  const { core, settings } = loadCore();
  const all = diagnosticsOf(core, settings, corpus);
  const sampled = sample(all, Number(opt('--per-rule', PER_RULE)));
  const rows = precision(sampled, loadVerdicts());
  if (args.includes('--missing')) {
    for (const r of rows) for (const d of r.missing) console.log(`${d.file}\t${d.line}\t${d.code}\t?\t${d.text}\t|| ${d.message}`);
    return;
  }
  const counts = new Map();
  for (const d of all) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  console.log(`Precision over ${corpus} (up to ${opt('--per-rule', PER_RULE)} sampled diagnostics per rule)\n`);
  console.log('code       findings sampled judged right precision');
  let right = 0;
  let judged = 0;
  let failing = 0;
  for (const r of rows) {
    right += r.right;
    judged += r.judged;
    const low = r.judged && r.precision < MIN_PRECISION;
    if (low || r.missing.length) failing++;
    console.log(`${r.code.padEnd(10)} ${String(counts.get(r.code)).padStart(8)} ${String(r.sampled).padStart(7)} ${String(r.judged).padStart(6)} ${String(r.right).padStart(5)} ${`${(r.precision * 100).toFixed(0)} %`.padStart(9)}${low ? '  < 90 %' : ''}${r.missing.length ? `  ${r.missing.length} without verdict` : ''}`);
    for (const w of r.wrong) console.log(`           wrong: ${w.d.file}:${w.d.line}: ${w.why}`);
  }
  console.log(`\n${right} of ${judged} judged diagnostics right (${judged ? ((right / judged) * 100).toFixed(1) : '-'} %); ${all.length} diagnostics in all.`);
  if (failing) process.exitCode = 1;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) main();
