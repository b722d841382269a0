#!/usr/bin/env node
/**
 * The build-and-run suite (`npm run test:build`, run at the end of `npm test`): for every fixture under
 * test/fixtures/build/ (format: test/fixtures/build/README.md) it asks the product (dist/cli.js convert) for
 * every conversion kind, builds the original and every offered conversion with the offline-images kit
 * (../shared/tools/offline-images/build-run, under flock /tmp/offline-build.lock), runs both, and asserts:
 * both build, the app answers the same, the converted image is smaller (the same size for name-stage and
 * extract-base, which only restructure the file), the image configs are equal (only the
 * documented exceptions), the paths/users the app needs exist, and a refusal says why. A conversion onto a base image
 * this machine has no copy of (the kit makes no alpine image) is listed as not built.
 *
 *   node scripts/build-suite.mjs [FIXTURE ...]
 *
 * Locally, without podman/buildah, it skips with a message (exit 0); under CI=true it must run: it calls the
 * kit's `setup` (idempotent) first and fails when it cannot build. Results: test-results/build/results.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'test/fixtures/build');
const OUT = path.join(ROOT, 'test-results/build');
const KIT = path.resolve(ROOT, process.env.OFFLINE_IMAGES_KIT ?? '../shared/tools/offline-images');
const LOCK = '/tmp/offline-build.lock';
const CLI = path.join(ROOT, 'dist/cli.js');
const KINDS = ['multi-stage', 'dev-build-runtime', 'nginx', 'run-artifact', 'switch-base', 'name-stage', 'extract-base'];
/** Rewrites of the file's structure only: the image must come out the same size (within 1 %), not smaller. */
const STRUCTURAL = new Set(['name-stage', 'extract-base']);
/** The labelled variants say they change how the container starts: these fields may differ, nothing else. */
const VARIANT_FIELDS = { nginx: ['Cmd', 'Entrypoint', 'ExposedPorts', 'StopSignal', 'User'], 'run-artifact': ['Cmd', 'Entrypoint'] };
const TAG_REPO = 'localhost/dockerfile-stages-suite';
const require = createRequire(import.meta.url);
/** server/src/node/builder.ts, compiled (loaded in main, after the checks). */
let builder;
const CI = process.env.CI === 'true' || process.env.CI === '1';

