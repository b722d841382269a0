/** Top-level help, `--help` for every command the CLI lists, unknown commands, --version. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from './cli';

describe('help and usage', () => {
  test('--help lists the commands; no arguments prints it and exits 2', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: dockerfile-stages <command>/);
    assert.match(help.stdout, /^ {2}lint /m);
    assert.match(help.stdout, /^ {2}explain /m);
    const none = await runCli([]);
    assert.equal(none.code, 2);
  });

  test('every listed command answers --help and -h with its usage, exit 0', async () => {
    const listed = (await runCli(['--help'])).stdout
      .split('Commands:')[1]
      .split('\n\n')[0]
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0]);
    assert.ok(listed.length >= 2, `commands: ${listed}`);
    for (const name of listed) {
      for (const flag of ['--help', '-h']) {
        const r = await runCli([name, flag]);
        assert.equal(r.code, 0, `${name} ${flag}: ${r.stderr}`);
        assert.match(r.stdout, new RegExp(`^Usage: dockerfile-stages ${name}`), name);
      }
    }
  });

  test('lint --help documents its options', async () => {
    const r = await runCli(['lint', '--help']);
    for (const option of ['--format', '--severity', '--rule', '--ignore-rule', '--config', '--no-config', '--stdin-filename']) assert.match(r.stdout, new RegExp(`${option}\\b`));
  });

  test('an unknown command exits 2 with the command list on stderr', async () => {
    const r = await runCli(['lnt']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'lnt'/);
  });

  test('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+/);
  });
});
