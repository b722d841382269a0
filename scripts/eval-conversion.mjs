// Evaluates the conversions in three separate figures, never mixed:
//   offered  - the product shows the user a conversion (over ../shared/corpus, read at run time, never copied);
//   refused  - it says why not (reasons grouped by class);
//   valid    - built and passed: the conversion was built next to the original and the app answered the same,
//              with a smaller image and an equal config. Only the build-and-run suite measures that, so this
//              figure is read from test-results/build/results.json (`npm run test:build` writes it); corpus
//              files are never built and their offers are "offered (unproven)", not valid.
// Corpus candidates are the INDEX.tsv rows with one FROM that build an app: category `single-built`, or
// `pair-before` with a build tool detected. Per stack (INDEX language_stack): files seen, offered, how many
// need the user to confirm a value, and the median estimated image size before/after (core/size, compressed).
// Negative controls (prebuilt, interpreted, base images) are counted separately: an offer there is a false
// positive. The labelled variants (nginx for SPAs, run-the-built-artifact for images that run the toolchain)
// change how the container starts: they are counted in their own columns. Every file of the corpus is also run
// through every conversion kind to check nothing throws.
// Usage: npm run eval:conversion [-- --json] [-- --verbose] [-- --dir path/to/corpus] [-- --results path/to/results.json]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Core internals by module path (core/internal.ts): this script checks single rules and conversions one by one.
const core = require(path.join(root, 'out/server/src/core/internal.js'));

const argv = process.argv.slice(2);
const dirArg = argv.indexOf('--dir');
const dir = path.resolve(dirArg >= 0 ? argv[dirArg + 1] : path.join(root, '..', 'shared', 'corpus'));
const asJson = argv.includes('--json');
const verbose = argv.includes('--verbose');
const resultsArg = argv.indexOf('--results');
const resultsFile = path.resolve(resultsArg >= 0 ? argv[resultsArg + 1] : path.join(root, 'test-results', 'build', 'results.json'));

/** Coarse classes of refusal reasons (the wording is the product's; the class only groups it). */
const REFUSAL_CLASSES = [
  ['the smaller image cannot build or run the stage', /cannot compile|may compile native code|has no C compiler|whose C library is musl|does not have$/],
  ['nothing to restructure', /already multi-stage|only one stage|already named|no two stages share|no smaller variant/],
  ['the variant does not apply to this app', /variant is for|nothing for this variant|variant replaces/],
  ['nothing to split (no build inside the image)', /nothing to split|built outside the image|nothing is built|no build step/],
  ['tool, package or service image', /tool or base image|tool image|package image|service image|toolchain is the product|not an app/],
  ['the start command needs the toolchain or the build output in place', /would change how it runs|changes how it runs|runs the build tool|runs the toolchain|development command/],
  ['already a runtime image', /already a .* runtime/],
  ['runtime needs not provable (packages, users, files)', /runtime|adduser|useradd|directory|installed for|apt-get|apk/],
  ['assets or app directory', /asset|static|http\.Dir|app directory/],
  ['dev dependencies / package.json', /dev dependenc|devDependencies|package\.json|prune/],
  ['glob or unknown artifact path', /glob|artifact|could not be determined|wildcard/],
  ['version or release mismatch', /version|release|bookworm|trixie|bullseye|jdk|jre/],
  ['stack not recognised', /no recipe|not recogni|unknown stack|no build command/],
];
const refusalClass = (reason) => REFUSAL_CLASSES.find(([, re]) => re.test(reason))?.[0] ?? 'other';

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
  const offered = core.isConversion(o);
  // The explicitly labelled variants, counted apart: nginx for SPAs (changes CMD/EXPOSE), and
  // "build once, run the built artifact" for images that run the toolchain (changes CMD/ENTRYPOINT).
  const nginx = core.convertToNginx(model);
  const nginxOffered = core.isConversion(nginx);
  const runArtifact = core.convertToRunArtifact(model);
  const runOffered = core.isConversion(runArtifact);
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
  const s = perStack.get(stack) ?? { seen: 0, offered: 0, refused: 0, placeholders: 0, nginx: 0, run: 0, runConfirm: 0, labelled: 0, either: 0, before: [], after: [] };
  perStack.set(stack, s);
  s.seen++;
  if (nginxOffered) s.nginx++;
  if (runOffered) s.run++;
  if (runOffered && runArtifact.placeholders.length) s.runConfirm++;
  if (nginxOffered || runOffered) s.labelled++;
  if (offered || nginxOffered || runOffered) s.either++;
  if (offered) {
    s.offered++;
    if (o.placeholders.length) s.placeholders++;
    if (estimate && !o.placeholders.length) {
      const before = estimate(model);
      const after = estimate(core.buildModel(o.text));
      if (before && after) {
        s.before.push(before);
        s.after.push(after);
      }
    }
  } else s.refused++;
  details.push({
    file,
    stack,
    detected: o.stack ?? null,
    offered,
    placeholders: offered ? o.placeholders.length : 0,
    reason: offered ? null : o.reason,
    refusalClass: offered ? null : refusalClass(o.reason),
    nginx: nginxOffered,
    runArtifact: runOffered,
    runArtifactReason: runOffered ? null : runArtifact.reason,
  });
}

