#!/usr/bin/env node
// `npm run test:e2e`: runs the e2e suite (test/e2e/suite) inside a real VS Code — code-server, driven by
// Debian's chromium through playwright-core — against the packaged product .vsix.
//
//  1. installs what it needs into the cache, once (scripts/e2e/lib/install.mjs);
//  2. builds the product .vsix (`npm run package`) and the test-only runner extension's .vsix;
//  3. installs both into a throwaway code-server (own --extensions-dir, --user-data-dir, config);
//  4. opens the workbench in chromium, which starts the extension host; the runner extension runs the
//     suite there and reports each result over HTTP on 127.0.0.1 to this script;
//  5. takes the screenshots the runner sets up (test-results/*.png), and exits non-zero on any failure,
//     on a run with no test, or on a timeout.
//
// Environment: E2E_TIMEOUT_MS (default 300000, from code-server start to the end of the suite),
// E2E_GREP (mocha grep), E2E_VSIX (use this .vsix instead of `npm run package`), E2E_CACHE_DIR,
// E2E_KEEP=1 (keep the throwaway folders), E2E_CHROMIUM (default /usr/bin/chromium),
// E2E_UPDATE_DOCS=1 (after a passing run, copy the screenshots into docs/images/ for the README).
import { spawn, execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildProductVsix, buildRunnerVsix, fixturesDir, typecheckE2E } from './lib/build.mjs';
import { log, repoRoot, resultsDir, rmrf } from './lib/common.mjs';
import { CHROMIUM, ensureAptPackages, ensureCodeServer, ensureNode24, ensurePlaywright } from './lib/install.mjs';
import { runUiTests } from '../../test/e2e/ui/run.mjs';

const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 300_000);
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The fixture left open for the screenshots, and the stage whose name the mouse hovers. */
const SHOWCASE = { file: 'showcase.Dockerfile', stage: 'build' };
const VIEWPORT = { width: 1280, height: 800 };

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'editor.codeLens': true,
  // Typing tests press Enter for a new line: a completion list that opens just after their Escape (the answer to
  // a request sent while typing) would otherwise take the Enter and the newline would be lost.
  'editor.acceptSuggestionOnEnter': 'off',
  'files.autoSave': 'off',
  'window.confirmBeforeClose': 'never',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The HTTP endpoint the runner extension reports to. Each event is printed and re-emitted. */
function startReportServer(events) {
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/event') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      let event;
      try {
        event = JSON.parse(body);
      } catch {
        res.writeHead(400).end();
        return;
      }
      // Listeners may hold the reply back (screenshots): the runner waits for it before going on.
      const waits = [];
      events.emit('event', event, (p) => waits.push(p));
      await Promise.allSettled(waits);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function printEvent(e, state) {
  switch (e.type) {
    case 'start':
      log(`suite started in the extension host: ${e.total} test(s)`);
      state.total = e.total;
      break;
    case 'pass':
      console.log(`  ✓ ${e.title} (${e.durationMs} ms)`);
      break;
    case 'pending':
      console.log(`  - ${e.title} (pending)`);
      break;
    case 'fail':
      state.failed.push(e);
      console.log(`  ✗ ${e.title}\n      ${String(e.message).split('\n').join('\n      ')}`);
      break;
    case 'end':
      state.end = e;
      log(`suite finished: ${e.passes} passed, ${e.failures} failed, ${e.pending} pending (${e.durationMs} ms)`);
      break;
    case 'log':
      log(`runner: ${e.message}`);
      break;
    case 'error':
      state.errors.push(e);
      log(`runner error: ${e.message}\n${e.stack ?? ''}`);
      break;
    case 'metric':
      state.metrics[e.name] = e;
      log(`${e.name}: ${e.ms.toFixed(0)} ms in VS Code ${e.vscodeVersion}`);
      break;
    case 'screenshot-ready':
      break;
    case 'done':
      state.done = true;
      break;
    default:
      log(`unknown event ${JSON.stringify(e)}`);
  }
}

/** Screen coordinates of the text (line, character, length) in the visible Monaco editor. */
async function textBox(page, lineText, character, length) {
  return page.evaluate(
    ({ lineText, character, length }) => {
      const norm = (s) => s.replace(/\u00a0/g, ' ').replace(/\s+$/, '');
      for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
        if (norm(line.textContent ?? '') !== norm(lineText)) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let seen = 0;
        const range = document.createRange();
        let started = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const len = node.textContent.length;
          if (!started && character < seen + len) {
            range.setStart(node, character - seen);
            started = true;
          }
          if (started && character + length <= seen + len) {
            range.setEnd(node, character + length - seen);
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          seen += len;
        }
      }
      return null;
    },
    { lineText, character, length },
  );
}

