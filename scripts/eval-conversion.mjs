// Evaluates the single-stage -> multi-stage conversion over ../shared/corpus (read at run time, never copied).
// Candidates are the INDEX.tsv rows with one FROM that build an app: category `single-built`, or
// `pair-before` with a build tool detected. Per stack (INDEX language_stack): files seen, conversions
// offered (a recipe produced one), valid (it passed the validator; those are the ones offered to users),
// how many need the user to confirm an artifact path, and the median estimated image size before/after
// (core/size, compressed download size). Negative controls (prebuilt, interpreted, base images) are
// counted separately: a conversion offered there is a false positive. The labelled variants (nginx for SPAs,
// run-the-built-artifact for images that run the toolchain) change how the container starts: they are
// counted in their own columns, never in the default figure; `either` is default or labelled. Every file of the corpus is also run
// through every conversion kind to check nothing throws. Target: >= 90 % of candidates get a valid conversion.
// Usage: npm run eval:conversion [-- --json] [-- --verbose] [-- --dir path/to/corpus]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = require(path.join(root, 'out/server/src/core/index.js'));

const argv = process.argv.slice(2);
const dirArg = argv.indexOf('--dir');
const dir = path.resolve(dirArg >= 0 ? argv[dirArg + 1] : path.join(root, '..', 'shared', 'corpus'));
const asJson = argv.includes('--json');
const verbose = argv.includes('--verbose');

const rows = fs
  .readFileSync(path.join(dir, 'INDEX.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t'));
const header = rows.shift();
const col = (name) => header.indexOf(name);
const [cFile, cStack, cFrom, cCategory, cTools] = ['file', 'language_stack', 'from_count', 'category', 'build_tools_detected'].map(col);