const total = { seen: 0, offered: 0, refused: 0, placeholders: 0, nginx: 0, run: 0, runConfirm: 0, labelled: 0, either: 0, before: [], after: [] };
for (const s of perStack.values()) {
  for (const k of ['seen', 'offered', 'refused', 'placeholders', 'nginx', 'run', 'runConfirm', 'labelled', 'either']) total[k] += s[k];
  total.before.push(...s.before);
  total.after.push(...s.after);
}
const rate = total.seen ? total.offered / total.seen : 0;

// Refusals grouped by class, then by the reason's wording (specifics in backticks folded).
const byClass = new Map();
for (const d of details.filter((d) => d.reason)) {
  const key = d.reason.replace(/`[^`]*`/g, '`...`').replace(/ for the base .*$/, ' for the base ...');
  const c = byClass.get(d.refusalClass) ?? { count: 0, reasons: new Map() };
  byClass.set(d.refusalClass, c);
  c.count++;
  c.reasons.set(key, (c.reasons.get(key) ?? 0) + 1);
}

// Built and passed: the last build-and-run suite run (npm run test:build).
let built = null;
if (fs.existsSync(resultsFile)) {
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  built = { file: resultsFile, finishedAt: r.finishedAt, selected: r.selected, fixtures: 0, offered: 0, builtAndPassed: 0, failed: [], notBuilt: [], refused: [] };
  for (const f of r.fixtures ?? []) {
    built.fixtures++;
    for (const [kind, c] of Object.entries(f.conversions ?? {})) {
      if (!c.offered) {
        built.refused.push({ fixture: f.fixture, kind, reason: c.reason ?? '(no reason)', class: refusalClass(c.reason ?? '') });
        continue;
      }
      built.offered++;
      if (c.notBuilt) built.notBuilt.push({ fixture: f.fixture, kind, why: c.notBuilt });
      else if (c.passed === true) built.builtAndPassed++;
      else built.failed.push({ fixture: f.fixture, kind, built: c.built ?? false, answered: c.answered ?? false, failure: (c.failures?.[0] ?? 'not run').split('\n')[0] });
    }
  }
}

if (asJson) {
  const stacks = Object.fromEntries([...perStack].sort().map(([k, s]) => [k, { seen: s.seen, offered: s.offered, refused: s.refused, placeholders: s.placeholders, nginx: s.nginx, runArtifact: s.run, runArtifactConfirm: s.runConfirm, labelled: s.labelled, either: s.either, medianBefore: median(s.before) ?? null, medianAfter: median(s.after) ?? null }]));
  const refusals = Object.fromEntries([...byClass].sort((a, b) => b[1].count - a[1].count).map(([k, c]) => [k, { count: c.count, reasons: Object.fromEntries([...c.reasons].sort((a, b) => b[1] - a[1])) }]));
  process.stdout.write(`${JSON.stringify({ corpus: { stacks, total: { ...total, before: undefined, after: undefined, offeredRate: rate, medianBefore: median(total.before) ?? null, medianAfter: median(total.after) ?? null }, refusals, negatives, throws }, builtAndPassed: built, details }, null, 2)}\n`);
} else {
  const n = (v, w) => String(v).padStart(w);
  const line = (name, s) =>
    `${name.padEnd(18)} ${n(s.seen, 5)} ${n(s.offered, 8)} ${n(s.refused, 8)} ${n(s.placeholders, 8)} ${n(s.nginx, 6)} ${n(s.run, 5)} ${n(s.runConfirm, 8)} ${n(s.either, 7)}   ${mb(median(s.before))} -> ${mb(median(s.after))}`;
  const pct = (x) => `${x}/${total.seen} = ${((x / total.seen) * 100).toFixed(1)} %`;
  console.log(`Conversion eval over ${dir} (${rows.length} files)`);
  console.log(`${''.padEnd(18)} ${''.padStart(5)} ${'default conversion'.padStart(35)}   ${'labelled variants'.padStart(21)}`);
  console.log(`${'stack'.padEnd(18)} ${'seen'.padStart(5)} ${'offered'.padStart(8)} ${'refused'.padStart(8)} ${'confirm'.padStart(8)} ${'nginx'.padStart(6)} ${'run'.padStart(5)} ${'confirm'.padStart(8)} ${'either'.padStart(7)}   median size before -> after (default)${estimate ? ' (compressed, core/size)' : ' (core/size not available)'}`);
  for (const [k, s] of [...perStack].sort()) console.log(line(k, s));
  console.log(line('TOTAL', total));
  console.log(`offered, default conversion (unproven: corpus files are not built): ${pct(total.offered)} of single-stage app builds`);
  console.log(`refused, default conversion:                                        ${pct(total.refused)}`);
  console.log(`labelled variants offered (change how the container starts, say so): ${pct(total.labelled)} (nginx ${total.nginx}, run-artifact ${total.run}, of which ${total.runConfirm} ask to confirm a value)`);
  console.log(`either (a default or a labelled conversion offered):                 ${pct(total.either)}`);
  console.log(`negative controls (prebuilt, interpreted, base images): ${negatives.offered}/${negatives.seen} offered a conversion${negatives.files.length ? `: ${negatives.files.join(', ')}` : ''}`);
  console.log(`files where a conversion threw: ${throws}`);
  console.log('refused (default conversion), by class and reason:');
  for (const [k, c] of [...byClass].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  ${String(c.count).padStart(3)}  ${k}`);
    for (const [r, m] of [...c.reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`         ${String(m).padStart(3)}  ${r}`);
  }
  console.log('');
  if (!built) console.log(`valid (built and passed): unknown: no ${path.relative(root, resultsFile)}; run \`npm run test:build\` (needs podman/buildah) to measure it`);
  else {
    console.log(`valid = built and passed (build-and-run suite, ${path.relative(root, built.file)}, ${built.finishedAt}${built.selected === 'all' ? '' : `, fixtures ${built.selected.join(', ')} only`}):`);
    const proven = built.offered - built.notBuilt.length;
    console.log(`  ${built.builtAndPassed}/${proven} offered conversions of ${built.fixtures} fixtures built and passed (same answer, smaller (the same size for name-stage and extract-base), equal config, files and users present)`);
    for (const f of built.failed) console.log(`  FAILED ${f.fixture} ${f.kind}: ${f.failure}`);
    if (built.notBuilt.length) console.log(`  not built here: ${built.notBuilt.length} (${built.notBuilt.map((f) => `${f.fixture} ${f.kind}`).join(', ')}): ${built.notBuilt[0].why}`);
    console.log(`  refused: ${built.refused.length}`);
    for (const f of built.refused) console.log(`    ${f.fixture} ${f.kind} [${f.class}]: ${f.reason}`);
  }
  if (verbose) {
    console.log('no conversion of any kind, with the reasons:');
    for (const d of details.filter((d) => d.reason && !d.nginx && !d.runArtifact)) console.log(`  ${(d.stack ?? '').padEnd(16)} ${d.file}\n      default: ${d.reason}\n      run-artifact: ${d.runArtifactReason}`);
    for (const d of details) console.log(`${d.offered ? 'ok ' : d.nginx || d.runArtifact ? 'lbl' : 'no '} ${(d.stack ?? '').padEnd(16)} ${d.file}${d.reason ? `: ${d.reason}` : ''}${d.error ? `: ${d.error}` : ''}`);
  }
}