async function takeScreenshots(page, event, screenshotsDir) {
  const shot = async (name) => {
    const file = path.join(screenshotsDir, name);
    await page.screenshot({ path: file });
    log(`screenshot: ${path.relative(process.cwd(), file)}`);
  };
  // Syntax colouring is applied asynchronously: wait for a coloured token, so the shot shows it.
  await page.locator('.monaco-editor .view-lines .view-line span[class*="mtk"]:not(.mtk1)').first().waitFor({ state: 'visible', timeout: 30_000 });
  switch (event.step) {
    case 'diagnostics':
      await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
      await shot('dockerfile-diagnostics.png');
      break;
    case 'hover': {
      const { line, character, text, lineText } = event.hover;
      await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ state: 'visible', timeout: 30_000 });
      // CodeLens lines arrive asynchronously and push the text down: let them land before measuring, and
      // measure again on each try, so the mouse rests on the stage name and not on the line a lens moved there.
      await page
        .locator('.monaco-editor .codelens-decoration')
        .first()
        .waitFor({ state: 'visible', timeout: 15_000 })
        .catch(() => undefined);
      const hover = page.locator('.monaco-hover .hover-contents, .monaco-hover .markdown-hover').first();
      let shown = false;
      for (let attempt = 1; attempt <= 4 && !shown; attempt++) {
        const box = await textBox(page, lineText, character, text.length);
        if (!box) throw new Error(`hover: line ${line + 1} ("${lineText}") is not on screen`);
        const x = box.x + box.width / 2;
        const y = box.y + box.height / 2;
        await page.mouse.move(5, VIEWPORT.height - 5);
        await page.mouse.move(x - 40, y + 40);
        await page.mouse.move(x, y, { steps: 5 });
        shown = await hover
          .waitFor({ state: 'visible', timeout: 8_000 })
          .then(() => true)
          .catch(() => false);
        if (!shown) log(`hover: no hover after attempt ${attempt}; measuring again`);
      }
      if (!shown) throw new Error('hover: the stage hover did not show after 4 attempts');
      await shot('dockerfile-stage-hover.png');
      await page.mouse.move(5, VIEWPORT.height - 5);
      break;
    }
    case 'codelens':
      await page.locator('.monaco-editor .codelens-decoration a, .monaco-editor .codelens-decoration span').first().waitFor({ state: 'visible', timeout: 30_000 });
      await shot('dockerfile-codelens.png');
      break;
    case 'breakdown': {
      // A webview is an iframe holding another iframe with the page: wait for the page's content.
      await page.locator('iframe.webview').first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.frameLocator('iframe.webview').first().frameLocator('iframe').first().locator('body *').first().waitFor({ state: 'visible', timeout: 30_000 });
      await shot('dockerfile-size-breakdown.png');
      break;
    }
    default:
      throw new Error(`unknown screenshot step ${event.step}`);
  }
}

function killGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(t);
      resolve();
    }
  });
}

/** The activation time with where it was measured: VS Code, code-server, commit, date. */
function writeMetrics(file, activation, codeServerVersion) {
  let commit = '?';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {}
  const metrics = { activationMs: activation.ms, activateMs: activation.activateMs, vscodeVersion: activation.vscodeVersion, codeServerVersion, commit, date: new Date().toISOString() };
  fs.writeFileSync(file, `${JSON.stringify(metrics, null, 2)}\n`);
}

function copyDir(from, to) {
  if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
}