const log = (...a) => console.log('[build-suite]', ...a);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Holds /tmp/offline-build.lock (flock, shared with every helper and the kit) while fn runs. */
let lockWaitMs = 0;
async function withLock(fn) {
  const asked = Date.now();
  const holder = spawn('flock', [LOCK, 'sh', '-c', 'echo locked; read _'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    holder.stdout.once('data', resolve);
    holder.once('exit', (code) => reject(new Error(`flock ${LOCK} exited with ${code}`)));
  });
  lockWaitMs += Date.now() - asked;
  try {
    return await fn();
  } finally {
    holder.stdin.end();
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const portInUse = (port) =>
  new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

async function build(ctx, file, tag) {
  // buildah's layer cache (BUILDAH_LAYERS, read by `buildah bud`): a conversion's build stage repeats the original's
  // steps on the same base, so they are reused instead of run again; the runtime stage is still assembled from
  // the build stage's real files. Keeps the suite within minutes on 2 cores.
  const r = await run(path.join(KIT, 'build-run'), ['--build-only', '-t', tag, ctx, file], { timeoutMs: 15 * 60_000, env: { BUILDAH_LAYERS: process.env.BUILDAH_LAYERS ?? 'true' } });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('RESULT ')).pop();
  const result = line ? JSON.parse(line.slice(7)) : undefined;
  return { ok: r.code === 0 && result?.build === 'ok', size: result?.size ?? null, log: r.stderr.split('\n').slice(-30).join('\n') };
}

/** Size and normalized config through the product's own builder module (server/src/node/builder.ts). */
async function inspect(ref) {
  try {
    return await builder.inspectImage('podman', ref);
  } catch {
    return undefined;
  }
}

/**
 * Config differences between original and converted (builder.diffConfigs). A key of Env or Labels that each
 * image inherits unchanged from its own base is an allowed (documented) difference; the labelled variants may
 * change their fields (VARIANT_FIELDS). Everything else fails.
 */
function compareConfigs(kind, orig, conv, origBase, convBase) {
  const diffs = [];
  const allowed = [];
  for (const d of builder.markInherited(builder.diffConfigs(orig.config, conv.config), origBase?.config, convBase?.config)) {
    const variant = !d.field.includes('.') && VARIANT_FIELDS[kind]?.includes(d.field);
    const entry = { field: d.field, original: d.before, converted: d.after };
    if (d.inherited) allowed.push({ ...entry, why: 'inherited unchanged from each base image' });
    else if (variant) allowed.push({ ...entry, why: `the ${kind} variant changes how the container starts (it says so)` });
    else diffs.push(entry);
  }
  return { diffs, allowed };
}

/** Runs the image and returns its answer: { ok, answer, log }. */
async function probe(tag, expect, want) {
  const timeoutMs = (expect.timeout ?? 60) * 1000;
  if (expect.command) {
    const r = await run('podman', ['run', '--rm', '--network', 'host', tag, ...(expect.command.args ?? [])], { timeoutMs });
    const answer = `${r.stdout}${r.stderr}`.trim();
    return { ok: r.code === 0, answer: `exit ${r.code}: ${answer}`, log: answer.slice(-2000) };
  }
  const { port, path: urlPath = '/' } = expect.http;
  for (let i = 0; i < 30 && (await portInUse(port)); i++) await sleep(1000);
  if (await portInUse(port)) return { ok: false, answer: null, log: `port ${port} is in use on this host` };
  const started = await run('podman', ['run', '-d', '--network', 'host', tag]);
  if (started.code !== 0) return { ok: false, answer: null, log: started.stderr };
  const cid = started.stdout.trim();
  try {
    const deadline = Date.now() + timeoutMs;
    let last = null;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { signal: AbortSignal.timeout(5000) });
        last = `${res.status} ${await res.text()}`;
        if (want(last)) return { ok: true, answer: last, log: '' };
      } catch {
        /* not up yet */
      }
      const state = await run('podman', ['inspect', '-f', '{{.State.Running}}', cid]);
      if (state.stdout.trim() !== 'true' || Date.now() > deadline) {
        const logs = await run('podman', ['logs', cid]);
        return { ok: false, answer: last, log: `${state.stdout.trim() !== 'true' ? 'the container exited' : 'no matching answer in time'}\n${(logs.stdout + logs.stderr).slice(-2000)}` };
      }
      await sleep(500);
    }
  } finally {
    await run('podman', ['rm', '-f', '-t', '2', cid]);
  }
}

/** Paths and users checked on the image's own filesystem (works for images without a shell). */
async function checkFiles(tag, expect, user) {
  const m = await run('podman', ['image', 'mount', tag]);
  if (m.code !== 0) return { missingPaths: [], missingUsers: [], error: `podman image mount: ${m.stderr.trim()}` };
  const root = m.stdout.trim();
  try {
    const resolve = (p) => {
      // Resolve absolute symlinks inside the image root, not on the host.
      let cur = root;
      for (const part of p.split('/').filter(Boolean)) {
        let next = path.join(cur, part);
        for (let i = 0; i < 20; i++) {
          let target;
          try {
            target = readlinkSafe(next);
          } catch {
            break;
          }
          if (target === undefined) break;
          next = target.startsWith('/') ? path.join(root, target) : path.join(path.dirname(next), target);
        }
        cur = next;
      }
      return cur;
    };
    const missingPaths = (expect.paths ?? []).filter((p) => !existsSync(resolve(p)));
    let passwd = '';
    try {
      passwd = readFileSync(resolve('/etc/passwd'), 'utf8');
    } catch {
      /* no passwd */
    }
    const names = new Set(passwd.split('\n').map((l) => l.split(':')[0]).filter(Boolean));
    const users = [...(expect.users ?? [])];
    const u = user?.split(':')[0];
    if (u && !/^\d+$/.test(u)) users.push(u);
    return { missingPaths, missingUsers: [...new Set(users)].filter((x) => !names.has(x)) };
  } finally {
    await run('podman', ['image', 'unmount', tag]);
  }
}

