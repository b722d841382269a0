/** Assertions on conversion outcomes, shared by the conversion tests. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Conversion, ConversionOutcome, isConversion } from '../../server/src/core/internal';

/** The conversion, failing the test with the reason when there is none. */
export function converted(o: ConversionOutcome): Conversion {
  assert.ok(isConversion(o), `expected a conversion, got: ${'reason' in o ? o.reason : ''}`);
  return o as Conversion;
}

/** The reason no conversion was made, failing the test when there is one. */
export function reasonOf(o: ConversionOutcome): string {
  assert.ok(!isConversion(o), 'expected no conversion');
  return (o as { reason: string }).reason;
}

/**
 * Compares a conversion's text with its expected file beside the fixture. The expected file is written only by
 * `npm run test:update` (UPDATE_FIXTURES=1); a missing expected file fails the test instead of being created.
 */
export function assertMatchesExpected(expectedFile: string, actual: string): void {
  if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, actual);
  assert.ok(existsSync(expectedFile), `missing expected file ${expectedFile}: run \`npm run test:update\` and review the diff`);
  assert.equal(actual, readFileSync(expectedFile, 'utf8'));
}
