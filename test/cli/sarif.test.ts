/**
 * `lint --format sarif`: validated against the SARIF 2.1.0 JSON schema (the OASIS schema shipped in
 * @microsoft/jest-sarif, draft-04, checked with ajv), plus what GitHub code scanning needs beyond the schema:
 * rules with helpUri, results with ruleId and level, artifact uris relative to the checkout, 1-based regions.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { LOWERCASE, MISSING_IMAGE, runCli, tempTree } from './cli';

const SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** The compiled schema check; a plain boolean function (not a type guard) so callers keep their types. */
function validator(): ((log: unknown) => boolean) & { errors?: unknown } {
  // The OASIS schema has a pattern that is not valid as a Unicode regular expression.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  const check = (log: unknown): boolean => {
    const ok = compiled(log) as boolean;
    check.errors = compiled.errors;
    return ok;
  };
  check.errors = undefined as unknown;
  return check;
}

describe('lint --format sarif', () => {
  let t: ReturnType<typeof tempTree>;
  let sarif: any;
  let code: number | null;
  const validate = validator();
  before(async () => {
    t = tempTree({ 'services/api/Dockerfile': LOWERCASE, 'services/web app/Dockerfile': MISSING_IMAGE, 'clean/Dockerfile': 'FROM alpine:3.20\n' });
    const r = await runCli(['lint', '--format', 'sarif', 'services', '--rule', 'casing-instruction', '--rule', 'argument-missing'], { cwd: t.dir });
    code = r.code;
    sarif = JSON.parse(r.stdout);
  });
  after(() => t.cleanup());

  test('the schema validator rejects a broken log (the check can fail)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false);
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  });

  test('is valid SARIF 2.1.0', () => {
    const ok = validate(sarif);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(code, 1, 'the error-level finding still sets the exit code');
  });

  test('rules carry an id, a description and a helpUri; results point at them', () => {
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'dockerfile-stages');
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    assert.deepEqual([...ids].sort(), ['DS000', 'DS002']);
    for (const rule of run.tool.driver.rules) {
      assert.match(rule.helpUri, /^https:\/\/github\.com\/.*\/docs\/rules\/(standard\.md#ds0\d\d|DS\d{3}\.md)$/);
      assert.ok(rule.shortDescription.text.length > 0);
    }
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
    }
  });

  test('locations: uri relative to the working directory (percent-encoded), 1-based region', () => {
    const run = sarif.runs[0];
    const casing = run.results.filter((r: any) => r.ruleId === 'DS000');
    assert.equal(casing.length, 2);
    const loc = casing[1].locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 });
    assert.equal(casing[1].level, 'warning');
    const missing = run.results.find((r: any) => r.ruleId === 'DS002');
    assert.equal(missing.level, 'error');
    assert.equal(missing.locations[0].physicalLocation.artifactLocation.uri, 'services/web%20app/Dockerfile');
    assert.equal(missing.locations[0].physicalLocation.region.startLine, 1);
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  });

  test('a clean file gives a valid log with no results', async () => {
    const r = await runCli(['lint', '--format', 'sarif', '--rule', 'casing-instruction', 'clean'], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    const log: any = JSON.parse(r.stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors));
    assert.deepEqual(log.runs[0].results, []);
  });

  test('a file outside the working directory gets an absolute file uri', async () => {
    const r = await runCli(['lint', '--format', 'sarif', path.join(t.dir, 'services', 'api', 'Dockerfile')], { cwd: path.join(t.dir, 'clean') });
    const log: any = JSON.parse(r.stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const uri = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.match(uri, /^file:\/\/\/.*\/services\/api\/Dockerfile$/);
  });
});