/** The external images a Dockerfile's FROMs name (not its stages, not scratch, not set through an ARG). */
function externalBases(text) {
  const stages = new Set();
  const out = [];
  for (const m of text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/gim)) {
    const ref = m[1];
    if (ref !== 'scratch' && !ref.includes('$') && !stages.has(ref.toLowerCase())) out.push(ref);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return out;
}

/** Those of the images that this machine has no copy of (the offline-images kit makes no alpine image, say). */
async function missingImages(refs) {
  const missing = [];
  for (const ref of refs) if ((await run('podman', ['image', 'exists', ref])).code !== 0) missing.push(ref);
  return missing;
}

function readlinkSafe(p) {
  return lstatSync(p).isSymbolicLink() ? readlinkSync(p) : undefined;
}

async function offers(fixtureDir, expect) {
  const out = {};
  const valueArgs = Object.entries(expect.values ?? {}).flatMap(([k, v]) => ['--value', `${k}=${v}`]);
  for (const kind of KINDS) {
    const stageArgs = (kind === 'switch-base' || kind === 'name-stage') && expect.switchStage !== undefined ? ['--stage', String(expect.switchStage)] : [];
    const r = await run(process.execPath, [CLI, 'convert', path.join(fixtureDir, 'Dockerfile'), '--to', kind, ...valueArgs, ...stageArgs]);
    if (r.code === 0) out[kind] = { offered: true, text: r.stdout, notes: r.stderr.split('\n').filter((l) => l.startsWith('note: ')).map((l) => l.slice(6)) };
    else if (r.code === 3) out[kind] = { offered: false, reason: r.stderr.trim().replace(/^.*?Dockerfile: (no conversion: )?/, '') };
    else out[kind] = { offered: false, error: `convert exited ${r.code}: ${r.stderr.trim()}` };
  }
  return out;
}