async function main() {
  log(`e2e in code-server: repo ${process.cwd()}`);
  await ensureAptPackages();
  const node24 = await ensureNode24();
  const codeServer = await ensureCodeServer(node24);
  const playwright = await ensurePlaywright();

  const workDir = path.join(resultsDir, 'e2e');
  rmrf(workDir);
  fs.mkdirSync(workDir, { recursive: true });
  const screenshotsDir = resultsDir;
  for (const f of fs.readdirSync(resultsDir)) if (f.endsWith('.png')) rmrf(path.join(resultsDir, f));

  await typecheckE2E();
  const productVsix = await buildProductVsix(path.join(workDir, 'npm-run-package.log'));
  log(`product vsix: ${path.relative(process.cwd(), productVsix)}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-e2e-'));
  const extensionsDir = path.join(tmp, 'extensions');
  const userDataDir = path.join(tmp, 'user-data');
  const workspace = path.join(tmp, 'dockerfiles');
  const configFile = path.join(tmp, 'config.yaml');
  const state = { total: undefined, failed: [], errors: [], end: undefined, done: false, screenshotErrors: [], metrics: {}, ui: { passes: 0 } };
  const events = new EventEmitter();
  let reportServer;
  let child;
  let browser;
  let page;
  let timedOut = false;
  try {
    fs.cpSync(fixturesDir, workspace, { recursive: true });
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

    reportServer = await startReportServer(events);
    const reportUrl = `http://127.0.0.1:${reportServer.address().port}`;
    const runnerVsix = await buildRunnerVsix(workDir, {
      reportUrl,
      fixturesDir: workspace,
      grep: process.env.E2E_GREP || undefined,
      showcase: { file: path.join(workspace, SHOWCASE.file), stage: SHOWCASE.stage },
    });

    // XDG folders too: code-server keeps a heartbeat file and its own logs there.
    const csEnv = {
      ...process.env,
      PATH: `${node24.bin}${path.delimiter}${process.env.PATH}`,
      XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
      XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    };
    const csBase = [codeServer.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--config', configFile];
    log('installing the product and runner .vsix into the throwaway code-server');
    const installOut = execFileSync(node24.node, [...csBase, '--install-extension', productVsix, '--install-extension', runnerVsix], {
      env: csEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    fs.writeFileSync(path.join(workDir, 'install-extension.log'), installOut);
    const installed = execFileSync(node24.node, [...csBase, '--list-extensions', '--show-versions'], { env: csEnv, encoding: 'utf8' });
    log(`installed extensions: ${installed.trim().split('\n').join(', ')}`);
    for (const id of ['dockerfile-stages.dockerfile-stages', 'dockerfile-stages.dockerfile-stages-e2e-runner']) {
      if (!installed.includes(id)) throw new Error(`--install-extension did not install ${id}:\n${installOut}`);
    }

    const port = await freePort();
    const csLog = fs.openSync(path.join(workDir, 'code-server.log'), 'w');
    child = spawn(
      node24.node,
      [...csBase, '--auth', 'none', '--disable-workspace-trust', '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--bind-addr', `127.0.0.1:${port}`, workspace],
      { env: csEnv, stdio: ['ignore', csLog, csLog], detached: true },
    );
    fs.closeSync(csLog);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const base = `http://127.0.0.1:${port}`;
    log(`started code-server ${codeServer.version} (pid ${child.pid}) on ${base}`);

    const finished = new Promise((resolve) => {
      events.on('event', (e, hold) => {
        printEvent(e, state);
        if (e.type === 'screenshot-ready') {
          hold(
            takeScreenshots(page, e, screenshotsDir).catch((err) => {
              state.screenshotErrors.push(`${e.step}: ${err.message}`);
              log(`screenshot ${e.step} failed: ${err.message}`);
            }),
          );
        }
        if (e.type === 'done') resolve('done');
      });
    });

    // Wait until code-server answers.
    const listenDeadline = Date.now() + 60_000;
    for (;;) {
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (child.exitCode !== null || Date.now() > listenDeadline) throw new Error('code-server did not start; see test-results/e2e/code-server.log');
      await new Promise((r) => setTimeout(r, 250));
    }

    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    const context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    const consoleLog = fs.createWriteStream(path.join(workDir, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (err) => consoleLog.write(`[pageerror] ${err.stack ?? err.message}\n`));
    log('opening the workbench in chromium');
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    log('workbench loaded; waiting for the runner extension to run the suite');

    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
    const outcome = await Promise.race([finished, timeout, exited.then((x) => `code-server exited (${x.signal ?? x.code})`)]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      timedOut = true;
      log(`TIMEOUT: no result from the extension host after ${TIMEOUT_MS / 1000}s`);
    } else if (outcome !== 'done') {
      state.errors.push({ message: outcome });
    } else {
      // The UI tests: Playwright drives the same workbench by keys and clicks (test/e2e/ui).
      log('suite done; running the UI tests in the workbench');
      await runUiTests({
        page,
        workspace,
        screenshotsDir,
        failuresDir: workDir,
        grep: process.env.E2E_GREP || undefined,
        log,
        onResult: (r) => {
          if (r.ok) {
            state.ui.passes++;
            console.log(`  ✓ ${r.title} (${r.ms} ms)`);
          } else {
            state.failed.push({ title: r.title, message: r.error?.message ?? String(r.error), stack: r.error?.stack });
            console.log(`  ✗ ${r.title}\n      ${String(r.error?.message ?? r.error).split('\n').join('\n      ')}`);
          }
        },
      });
    }
  } catch (err) {
    state.errors.push({ message: err.message, stack: err.stack });
    log(`harness error: ${err.stack ?? err.message}`);
  } finally {
    const failed = timedOut || state.errors.length > 0 || !state.end || state.end.failures > 0 || state.failed.length > 0;
    if (page && failed) {
      await page
        .screenshot({ path: path.join(workDir, 'failure.png') })
        .then(() => log('failure screenshot: test-results/e2e/failure.png'))
        .catch(() => {});
    }
    await browser?.close().catch(() => {});
    await killGroup(child);
    reportServer?.close();
    copyDir(path.join(userDataDir, 'logs'), path.join(workDir, 'logs'));
    copyDir(path.join(tmp, 'xdg-data', 'code-server', 'coder-logs'), path.join(workDir, 'logs', 'code-server'));
    if (process.env.E2E_KEEP) log(`kept ${tmp}`);
    else rmrf(tmp);
  }

  const passes = (state.end?.passes ?? 0) + state.ui.passes;
  // The suite's failures (reported by mocha) and the UI tests' (state.failed holds both).
  const failures = Math.max(state.end?.failures ?? 0, state.failed.length);
  const problems = [];
  if (timedOut) problems.push('timed out');
  for (const e of state.errors) problems.push(e.message);
  if (!state.end) problems.push('the suite did not finish');
  else if (state.end.passes + state.end.failures + state.ui.passes + state.failed.length === 0) problems.push('no test ran');
  for (const s of state.screenshotErrors) problems.push(`screenshot ${s}`);
  for (const f of state.failed) console.log(`\nFAILED: ${f.title}\n${f.stack ?? f.message}`);
  if (problems.length) console.log(`\nproblems: ${problems.join('; ')}\nlogs: test-results/e2e/ (code-server.log, browser-console.log, logs/)`);
  console.log(`\ne2e: ${passes} passed, ${failures + (problems.length && !failures ? 1 : 0)} failed`);
  const ok = failures === 0 && problems.length === 0;
  // What the run measured, for `npm run bench` (BENCHMARKS.md quotes it with this run's date and commit).
  if (ok && state.metrics.activation) writeMetrics(path.join(resultsDir, 'e2e', 'metrics.json'), state.metrics.activation, codeServer.version);
  if (ok && process.env.E2E_UPDATE_DOCS) {
    const docsImages = path.join(repoRoot, 'docs', 'images');
    fs.mkdirSync(docsImages, { recursive: true });
    for (const f of fs.readdirSync(screenshotsDir).filter((f) => f.endsWith('.png'))) {
      fs.copyFileSync(path.join(screenshotsDir, f), path.join(docsImages, f));
      log(`copied ${f} to docs/images/`);
    }
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err.stack ?? err.message);
    console.log('\ne2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
