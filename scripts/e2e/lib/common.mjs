// Shared bits of the e2e harnesses: paths, progress output, running commands.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Everything the harness installs lives here, outside the repo's tracked files; reused by later runs. */
export const cacheDir = path.resolve(process.env.E2E_CACHE_DIR || path.join(os.homedir(), '.cache', 'dockerfile-stages-e2e'));
/** Git-ignored: screenshots, logs, build output of the runner. */
export const resultsDir = path.join(repoRoot, 'test-results');

const t0 = Date.now();
export function elapsed() {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}
export function log(message) {
  process.stdout.write(`[e2e ${elapsed()}] ${message}\n`);
}

/**
 * Runs a command. Its output goes to `logFile` (if given) or straight through; with a log file, a line
 * every 20 s says it is still running, and on failure the log's last lines are printed.
 */
export function run(cmd, args, { cwd = repoRoot, env = process.env, logFile, label = `${cmd} ${args.join(' ')}` } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let out;
    if (logFile) {
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      out = fs.openSync(logFile, 'w');
    }
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out ?? 'inherit', out ?? 'inherit'] });
    const beat = logFile ? setInterval(() => log(`  … still running: ${label} (${Math.round((Date.now() - started) / 1000)}s; log: ${logFile})`), 20_000) : undefined;
    const done = (err) => {
      clearInterval(beat);
      if (out !== undefined) fs.closeSync(out);
      if (err && logFile) {
        const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        process.stdout.write(`--- last lines of ${logFile} ---\n${tail}\n---\n`);
      }
      if (err) reject(err);
      else resolve();
    };
    child.on('error', done);
    child.on('exit', (code, signal) => done(code === 0 ? undefined : new Error(`${label} failed (${signal ?? `exit ${code}`})`)));
  });
}

export function rmrf(p) {
  fs.rmSync(p, { recursive: true, force: true });
}

export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
