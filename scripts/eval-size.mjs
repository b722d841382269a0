// Evaluates the size estimator against real image sizes, in three parts that share no family:
//  1. fitting: ../shared/eval/size/ (official golang, python, node and rust images built from their own
//     Dockerfiles). The estimator's artifact constants (Node tarball, Go SDK, CPython, Rust toolchain) and the
//     derived buildpack-deps rows were read from these families' layers, so their error is in-sample.
//  2. held-out: scripts/size-data/eval-heldout.json (official php, gcc, haproxy and redis Dockerfiles from
//     ../shared/corpus with the real download size of the image each produced). Nothing was fitted to them.
//  3. built fixtures: scripts/size-data/fixture-builds.json (the offline-images apps, built here; stand-in
//     bases) and, when present, test-results/build/results.json (the build-and-run suite's originals and
//     conversions): the whole image and the layers the Dockerfile adds, against the estimate.
// Prints each row and, per part, the median absolute error, the share within ±30 % and the largest factor off.
// Exit code 1 when the held-out part misses its targets (median ≤ 15 %, ≥ 80 % within ±30 %) or a built
// fixture is off by more than 2×.
// Usage: npm run eval:size [-- --json] [-- --shared path/to/shared]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = require(path.join(root, 'out/server/src/core/index.js'));
const { NodeFileSystemHost } = require(path.join(root, 'out/server/src/node/nodeHost.js'));

const argv = process.argv.slice(2);
const sharedArg = argv.indexOf('--shared');
const shared = path.resolve(sharedArg >= 0 ? argv[sharedArg + 1] : path.join(root, '..', 'shared'));
const asJson = argv.includes('--json');
// The service's estimate, as the language server and `estimate` call it, over the files on disk.
const service = core.createStagesService({ files: new NodeFileSystemHost(), hostArch: 'amd64' });
let version = 0;
const slash = (p) => p.replace(/\\/g, '/');
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

async function estimateFile(file, contextDir, substitute = []) {
  let text = fs.readFileSync(file, 'utf8');
  // A stand-in build replaced a base the offline kit cannot make (alpine): estimate the file that was built.
  for (const [from, to] of substitute) text = text.split(from).join(to);
  const doc = { uri: core.pathToUri(slash(path.resolve(file))), version: ++version, text };
  return (await service.estimate(doc, { arch: 'amd64', context: { dir: slash(contextDir), dockerfilePath: slash(file) } })).estimate;
}

/** Error of an estimate against the truth, and how many times off it is (≥ 1). */
function compare(estimate, truth) {
  const error = (estimate - truth) / truth;
  const factor = estimate > 0 && truth > 0 ? Math.max(estimate / truth, truth / estimate) : Infinity;
  return { error, factor };
}

// 1 + 2: images with a published download (compressed) size.
async function imageRows(list, dir, part) {
  const rows = [];
  for (const t of list) {
    const file = path.join(dir, t.file);
    if (!fs.existsSync(file)) {
      rows.push({ part, image: t.image, missing: file });
      continue;
    }
    const est = await estimateFile(file, dir);
    const f = est.final;
    const got = f?.compressedBytes ?? 0;
    const { error, factor } = compare(got, t.compressedBytes);
    rows.push({
      part,
      image: t.image,
      family: t.family ?? familyOf(t.image),
      truth: t.compressedBytes,
      estimate: got,
      low: f?.low,
      high: f?.high,
      unknownBase: f?.unknownBase ?? true,
      error,
      factor,
      inRange: f ? f.low <= t.compressedBytes && t.compressedBytes <= f.high : false,
      source: t.source,
    });
  }
  return rows;
}

function familyOf(image) {
  return image.split(':')[0].split('/').pop();
}

// 3: built fixtures (uncompressed, what `podman image inspect` reports).
async function fixtureRows() {
  const rows = [];
  const recorded = path.join(root, 'scripts', 'size-data', 'fixture-builds.json');
  if (fs.existsSync(recorded)) {
    const data = readJson(recorded);
    for (const b of data.builds) {
      const dir = path.join(b.root === 'repo' ? root : shared, b.context);
      const file = path.join(dir, b.dockerfile ?? 'Dockerfile');
      if (!fs.existsSync(file)) continue;
      rows.push(await fixtureRow(`${b.name}`, file, dir, b.imageBytes, b.baseBytes, 'fixture-builds.json', b.substitute));
    }
  }
  const suite = path.join(root, 'test-results', 'build', 'results.json');
  if (fs.existsSync(suite)) {
    const data = readJson(suite);
    for (const f of data.fixtures ?? []) {
      const dir = path.join(root, 'test', 'fixtures', 'build', f.fixture);
      if (f.original?.built && f.original.sizeBytes) {
        rows.push(await fixtureRow(`${f.fixture} (original)`, path.join(dir, 'Dockerfile'), dir, f.original.sizeBytes, undefined, 'results.json'));
      }
      for (const [kind, c] of Object.entries(f.conversions ?? {})) {
        if (!c?.built || !c.sizeBytes || !c.dockerfile) continue;
        const file = path.join(root, c.dockerfile);
        if (fs.existsSync(file)) rows.push(await fixtureRow(`${f.fixture} (${kind})`, file, dir, c.sizeBytes, undefined, 'results.json'));
      }
    }
  }
  return rows;
}

