// Evaluates the size estimator on ../shared/eval/size/ (read at run time): each official image's own
// Dockerfile, estimated from its FROM, against the real amd64 download size in truth.json.
// Prints the error per image and the median absolute error on the compressed size (target ≤ 15 %).
// Usage: npm run eval:size [-- --json] [-- --dir path/to/eval/size]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = require(path.join(root, 'out/server/src/core/index.js'));
const { NodeFileSystemHost } = require(path.join(root, 'out/server/src/node/nodeHost.js'));

const argv = process.argv.slice(2);
const dirArg = argv.indexOf('--dir');
const dir = path.resolve(dirArg >= 0 ? argv[dirArg + 1] : path.join(root, '..', 'shared', 'eval', 'size'));
const asJson = argv.includes('--json');
const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));
const host = new NodeFileSystemHost();

const mb = (b) => (b / 1e6).toFixed(1).padStart(7);
const rows = [];
for (const t of truth) {
  const file = path.join(dir, t.file);
  const text = fs.readFileSync(file, 'utf8');
  const model = core.buildModel(text);
  const context = await core.measureContext(model, host, { contextDir: dir.replace(/\\/g, '/'), dockerfilePath: file.replace(/\\/g, '/') });
  const est = core.estimateImage(model, { arch: 'amd64', context });
  const got = est.final?.compressedBytes ?? 0;
  const err = (got - t.compressedBytes) / t.compressedBytes;
  const inRange = est.final ? est.final.low <= t.compressedBytes && t.compressedBytes <= est.final.high : false;
  const uErr = t.uncompressedBytes ? ((est.final?.uncompressedBytes ?? 0) - t.uncompressedBytes) / t.uncompressedBytes : undefined;
  rows.push({ image: t.image, file: t.file, truth: t.compressedBytes, estimate: got, low: est.final?.low, high: est.final?.high, error: err, inRange, uncompressedTruth: t.uncompressedBytes ?? null, uncompressedEstimate: est.final?.uncompressedBytes, uncompressedError: uErr ?? null });
}
const abs = rows.map((r) => Math.abs(r.error)).sort((a, b) => a - b);
const median = abs.length % 2 ? abs[(abs.length - 1) / 2] : (abs[abs.length / 2 - 1] + abs[abs.length / 2]) / 2;
if (asJson) {
  console.log(JSON.stringify({ rows, medianAbsError: median }, null, 2));
} else {
  console.log(`${'image'.padEnd(22)} ${'truth MB'.padStart(9)} ${'est. MB'.padStart(9)} ${'error'.padStart(8)}  range (MB)          truth in range`);
  for (const r of rows) {
    console.log(`${r.image.padEnd(22)} ${mb(r.truth)}   ${mb(r.estimate)}   ${((r.error >= 0 ? '+' : '') + (r.error * 100).toFixed(1) + ' %').padStart(8)}  ${mb(r.low)}–${mb(r.high).trim().padEnd(8)}  ${r.inRange ? 'yes' : 'no'}`);
  }
  for (const r of rows.filter((x) => x.uncompressedError !== null)) {
    console.log(`uncompressed ${r.image}: truth ${mb(r.uncompressedTruth).trim()} MB, estimate ${mb(r.uncompressedEstimate).trim()} MB (${(r.uncompressedError >= 0 ? '+' : '') + (r.uncompressedError * 100).toFixed(1)} %)`);
  }
  console.log(`median absolute error (compressed): ${(median * 100).toFixed(1)} %  (target ≤ 15 %)  · truth within range: ${rows.filter((r) => r.inRange).length}/${rows.length}`);
}
process.exitCode = median <= 0.15 ? 0 : 1;