const estimate = typeof core.estimateImage === 'function' ? (model) => core.estimateImage(model, { arch: 'amd64' }).final?.compressedBytes : undefined;
const median = (xs) => {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (b) => (b === undefined ? '      -' : `${(b / 1e6).toFixed(0).padStart(5)}MB`);

const perStack = new Map();
const details = [];
let throws = 0;
const negatives = { seen: 0, offered: 0, files: [] };

for (const r of rows) {
  const file = r[cFile];
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  let model;
  try {
    model = core.buildModel(text);
    core.conversionsFor(model); // every kind, for the crash check
  } catch (e) {
    throws++;
    details.push({ file, error: String(e && e.stack) });
    continue;
  }
  const single = r[cFrom] === '1';
  const candidate = single && (r[cCategory] === 'single-built' || (r[cCategory] === 'pair-before' && r[cTools]));
  const negative = single && (r[cCategory] === 'single-prebuilt' || r[cCategory] === 'single-interp' || r[cCategory] === 'single-base' || (r[cCategory] === 'pair-before' && !r[cTools]));
  if (!candidate && !negative) continue;
  const o = core.convertToMultiStage(model);
  const valid = core.isConversion(o);
  // The explicitly labelled variants, counted apart: nginx:alpine for SPAs (changes CMD/EXPOSE), and
  // "build once, run the built artifact" for images that run the toolchain (changes CMD/ENTRYPOINT).
  const nginx = core.convertToNginx(model);
  const nginxValid = core.isConversion(nginx);
  const runArtifact = core.convertToRunArtifact(model);
  const runValid = core.isConversion(runArtifact);
  const offered = valid || /failed validation/.test(o.reason);
  if (negative) {
    negatives.seen++;
    for (const [name, c] of [['default', o], ['nginx', nginx], ['run-artifact', runArtifact]]) {
      if (core.isConversion(c)) {
        negatives.offered++;
        negatives.files.push(`${file} (${name}, ${c.stack})`);
      }
    }
    continue;
  }
  const stack = r[cStack];
  const s = perStack.get(stack) ?? { seen: 0, offered: 0, valid: 0, placeholders: 0, nginx: 0, run: 0, runConfirm: 0, labelled: 0, either: 0, before: [], after: [] };
  perStack.set(stack, s);
  s.seen++;
  if (nginxValid) s.nginx++;
  if (runValid) s.run++;
  if (runValid && runArtifact.placeholders.length) s.runConfirm++;
  if (nginxValid || runValid) s.labelled++;
  if (valid || nginxValid || runValid) s.either++;
  if (offered) s.offered++;
  if (valid) {
    s.valid++;
    if (o.placeholders.length) s.placeholders++;
    if (estimate && !o.placeholders.length) {
      const before = estimate(model);
      const after = estimate(core.buildModel(o.text));
      if (before && after) {
        s.before.push(before);
        s.after.push(after);
      }
    }
  }
  details.push({
    file,
    stack,
    detected: o.stack ?? null,
    valid,
    placeholders: valid ? o.placeholders.length : 0,
    reason: valid ? null : o.reason,
    nginx: nginxValid,
    runArtifact: runValid,
    runArtifactReason: runValid ? null : runArtifact.reason,
  });
}

const total = { seen: 0, offered: 0, valid: 0, placeholders: 0, nginx: 0, run: 0, runConfirm: 0, labelled: 0, either: 0, before: [], after: [] };
for (const s of perStack.values()) {
  for (const k of ['seen', 'offered', 'valid', 'placeholders', 'nginx', 'run', 'runConfirm', 'labelled', 'either']) total[k] += s[k];
  total.before.push(...s.before);
  total.after.push(...s.after);
}
const rate = total.seen ? total.valid / total.seen : 0;

if (asJson) {
  const stacks = Object.fromEntries([...perStack].sort().map(([k, s]) => [k, { seen: s.seen, offered: s.offered, valid: s.valid, placeholders: s.placeholders, nginx: s.nginx, runArtifact: s.run, runArtifactConfirm: s.runConfirm, labelled: s.labelled, either: s.either, medianBefore: median(s.before) ?? null, medianAfter: median(s.after) ?? null }]));
  process.stdout.write(`${JSON.stringify({ stacks, total: { ...total, before: undefined, after: undefined, rate, medianBefore: median(total.before) ?? null, medianAfter: median(total.after) ?? null }, negatives, throws, details }, null, 2)}\n`);
} else {
  const n = (v, w) => String(v).padStart(w);
  const line = (name, s) =>
    `${name.padEnd(18)} ${n(s.seen, 5)} ${n(s.offered, 8)} ${n(s.valid, 6)} ${n(s.placeholders, 8)} ${n(s.nginx, 6)} ${n(s.run, 5)} ${n(s.runConfirm, 8)} ${n(s.either, 7)}   ${mb(median(s.before))} -> ${mb(median(s.after))}`;
  const pct = (x) => `${x}/${total.seen} = ${((x / total.seen) * 100).toFixed(1)} %`;
  console.log(`Conversion eval over ${dir} (${rows.length} files)`);
  console.log(`${''.padEnd(18)} ${''.padStart(5)} ${'default conversion'.padStart(33)}   ${'labelled variants'.padStart(21)}`);
  console.log(`${'stack'.padEnd(18)} ${'seen'.padStart(5)} ${'offered'.padStart(8)} ${'valid'.padStart(6)} ${'confirm'.padStart(8)} ${'nginx'.padStart(6)} ${'run'.padStart(5)} ${'confirm'.padStart(8)} ${'either'.padStart(7)}   median size before -> after (default)${estimate ? ' (compressed, core/size)' : ' (core/size not available)'}`);
  for (const [k, s] of [...perStack].sort()) console.log(line(k, s));
  console.log(line('TOTAL', total));
  console.log(`default conversions (CMD/ENTRYPOINT unchanged):            ${pct(total.valid)} of single-stage app builds (target >= 90 %)`);
  console.log(`labelled variants (change how the container starts, say so): ${pct(total.labelled)} (nginx ${total.nginx}, run-artifact ${total.run}, of which ${total.runConfirm} ask to confirm a value)`);
  console.log(`either (a default or a labelled conversion):                 ${pct(total.either)}`);
  console.log(`negative controls (prebuilt, interpreted, base images): ${negatives.offered}/${negatives.seen} offered a conversion${negatives.files.length ? `: ${negatives.files.join(', ')}` : ''}`);
  console.log(`files where a conversion threw: ${throws}`);
  const reasons = new Map();
  for (const d of details.filter((d) => d.reason)) {
    const key = d.reason.replace(/`[^`]*`/g, '`...`').replace(/ for the base .*$/, ' for the base ...');
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  console.log('not converted, by reason:');
  for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(n).padStart(3)}  ${k}`);
  console.log('no conversion of any kind, with the reasons:');
  for (const d of details.filter((d) => d.reason && !d.nginx && !d.runArtifact)) console.log(`  ${(d.stack ?? '').padEnd(16)} ${d.file}\n      default: ${d.reason}\n      run-artifact: ${d.runArtifactReason}`);
  if (verbose) for (const d of details) console.log(`${d.valid ? 'ok ' : d.nginx || d.runArtifact ? 'lbl' : 'no '} ${(d.stack ?? '').padEnd(16)} ${d.file}${d.reason ? `: ${d.reason}` : ''}${d.error ? `: ${d.error}` : ''}`);
}
