/** scripts/demo.mjs (`npm start`): runs the CLI on examples/ and shows each step, or says why it skipped it. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './cli';

function demo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'demo.mjs'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the demo lints examples/, explains the multi-stage example, and runs or skips estimate and convert', async () => {
  const r = await demo(['node']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\$ dockerfile-stages lint examples\b/);
  assert.match(r.stdout, /problems? \(\d+ errors?, \d+ warnings?\) in 14 files/);
  assert.match(r.stdout, /\$ dockerfile-stages explain examples\/node-multi\/Dockerfile/);
  assert.match(r.stdout, /3 stages, final: runtime/);
  for (const command of ['estimate', 'convert']) {
    const ran = r.stdout.includes(`$ dockerfile-stages ${command} examples/node-single/Dockerfile`);
    const skipped = r.stdout.includes(`no '${command}' command yet`);
    assert.ok(ran !== skipped, `${command}: either run or skipped with a note`);
  }
});

test('an unknown stack is a usage error', async () => {
  const r = await demo(['cobol']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown stack 'cobol' \(dotnet, go, java, node, python, rust, spa, or --all\)/);
});