async function runFixture(name) {
  const dir = path.join(FIXTURES, name);
  const expect = JSON.parse(readFileSync(path.join(dir, 'expect.json'), 'utf8'));
  const original = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  const outDir = path.join(OUT, name);
  mkdirSync(outDir, { recursive: true });
  const result = { fixture: name, original: {}, conversions: {}, failures: [] };
  const fail = (msg) => (result.failures.push(msg), log(`  FAIL ${name}: ${msg}`));
  const product = await offers(dir, expect);
  for (const [kind, p] of Object.entries(product)) {
    const must = expect.product?.[kind];
    if (p.error) fail(`${kind}: ${p.error}`);
    else if (!p.offered && !p.reason) fail(`${kind}: refused without a reason`);
    if (must === 'offer' && !p.offered) fail(`${kind}: expected an offer, refused: ${p.reason ?? p.error}`);
    if (must === 'refuse' && p.offered) fail(`${kind}: expected a refusal, but a conversion was offered`);
  }
  const anyOffer = Object.values(product).some((p) => p.offered);
  const origTag = `${TAG_REPO}/${name}:original`;
  const want = (a) => (expect.http ? a !== null && a.startsWith('200 ') && a.includes(expect.http.contains ?? '') : a.includes(expect.command.contains ?? ''));
  let orig;
  let origBase;
  let origAnswer;
  if (anyOffer) {
    log(`${name}: building the original`);
    await withLock(async () => {
      const t0 = Date.now();
      const b = await build(dir, path.join(dir, 'Dockerfile'), origTag);
      Object.assign(result.original, { tag: origTag, built: b.ok, sizeBytes: b.size, buildSeconds: Math.round((Date.now() - t0) / 1000) });
      if (!b.ok) return fail(`the original does not build:\n${b.log}`);
      orig = await inspect(origTag);
      origBase = await inspect(builder.finalBaseImage(original));
      const pr = await probe(origTag, expect, want);
      result.original.answered = pr.ok && want(pr.answer ?? '');
      result.original.answer = pr.answer;
      origAnswer = pr.answer;
      if (!result.original.answered) fail(`the original does not answer as expect.json says: ${pr.answer}\n${pr.log}`);
    });
  }
  for (const kind of KINDS) {
    const p = product[kind];
    const c = { offered: p.offered };
    result.conversions[kind] = c;
    if (!p.offered) {
      c.reason = p.reason ?? p.error;
      continue;
    }
    c.notes = p.notes;
    c.failures = [];
    const cfail = (msg) => (c.failures.push(msg), fail(`${kind}: ${msg}`));
    const file = path.join(outDir, `${kind}.Dockerfile`);
    writeFileSync(file, p.text);
    c.dockerfile = path.relative(ROOT, file);
    c.copyFrom = /^\s*COPY\s+(?:--\S+\s+)*--from=/im.test(p.text);
    if (!orig || !result.original.answered) {
      c.passed = false;
      cfail('not checked: the original did not build and answer');
      continue;
    }
    // A conversion onto an image the kit cannot make here (alpine) is reported as not built, not as a pass or a failure.
    const missing = await missingImages(externalBases(p.text).filter((ref) => !externalBases(original).includes(ref)));
    if (missing.length) {
      c.notBuilt = `no copy of ${missing.join(', ')} on this machine (the offline-images kit does not make it)`;
      log(`${name}: ${kind} not built: ${c.notBuilt}`);
      continue;
    }
    const tag = `${TAG_REPO}/${name}:${kind}`;
    log(`${name}: building ${kind}`);
    await withLock(async () => {
      const t0 = Date.now();
      const b = await build(dir, file, tag);
      Object.assign(c, { tag, built: b.ok, sizeBytes: b.size, buildSeconds: Math.round((Date.now() - t0) / 1000) });
      if (!b.ok) return cfail(`does not build:\n${b.log}`);
      const conv = await inspect(tag);
      const convBase = await inspect(builder.finalBaseImage(p.text));
      const pr = await probe(tag, expect, (a) => a === origAnswer);
      c.answer = pr.answer;
      c.answered = pr.ok && pr.answer === origAnswer;
      if (!c.answered) cfail(`answers differently: ${JSON.stringify(pr.answer)} instead of ${JSON.stringify(origAnswer)}\n${pr.log}`);
      c.smaller = conv.size < orig.size;
      if (STRUCTURAL.has(kind)) {
        c.sameSize = Math.abs(conv.size - orig.size) <= orig.size * 0.01;
        if (!c.sameSize) cfail(`changes the image's size: ${conv.size} bytes against ${orig.size} (a structural rewrite must not)`);
      } else if (!c.smaller) cfail(`is not smaller: ${conv.size} bytes against ${orig.size}`);
      const cmp = compareConfigs(kind, orig, conv, origBase, convBase);
      c.configDiffs = cmp.diffs;
      c.allowedConfigDiffs = cmp.allowed;
      for (const d of cmp.diffs) cfail(`config ${d.field} differs: ${JSON.stringify(d.original)} → ${JSON.stringify(d.converted)}`);
      const files = await checkFiles(tag, expect, conv.config.User);
      Object.assign(c, files);
      if (files.error) cfail(files.error);
      for (const p2 of files.missingPaths) cfail(`${p2} is missing`);
      for (const u of files.missingUsers) cfail(`user ${u} does not exist`);
    });
    c.passed = c.failures.length === 0;
  }
  result.passed = result.failures.length === 0;
  return result;
}

async function main() {
  const started = Date.now();
  const only = process.argv.slice(2);
  if (!has('buildah') || !has('podman') || !existsSync(path.join(KIT, 'build-run'))) {
    if (!CI) {
      log(`skipped: no podman/buildah or no offline-images kit at ${KIT} (run ${path.join(KIT, 'setup')}; under CI=true the suite sets it up and must run)`);
      return 0;
    }
    if (!existsSync(path.join(KIT, 'setup'))) {
      log(`FAILED: CI=true but the offline-images kit is missing at ${KIT}`);
      return 1;
    }
  }
  if (CI) {
    log('CI=true: making sure the base images exist (offline-images setup)');
    const s = spawnSync(path.join(KIT, 'setup'), [], { stdio: 'inherit' });
    if (s.status !== 0) {
      log('FAILED: offline-images setup failed');
      return 1;
    }
  }
  if (!existsSync(CLI) || !existsSync(path.join(ROOT, 'out/server/src/node/builder.js'))) {
    log('FAILED: dist/cli.js or out/ is missing: run `npm run compile` first');
    return 1;
  }
  builder = require(path.join(ROOT, 'out/server/src/node/builder.js'));
  const names = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(FIXTURES, d.name, 'expect.json')))
    .map((d) => d.name)
    .filter((n) => !only.length || only.includes(n))
    .sort();
  mkdirSync(OUT, { recursive: true });
  const fixtures = [];
  for (const name of names) {
    const t0 = Date.now();
    try {
      fixtures.push({ ...(await runFixture(name)), seconds: Math.round((Date.now() - t0) / 1000) });
    } catch (e) {
      fixtures.push({ fixture: name, passed: false, failures: [`suite error: ${e?.stack ?? e}`] });
    }
    writeResults(fixtures, started, only);
  }
  const verifyCli = only.length && !only.includes(VERIFY_FIXTURE) ? undefined : await checkVerifyCli();
  const results = writeResults(fixtures, started, only, verifyCli);
  printTable(results);
  if (verifyCli && !verifyCli.passed) log(`FAIL dockerfile-stages verify: ${verifyCli.failures.join('; ')}`);
  const failed = fixtures.filter((f) => !f.passed);
  log(`${fixtures.length - failed.length}/${fixtures.length} fixtures passed in ${Math.round(results.seconds)} s (${results.lockWaitSeconds} s of it waiting for the build lock)${failed.length ? `; failed: ${failed.map((f) => f.fixture).join(', ')}` : ''}`);
  return failed.length || (verifyCli && !verifyCli.passed) ? 1 : 0;
}

