#!/usr/bin/env node
// `npm run test:vscode`: the same e2e suite (test/e2e/suite) in desktop VS Code through
// @vscode/test-electron, against the minimum version in package.json's engines.vscode and against stable.
// It downloads VS Code into .vscode-test/ (git-ignored), so it needs a machine that can reach the VS Code
// download servers; the offline host is `npm run test:e2e` (code-server).
//
// The extension runs from the repo (extensionDevelopmentPath, after `npm run build`); the suite is bundled
// with esbuild into test-results/e2e-electron/ (extensionTestsPath). On Linux without a display it re-runs
// itself under xvfb-run when that is installed (Debian: xvfb).
//
// Environment: E2E_VSCODE_VERSIONS (comma-separated, default "<engines minimum>,stable"), E2E_GREP.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildElectronEntry, fixturesDir, typecheckE2E } from './lib/build.mjs';
import { log, readJson, repoRoot, resultsDir, rmrf, run } from './lib/common.mjs';

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.E2E_UNDER_XVFB) {
  if (hasCommand('xvfb-run')) {
    const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, E2E_UNDER_XVFB: '1' } });
    process.exit(r.status ?? 1);
  }
  log('no DISPLAY and no xvfb-run (Debian package xvfb): VS Code may fail to start');
}

async function main() {
  const manifest = readJson(path.join(repoRoot, 'package.json'));
  const minimum = String(manifest.engines?.vscode ?? '').replace(/^[\^~>=\s]+/, '');
  const versions = (process.env.E2E_VSCODE_VERSIONS || [minimum, 'stable'].filter(Boolean).join(','))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const { runTests } = createRequire(path.join(repoRoot, 'package.json'))('@vscode/test-electron');

  await typecheckE2E();
  log('building the extension: npm run build');
  await run('npm', ['run', 'build'], { label: 'npm run build' });
  const testsDir = path.join(resultsDir, 'e2e-electron');
  await buildElectronEntry(testsDir);

  const failed = [];
  for (const version of versions) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-vscode-'));
    const workspace = path.join(tmp, 'dockerfiles');
    fs.cpSync(fixturesDir, workspace, { recursive: true });
    log(`VS Code ${version}: running the e2e suite`);
    try {
      await runTests({
        version,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: path.join(testsDir, 'index.js'),
        extensionTestsEnv: { E2E_FIXTURES_DIR: workspace, E2E_GREP: process.env.E2E_GREP ?? '' },
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--user-data-dir',
          path.join(tmp, 'user-data'),
          '--extensions-dir',
          path.join(tmp, 'extensions'),
        ],
      });
      log(`VS Code ${version}: passed`);
    } catch (err) {
      failed.push(version);
      log(`VS Code ${version}: FAILED (${err?.message ?? err})`);
    } finally {
      rmrf(tmp);
    }
  }
  console.log(`\ntest:vscode: ${versions.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.stack ?? err);
    process.exit(1);
  },
);
