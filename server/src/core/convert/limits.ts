/**
 * The size past which no conversion is computed. A conversion re-parses and re-validates its output, and
 * code actions are asked for on every cursor move: on a 200 KB file that took 0.4–1.8 s a request, and 1 s on a 62 KB file of 1,700 ordinary lines. Real
 * Dockerfiles are far smaller (the largest of the 300 in the corpus is 20 KB); past the limit each
 * conversion says why it is not offered instead.
 */
import type { DockerfileModel } from '../model';
import type { ConversionKind, NoConversion } from './types';

export const CONVERSION_LIMITS = { maxLength: 32 * 1024 };

/** A reason when the file is too large to convert, else undefined. */
export function tooLargeToConvert(model: DockerfileModel, kind: ConversionKind): NoConversion | undefined {
  if (model.text.length <= CONVERSION_LIMITS.maxLength) return undefined;
  return { kind, reason: `the file is too large to convert in the editor (${Math.ceil(model.text.length / 1024)} KB; conversions are computed for files up to ${CONVERSION_LIMITS.maxLength / 1024} KB)` };
}
