/**
 * The two bins of package.json run as executables (shebang), not only through `node file`:
 * dockerfile-stages (dist/cli.js) and dockerfile-stages-server (dist/server.js --stdio).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from './cli';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * A bin installed as npm installs one: the package's dist/ files copied (the CLI bin loads the server bundle
 * beside it), and a symbolic link under .bin to the bin's file.
 */
function installBin(dir: string, name: string, bundle: string): string {
  const dist = path.join(dir, 'package', 'dist');
  fs.mkdirSync(dist, { recursive: true });
  for (const f of ['cli.js', 'server.js']) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(dist, f));
  fs.chmodSync(path.join(dir, 'package', bundle), 0o755);
  const target = path.join(dir, '.bin', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(path.join(dir, 'package', bundle), target);
  return target;
}

describe('bins', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-bin-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('package.json maps both bins to bundles that start with a node shebang', () => {
    assert.equal(pkg.bin['dockerfile-stages'], './dist/cli.js');
    assert.equal(pkg.bin['dockerfile-stages-server'], './dist/server.js');
    for (const bundle of Object.values(pkg.bin) as string[]) {
      assert.equal(fs.readFileSync(path.join(ROOT, bundle), 'utf8').split('\n')[0], '#!/usr/bin/env node', bundle);
    }
  });

  test('dockerfile-stages runs as an executable', async () => {
    const bin = installBin(dir, 'dockerfile-stages', pkg.bin['dockerfile-stages']);
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(bin, ['--help'], { env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` } });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
    assert.equal(out.code, 0);
    assert.match(out.stdout, /Usage: dockerfile-stages <command>/);
  });

  test('dockerfile-stages-server --stdio runs as an executable and answers initialize', async () => {
    const bin = installBin(dir, 'dockerfile-stages-server', pkg.bin['dockerfile-stages-server']);
    const child = spawn(bin, ['--stdio'], { env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` } });
    try {
      const response = await new Promise<any>((resolve, reject) => {
        let buffer = '';
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
        child.stdout.on('data', (c: Buffer) => {
          buffer += c.toString('utf8');
          const m = /Content-Length: (\d+)\r\n\r\n/.exec(buffer);
          if (!m) return;
          const start = m.index + m[0].length;
          if (Buffer.byteLength(buffer.slice(start)) < Number(m[1])) return;
          resolve(JSON.parse(buffer.slice(start, start + Number(m[1]))));
        });
        const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      });
      assert.equal(response.id, 1);
      assert.ok(response.result.capabilities.hoverProvider, JSON.stringify(response));
    } finally {
      child.removeAllListeners('exit');
      child.kill();
    }
  });
});