/** The fixture the real `dockerfile-stages verify` run uses (small, quick, needs no network). */
const VERIFY_FIXTURE = 'java-javac';

/** The product's own verify command, for real, with podman (chroot isolation, as the kit builds here). */
async function checkVerifyCli() {
  const file = path.join('test/fixtures/build', VERIFY_FIXTURE, 'Dockerfile');
  log(`dockerfile-stages verify ${file} --builder podman --json --remove`);
  const t0 = Date.now();
  const r = await withLock(() => run(process.execPath, [CLI, 'verify', file, '--builder', 'podman', '--json', '--remove'], { env: { BUILDAH_ISOLATION: 'chroot' }, timeoutMs: 10 * 60_000 }));
  const out = { command: `dockerfile-stages verify ${file} --builder podman --json --remove`, exitCode: r.code, seconds: Math.round((Date.now() - t0) / 1000), failures: [] };
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    out.failures.push(`no JSON report (exit ${r.code}): ${r.stderr.split('\n').slice(-5).join(' | ')}`);
  }
  if (report) {
    out.report = report;
    if (r.code !== 0) out.failures.push(`exit ${r.code}`);
    if (!report.original.built || !report.converted.built) out.failures.push('a build failed');
    if (!(report.savingBytes > 0)) out.failures.push(`no saving measured (${report.savingBytes})`);
    const real = report.differences.filter((d) => !d.inherited);
    if (real.length) out.failures.push(`config differences: ${real.map((d) => d.field).join(', ')}`);
    if (!report.removed) out.failures.push('the images were not removed');
  }
  out.passed = out.failures.length === 0;
  return out;
}

function writeResults(fixtures, started, only, verifyCli) {
  // lockWaitSeconds: time spent waiting for other builds on this machine (the shared lock), not building.
  const results = { suite: 'build-and-run', finishedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000, lockWaitSeconds: Math.round(lockWaitMs / 1000), selected: only.length ? only : 'all', fixtures, verifyCli };
  writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

function printTable(results) {
  const mb = (b) => (typeof b === 'number' ? `${(b / 1e6).toFixed(1)} MB` : '-');
  const rows = [['fixture', 'kind', 'original', 'converted', 'answered', 'config diffs', 'result']];
  for (const f of results.fixtures) {
    for (const [kind, c] of Object.entries(f.conversions ?? {})) {
      if (!c.offered) rows.push([f.fixture, kind, '', '', '', '', `refused: ${(c.reason ?? '').slice(0, 70)}`]);
      else if (c.notBuilt) rows.push([f.fixture, kind, mb(f.original?.sizeBytes), '', '', '', `not built: ${c.notBuilt.slice(0, 70)}`]);
      else rows.push([f.fixture, kind, mb(f.original?.sizeBytes), mb(c.sizeBytes), c.answered ? 'yes' : 'no', String(c.configDiffs?.length ?? '-'), c.passed ? 'pass' : 'FAIL']);
    }
  }
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((x, i) => x.padEnd(w[i])).join('  '));
}

process.exitCode = await main();
