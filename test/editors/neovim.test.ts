/**
 * The language server driven by a real LSP client other than VS Code: Neovim, headless. The test installs
 * Neovim from Debian (apt-get) when it is missing, so a fresh CI machine runs it too; set
 * DOCKERFILE_STAGES_SKIP_EDITORS=1 to opt out explicitly. Neovim runs test/editors/neovim/check.lua, which
 * starts `node dist/server.js --stdio` like a user's config, opens a Dockerfile, waits for diagnostics,
 * asks for a hover and writes what it received to a JSON file that this test checks.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const CHECK = path.join(ROOT, 'test', 'editors', 'neovim', 'check.lua');
const SKIP = process.env.DOCKERFILE_STAGES_SKIP_EDITORS === '1' ? 'DOCKERFILE_STAGES_SKIP_EDITORS=1' : false;

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  return undefined;
}

/** nvim on PATH, installing Debian's neovim package first when it is missing. */
function ensureNeovim(): string {
  const found = which('nvim');
  if (found) return found;
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  const run = (args: string[]) => execFileSync(sudo.length ? sudo[0] : args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'neovim']);
  } catch (e) {
    throw new Error(`Neovim is not installed and 'apt-get install neovim' failed (${(e as Error).message}); install it or set DOCKERFILE_STAGES_SKIP_EDITORS=1`, { cause: e });
  }
  const installed = which('nvim');
  if (!installed) throw new Error('apt-get installed neovim but nvim is not on PATH');
  return installed;
}

interface NvimResult {
  status: string;
  api: string;
  error?: string;
  nvim: { major: number; minor: number };
  hoverProvider?: boolean;
  diagnostics?: { lnum: number; col: number; severity: number; message: string; source?: string }[];
  hover?: ({ contents: unknown } | null)[];
}

function runNeovim(nvim: string, dockerfile: string, hovers: { line: number; character: number }[], home: string): Promise<NvimResult> {
  const outFile = path.join(home, 'result.json');
  return new Promise((resolve, reject) => {
    const env = {
      ...process.env,
      DS_NODE: process.execPath,
      DS_SERVER: SERVER,
      DS_FILE: dockerfile,
      DS_OUT: outFile,
      DS_HOVERS: hovers.map((h) => `${h.line}:${h.character}`).join(';'),
      // Keep Neovim's state, cache and LSP log out of the user's home.
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
    };
    const child = spawn(nvim, ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${CHECK}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!fs.existsSync(outFile)) return reject(new Error(`nvim exited ${code} without a result; output: ${output.join('')}`));
      resolve(JSON.parse(fs.readFileSync(outFile, 'utf8')) as NvimResult);
    });
  });
}

describe('Neovim (headless) as the LSP client', { skip: SKIP }, () => {
  let tmp: string;
  let result: NvimResult;
  before(async () => {
    const nvim = ensureNeovim();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-nvim-'));
    const dockerfile = path.join(tmp, 'Dockerfile');
    // Line 1 is lower case (a validator warning); hovers: WORKDIR on line 2, the stage name in COPY --from=build.
    fs.writeFileSync(dockerfile, 'from golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nCMD ["/app"]\n');
    result = await runNeovim(nvim, dockerfile, [{ line: 1, character: 2 }, { line: 6, character: 14 }], tmp);
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the server starts and initializes under Neovim', () => {
    assert.equal(result.status, 'ok', result.error ?? result.status);
    assert.ok(result.hoverProvider, 'hoverProvider advertised');
  });

  test('Neovim receives the diagnostics the server publishes', () => {
    const casing = (result.diagnostics ?? []).find((d) => /uppercase/i.test(d.message));
    assert.ok(casing, JSON.stringify(result.diagnostics));
    assert.equal(casing.lnum, 0);
    assert.equal(casing.col, 0);
    assert.equal(casing.severity, 2, 'vim.diagnostic.severity.WARN');
    assert.equal(casing.source, 'dockerfile-stages');
  });

  test('a hover on an instruction returns its documentation', () => {
    assert.equal(result.hover?.length, 2, JSON.stringify(result));
    assert.match(JSON.stringify(result.hover![0]?.contents), /WORKDIR|working directory/i);
  });

  test('a hover on a stage reference explains the stage', () => {
    assert.match(JSON.stringify(result.hover![1]?.contents), /Stage 0 `build`/, JSON.stringify(result.hover![1]));
  });
});
