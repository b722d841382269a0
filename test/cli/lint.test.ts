/** `dockerfile-stages lint`: formats, exit codes, stdin, directories, globs, config discovery, rule selection. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLEAN, FIXTURES, LOWERCASE, MISSING_IMAGE, runCli, tempTree } from './cli';

describe('lint: formats and exit codes', () => {
  test('text: one line per diagnostic with path:line:col, severity, message and rule id; exit 0 without errors', async () => {
    const r = await runCli(['lint', path.join(FIXTURES, 'lowercase.Dockerfile')]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /lowercase\.Dockerfile:1:1: warning Instructions should be written in uppercase letters \[DS000\]$/);
    assert.equal(lines.filter((l) => l.includes('[DS000]')).length, 9);
    assert.match(lines.at(-1)!, /^\d+ problems \(0 errors, \d+ warnings\) in 1 file$/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colours when stdout is not a TTY');
  });

  test('an error-level diagnostic exits 1', async () => {
    const r = await runCli(['lint', '-'], { input: MISSING_IMAGE });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:1:1: error .*\[DS002\]$/m);
  });

  test('json: files with diagnostics (rule id, severity name, 1-based line/column) and a summary', async () => {
    const r = await runCli(['lint', '--format', 'json', '-'], { input: LOWERCASE });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, '<stdin>');
    const casing = report.files[0].diagnostics.filter((d: any) => d.ruleId === 'DS000');
    assert.deepEqual(
      casing.map((d: any) => [d.severity, d.line, d.column, d.endColumn]),
      [
        ['warning', 1, 1, 5],
        ['warning', 2, 1, 4],
      ],
    );
    assert.equal(report.summary.files, 1);
    assert.equal(report.summary.errors, 0);
    assert.ok(report.summary.warnings >= 2);
  });

  test('json on an error: summary counts it and the exit code is 1', async () => {
    const r = await runCli(['lint', '--format=json', '-'], { input: MISSING_IMAGE });
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).summary.errors, 1);
  });

  test('colours only when forced (FORCE_COLOR) and never with NO_COLOR', async () => {
    const forced = await runCli(['lint', '-'], { input: LOWERCASE, env: { FORCE_COLOR: '1' } });
    assert.match(forced.stdout, /\x1b\[33mwarning\x1b\[0m/);
    const off = await runCli(['lint', '-'], { input: LOWERCASE, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.doesNotMatch(off.stdout, /\x1b\[/);
  });

  test('--output writes the report to a file and nothing to stdout', async () => {
    const t = tempTree({ Dockerfile: LOWERCASE });
    try {
      const r = await runCli(['lint', '--format', 'json', '--output', 'report.json', 'Dockerfile'], { cwd: t.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      const { readFileSync } = await import('node:fs');
      assert.equal(JSON.parse(readFileSync(path.join(t.dir, 'report.json'), 'utf8')).files[0].path, 'Dockerfile');
    } finally {
      t.cleanup();
    }
  });
});

describe('lint: usage and input errors exit 2', () => {
  test('unknown option', async () => {
    const r = await runCli(['lint', '--bogus', '-'], { input: CLEAN });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown option '--bogus'/);
    assert.match(r.stderr, /Usage: dockerfile-stages lint/);
  });
  test('unknown format and severity', async () => {
    const f = await runCli(['lint', '--format', 'xml', '-'], { input: CLEAN });
    assert.equal(f.code, 2);
    assert.match(f.stderr, /unknown format 'xml' \(text, json, sarif\)/);
    const s = await runCli(['lint', '--severity', 'fatal', '-'], { input: CLEAN });
    assert.equal(s.code, 2);
    assert.match(s.stderr, /unknown severity 'fatal'/);
  });
  test('a missing file: a one-line reason, exit 2, other files still linted', async () => {
    const t = tempTree({ Dockerfile: MISSING_IMAGE });
    try {
      const r = await runCli(['lint', 'nope/Dockerfile', 'Dockerfile'], { cwd: t.dir });
      assert.equal(r.code, 2, 'input error wins over findings');
      assert.match(r.stderr, /nope\/Dockerfile: no such file or directory/);
      assert.match(r.stdout, /^Dockerfile:1:1: error/m);
    } finally {
      t.cleanup();
    }
  });
  test('a binary file named explicitly is an input error; found in a directory it is skipped with a note', async () => {
    const t = tempTree({ 'bin/Dockerfile': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]), 'ok/Dockerfile': LOWERCASE });
    try {
      const explicit = await runCli(['lint', 'bin/Dockerfile'], { cwd: t.dir });
      assert.equal(explicit.code, 2);
      assert.match(explicit.stderr, /bin\/Dockerfile: binary file, not a Dockerfile/);
      const walked = await runCli(['lint', '.'], { cwd: t.dir });
      assert.equal(walked.code, 0, walked.stderr);
      assert.match(walked.stderr, /skipped bin\/Dockerfile: binary file/);
      assert.match(walked.stdout, /^ok\/Dockerfile:1:1: warning/m);
      assert.match(walked.stdout, /in 1 file$/m);
    } finally {
      t.cleanup();
    }
  });
  test('a directory given to a one-file command is an input error', async () => {
    const r = await runCli(['explain', FIXTURES]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is a directory/);
  });
});

describe('lint: severity threshold and rule selection', () => {
  const mixed = 'from alpine:3.20\nFROM\n';
  test('--severity error drops warnings', async () => {
    const all = JSON.parse((await runCli(['lint', '--format', 'json', '-'], { input: mixed })).stdout);
    assert.ok(all.summary.warnings >= 1 && all.summary.errors >= 1);
    const r = await runCli(['lint', '--format', 'json', '--severity', 'error', '-'], { input: mixed });
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.summary.warnings, 0);
    assert.ok(report.files[0].diagnostics.every((d: any) => d.severity === 'error'));
  });
  test('--rule keeps only the named rules; --ignore-rule drops them and can turn exit 1 into 0', async () => {
    const only = JSON.parse((await runCli(['lint', '--format', 'json', '--rule', 'DS000', '-'], { input: mixed })).stdout);
    assert.deepEqual([...new Set(only.files[0].diagnostics.map((d: any) => d.ruleId))], ['DS000']);
    const byName = JSON.parse((await runCli(['lint', '--format', 'json', '--rule', 'unpinned-base-image', '-'], { input: 'FROM alpine\n' })).stdout);
    assert.deepEqual([...new Set(byName.files[0].diagnostics.map((d: any) => d.ruleId))], ['DS403'], 'a rule is also selected by its name');
    const ignored = await runCli(['lint', '--format', 'json', '--ignore-rule', 'DS002', '--ignore-rule', 'DS020', '-'], { input: mixed });
    const report = JSON.parse(ignored.stdout);
    assert.ok(report.files[0].diagnostics.every((d: any) => d.ruleId !== 'DS002'));
    assert.equal(report.summary.errors, 0);
    assert.equal(ignored.code, 0);
  });
  test("standard checks can also be selected by the validator's number or name (their ids before DS0nn)", async () => {
    for (const selector of ['0', 'casing-instruction']) {
      const r = JSON.parse((await runCli(['lint', '--format', 'json', '--rule', selector, '-'], { input: mixed })).stdout);
      assert.ok(r.files[0].diagnostics.length >= 1, selector);
      assert.ok(r.files[0].diagnostics.every((d: any) => d.ruleId === 'DS000'), selector);
    }
  });
});

describe('lint: directories, globs and stdin', () => {
  let t: ReturnType<typeof tempTree>;
  before(() => {
    t = tempTree({
      'Dockerfile': LOWERCASE,
      'Containerfile': LOWERCASE,
      'api/Dockerfile.prod': LOWERCASE,
      'api/Dockerfile.dockerignore': 'node_modules\n',
      'web/web.Dockerfile': LOWERCASE,
      'web/README.md': '# not a Dockerfile\n',
      'node_modules/pkg/Dockerfile': LOWERCASE,
      '.git/Dockerfile': LOWERCASE,
      'deep/a/b/svc.dockerfile': LOWERCASE,
    });
  });
  after(() => t.cleanup());
  const files = async (args: string[], input?: string) => {
    const r = await runCli(['lint', '--format', 'json', ...args], { cwd: t.dir, input });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).files.map((f: any) => f.path.split(path.sep).join('/'));
  };
  test('a directory: Dockerfile, Containerfile, *.Dockerfile, Dockerfile.* recursively; not node_modules, .git or *.dockerignore', async () => {
    assert.deepEqual((await files(['.'])).sort(), ['Containerfile', 'Dockerfile', 'api/Dockerfile.prod', 'deep/a/b/svc.dockerfile', 'web/web.Dockerfile']);
  });
  test('no path means the working directory', async () => {
    assert.equal((await files([])).length, 5);
  });
  test('globs: *, **, {a,b}; files are not repeated', async () => {
    assert.deepEqual(await files(['*/*.Dockerfile']), ['web/web.Dockerfile']);
    assert.deepEqual((await files(['**/*.{Dockerfile,dockerfile}'])).sort(), ['deep/a/b/svc.dockerfile', 'web/web.Dockerfile']);
    assert.deepEqual(await files(['api/Dockerfile.*', 'api/Dockerfile.prod']), ['api/Dockerfile.prod']);
  });
  test('glob matches that are not Dockerfiles are left out; an explicit path is taken as is', async () => {
    assert.deepEqual(await files(['web/*']), ['web/web.Dockerfile']);
    const r = await runCli(['lint', '--format', 'json', 'web/README.md'], { cwd: t.dir });
    assert.equal(JSON.parse(r.stdout).files[0].path, path.join('web', 'README.md'));
  });
  test('a glob matching nothing is an input error', async () => {
    const r = await runCli(['lint', 'nothing/**/*.Dockerfile'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nothing\/\*\*\/\*\.Dockerfile: no files match this pattern/);
  });
  test('stdin with -, named with --stdin-filename, alongside files', async () => {
    assert.deepEqual(await files(['-', 'web'], LOWERCASE), ['<stdin>', 'web/web.Dockerfile']);
    assert.deepEqual(await files(['--stdin-filename', 'api/Dockerfile', '-'], LOWERCASE), ['api/Dockerfile']);
  });
});