async function fixtureRow(name, file, dir, imageBytes, baseBytes, from, substitute) {
  const est = await estimateFile(file, dir, substitute);
  const f = est.final;
  const stage = f ? est.stages[f.stage] : undefined;
  const got = f?.uncompressedBytes ?? 0;
  const whole = compare(got, imageBytes);
  const row = { part: 'fixture', image: name, from, truth: imageBytes, estimate: got, low: f?.uncompressedLow, high: f?.uncompressedHigh, unknownBase: f?.unknownBase ?? true, error: whole.error, factor: whole.factor };
  // The layers the Dockerfile adds: image minus its (stand-in) base, against the estimate minus its base.
  if (baseBytes !== undefined && stage && est.stages.length === 1) {
    const added = imageBytes - baseBytes;
    const estAdded = stage.uncompressedBytes - stage.base.uncompressedBytes;
    const layers = compare(Math.max(1, estAdded), Math.max(1, added));
    Object.assign(row, { addedTruth: added, addedEstimate: estAdded, addedError: layers.error, addedFactor: layers.factor });
  }
  return row;
}

function summary(rows) {
  const ok = rows.filter((r) => r.truth !== undefined);
  const abs = ok.map((r) => Math.abs(r.error)).sort((a, b) => a - b);
  const median = !abs.length ? NaN : abs.length % 2 ? abs[(abs.length - 1) / 2] : (abs[abs.length / 2 - 1] + abs[abs.length / 2]) / 2;
  const within30 = ok.filter((r) => Math.abs(r.error) <= 0.3).length;
  const worst = Math.max(...ok.map((r) => r.factor), ...ok.filter((r) => r.addedFactor).map((r) => r.addedFactor));
  return { n: ok.length, median, within30, share30: ok.length ? within30 / ok.length : NaN, worstFactor: worst, inRange: ok.filter((r) => r.inRange).length };
}

const fitting = await imageRows(readJson(path.join(shared, 'eval', 'size', 'truth.json')), path.join(shared, 'eval', 'size'), 'fitting');
const heldList = readJson(path.join(root, 'scripts', 'size-data', 'eval-heldout.json')).images;
const held = await imageRows(heldList, path.join(shared, 'corpus'), 'held-out');
const fixtures = await fixtureRows();
const fitFamilies = new Set(fitting.map((r) => r.family));
const overlap = held.filter((r) => fitFamilies.has(r.family)).map((r) => r.family);
if (overlap.length) console.error(`eval-size: families in both parts: ${overlap.join(', ')}`);

const parts = { fitting: summary(fitting), heldOut: summary(held), fixtures: summary(fixtures) };
const mb = (b) => (b === undefined || b === null ? '' : (b / 1e6).toFixed(1)).padStart(8);
const pct = (e) => `${e >= 0 ? '+' : ''}${(e * 100).toFixed(1)} %`.padStart(9);

if (asJson) {
  console.log(JSON.stringify({ parts, fitting, heldOut: held, fixtures }, null, 2));
} else {
  for (const [title, rows, unit] of [
    ['fitting part (in-sample: constants were read from these families)', fitting, 'compressed'],
    ['held-out part (families nothing was fitted to)', held, 'compressed'],
  ]) {
    console.log(`\n${title} — ${unit} MB`);
    console.log(`${'image'.padEnd(26)} ${'truth'.padStart(8)} ${'estimate'.padStart(8)} ${'error'.padStart(9)}  range`);
    for (const r of rows) {
      if (r.missing) {
        console.log(`${r.image.padEnd(26)} (not found: ${r.missing})`);
        continue;
      }
      console.log(`${r.image.padEnd(26)} ${mb(r.truth)} ${mb(r.estimate)} ${pct(r.error)}  ${mb(r.low).trim()}–${mb(r.high).trim()}${r.inRange ? '' : ' (truth outside)'}${r.unknownBase ? ' · base unknown' : ''}`);
    }
  }
  console.log('\nbuilt fixtures — uncompressed MB (podman image inspect); "added" = image minus its stand-in base');
  console.log(`${'fixture'.padEnd(34)} ${'truth'.padStart(8)} ${'estimate'.padStart(8)} ${'error'.padStart(9)}  ${'added'.padStart(8)} ${'est.'.padStart(8)} ${'factor'.padStart(7)}`);
  for (const r of fixtures) {
    console.log(`${r.image.padEnd(34)} ${mb(r.truth)} ${mb(r.estimate)} ${pct(r.error)}  ${r.addedTruth !== undefined ? `${mb(r.addedTruth)} ${mb(r.addedEstimate)} ${`${r.addedFactor.toFixed(2)}×`.padStart(7)}` : ''}`);
  }
  const line = (name, s) => `${name.padEnd(10)} n=${s.n}  median |error| ${(s.median * 100).toFixed(1)} %  within ±30 %: ${s.within30}/${s.n}  worst ${s.worstFactor.toFixed(2)}×`;
  console.log('');
  console.log(line('fitting', parts.fitting));
  console.log(line('held-out', parts.heldOut) + '   (targets: median ≤ 15 %, ≥ 80 % within ±30 %)');
  console.log(line('fixtures', parts.fixtures) + '   (target: none off by more than 2×)');
}
const pass = parts.heldOut.median <= 0.15 && parts.heldOut.share30 >= 0.8 && (!fixtures.length || parts.fixtures.worstFactor <= 2);
process.exitCode = pass ? 0 : 1;
