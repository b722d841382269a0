/** Assertions on conversion outcomes, shared by the conversion tests. */
import assert from 'node:assert/strict';
import { Conversion, ConversionOutcome, isConversion } from '../../server/src/core';

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