describe('lint: .dockerfile-stages.json discovered upward', () => {
  let t: ReturnType<typeof tempTree>;
  before(() => {
    t = tempTree({
      '.dockerfile-stages.json': JSON.stringify({ rules: { DS000: 'error' } }),
      'Dockerfile': LOWERCASE,
      'svc/deep/Dockerfile': LOWERCASE,
      // A config written before the rules map: validation.* still reads (ignore is off).
      'quiet/.dockerfile-stages.json': JSON.stringify({ validation: { instructionCasing: 'ignore' } }),
      'quiet/Dockerfile': LOWERCASE,
      'broken/.dockerfile-stages.json': '{ "validation": ',
      'broken/Dockerfile': LOWERCASE,
    });
  });
  after(() => t.cleanup());
  const casing = async (args: string[], cwd = t.dir) => {
    const r = await runCli(['lint', '--format', 'json', '--rule', 'DS000', ...args], { cwd });
    return { code: r.code, stderr: r.stderr, severities: JSON.parse(r.stdout || '{"files":[]}').files.map((f: any) => f.diagnostics.map((d: any) => d.severity)) };
  };
  test('the nearest config above each file applies to it', async () => {
    const r = await casing(['Dockerfile', 'svc/deep/Dockerfile', 'quiet/Dockerfile']);
    assert.deepEqual(r.severities, [['error', 'error'], ['error', 'error'], []]);
    assert.equal(r.code, 1, 'a config can raise a check to error');
  });
  test('stdin uses the config above the working directory (or --stdin-filename)', async () => {
    const quietCwd = await runCli(['lint', '--format', 'json', '--rule', 'DS000', '-'], { cwd: path.join(t.dir, 'quiet'), input: LOWERCASE });
    assert.equal(JSON.parse(quietCwd.stdout).files[0].diagnostics.length, 0);
    const named = await runCli(['lint', '--format', 'json', '--stdin-filename', 'quiet/Dockerfile', '-'], { cwd: t.dir, input: LOWERCASE });
    assert.ok(JSON.parse(named.stdout).files[0].diagnostics.every((d: any) => d.ruleId !== 'DS000'));
  });
  test('--no-config ignores config files; --config picks one', async () => {
    assert.deepEqual((await casing(['--no-config', 'Dockerfile'])).severities, [['warning', 'warning']]);
    assert.deepEqual((await casing(['--config', 'quiet/.dockerfile-stages.json', 'Dockerfile'])).severities, [[]]);
  });
  test('a malformed config is a clear input error naming the file', async () => {
    const r = await runCli(['lint', 'broken/Dockerfile'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\/\.dockerfile-stages\.json: invalid JSON in config/);
  });
});
