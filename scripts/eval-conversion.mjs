// Evaluates the single-stage -> multi-stage conversion over ../shared/corpus (read at run time, never copied).
// Candidates are the INDEX.tsv rows with one FROM that build an app: category `single-built`, or
// `pair-before` with a build tool detected. Per stack (INDEX language_stack): files seen, conversions
// offered (a recipe produced one), valid (it passed the validator; those are the ones offered to users),
// how many need the user to confirm an artifact path, and the median estimated image size before/after
// (core/size, compressed download size). Negative controls (prebuilt, interpreted, base images) are
// counted separately: a conversion offered there is a false positive. Every file of the corpus is also run
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
  // The explicitly labelled SPA variant (nginx:alpine; changes CMD/EXPOSE) where the default does not apply.
  const nginx = !valid && candidate ? core.convertToNginx(model) : undefined;
  const nginxValid = !!nginx && core.isConversion(nginx);
  const offered = valid || /failed validation/.test(o.reason);
  if (negative) {
    negatives.seen++;
    if (valid) {
      negatives.offered++;
      negatives.files.push(`${file} (${o.stack})`);
    }
    continue;
  }
  const stack = r[cStack];
  const s = perStack.get(stack) ?? { seen: 0, offered: 0, valid: 0, placeholders: 0, nginx: 0, before: [], after: [] };
  perStack.set(stack, s);
  s.seen++;
  if (nginxValid) s.nginx++;
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
  details.push({ file, stack, detected: o.stack ?? null, valid, placeholders: valid ? o.placeholders.length : 0, reason: valid ? null : o.reason });
}

const total = { seen: 0, offered: 0, valid: 0, placeholders: 0, nginx: 0, before: [], after: [] };
for (const s of perStack.values()) {
  for (const k of ['seen', 'offered', 'valid', 'placeholders', 'nginx']) total[k] += s[k];
  total.before.push(...s.before);
  total.after.push(...s.after);
}
const rate = total.seen ? total.valid / total.seen : 0;

if (asJson) {
  const stacks = Object.fromEntries([...perStack].sort().map(([k, s]) => [k, { seen: s.seen, offered: s.offered, valid: s.valid, placeholders: s.placeholders, nginxOnly: s.nginx, medianBefore: median(s.before) ?? null, medianAfter: median(s.after) ?? null }]));
  process.stdout.write(`${JSON.stringify({ stacks, total: { ...total, before: undefined, after: undefined, rate, medianBefore: median(total.before) ?? null, medianAfter: median(total.after) ?? null }, negatives, throws, details }, null, 2)}\n`);
} else {
  const line = (name, s) =>
    `${name.padEnd(18)} ${String(s.seen).padStart(5)} ${String(s.offered).padStart(8)} ${String(s.valid).padStart(6)} ${String(s.placeholders).padStart(8)}   ${mb(median(s.before))} -> ${mb(median(s.after))}`;
  console.log(`Conversion eval over ${dir} (${rows.length} files)`);
  console.log(`${'stack'.padEnd(18)} ${'seen'.padStart(5)} ${'offered'.padStart(8)} ${'valid'.padStart(6)} ${'confirm'.padStart(8)}   median size before -> after${estimate ? ' (compressed, core/size)' : ' (core/size not available)'}`);
  for (const [k, s] of [...perStack].sort()) console.log(line(k, s));
  console.log(line('TOTAL', total));
  console.log(`valid conversions: ${total.valid}/${total.seen} = ${(rate * 100).toFixed(1)} % of single-stage app builds (target >= 90 %)`);
  console.log(`  + ${total.nginx} more through the labelled nginx variant only (changes CMD/EXPOSE): ${total.valid + total.nginx}/${total.seen} = ${(((total.valid + total.nginx) / total.seen) * 100).toFixed(1)} %`);
  console.log(`negative controls (prebuilt, interpreted, base images): ${negatives.offered}/${negatives.seen} offered a conversion${negatives.files.length ? `: ${negatives.files.join(', ')}` : ''}`);
  console.log(`files where a conversion threw: ${throws}`);
  const reasons = new Map();
  for (const d of details.filter((d) => d.reason)) {
    const key = d.reason.replace(/`[^`]*`/g, '`...`').replace(/ for the base .*$/, ' for the base ...');
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  console.log('not converted, by reason:');
  for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(n).padStart(3)}  ${k}`);
  if (verbose) for (const d of details) console.log(`${d.valid ? 'ok ' : 'no '} ${(d.stack ?? '').padEnd(16)} ${d.file}${d.reason ? `: ${d.reason}` : ''}${d.error ? `: ${d.error}` : ''}`);
}
