/**
 * A second real LSP client: Emacs with eglot, in batch mode, configured as docs/editors.md says
 * (test/editors/emacs/check.el). Unlike Neovim it is not installed by the test (Emacs is large): the test is
 * skipped, with the reason, when `emacs` or eglot is missing. On Debian: apt-get install emacs-nox elpa-eglot.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const CHECK = path.join(ROOT, 'test', 'editors', 'emacs', 'check.el');
const ELPA = '/usr/share/emacs/site-lisp/elpa-src';

/** -L flags for Debian's ELPA packages (eglot and its dependencies on Emacs 28); Emacs 29+ has eglot built in. */
function loadPath(): string[] {
  if (!fs.existsSync(ELPA)) return [];
  return fs.readdirSync(ELPA).flatMap((d) => ['-L', path.join(ELPA, d)]);
}

function availability(): string | false {
  if (process.env.DOCKERFILE_STAGES_SKIP_EDITORS === '1') return 'DOCKERFILE_STAGES_SKIP_EDITORS=1';
  const probe = spawnSync('emacs', ['--batch', '-Q', ...loadPath(), '--eval', "(progn (require 'eglot) (princ \"eglot-ok\"))"], { encoding: 'utf8' });
  if (probe.error) return 'emacs is not installed (apt-get install emacs-nox elpa-eglot)';
  if (!probe.stdout.includes('eglot-ok')) return 'eglot is not available to emacs (apt-get install elpa-eglot, or Emacs 29+)';
  return false;
}

describe('Emacs eglot (batch) as the LSP client', { skip: availability() }, () => {
  let tmp: string;
  let result: { status: string; diagnostics?: { line: number; type: string; text: string }[]; hover?: { value?: string } | string };
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-emacs-'));
    // eglot needs a project: a .git directory makes one.
    fs.mkdirSync(path.join(tmp, '.git'));
    const file = path.join(tmp, 'Dockerfile');
    fs.writeFileSync(file, 'from golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\n');
    const env = { ...process.env, DS_NODE: process.execPath, DS_SERVER: SERVER, DS_FILE: file, DS_HOVER_LINE: '1', DS_HOVER_COL: '2', HOME: tmp };
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn('emacs', ['--batch', '-Q', ...loadPath(), '-l', CHECK], { env, cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: string[] = [];
      const err: string[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c.toString()));
      child.stderr.on('data', (c: Buffer) => err.push(c.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out.join('')) : reject(new Error(`emacs exited ${code}: ${err.join('')}`))));
    });
    result = JSON.parse(stdout.trim().split('\n').at(-1)!);
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('eglot connects and Flymake shows the server diagnostics', () => {
    assert.equal(result.status, 'ok');
    const casing = result.diagnostics?.find((d) => /uppercase/i.test(d.text));
    assert.ok(casing, JSON.stringify(result));
    assert.equal(casing.line, 1);
    assert.equal(casing.type, 'eglot-warning');
  });

  test('hover answers over eglot', () => {
    assert.match(JSON.stringify(result.hover), /working directory/i);
  });
});
