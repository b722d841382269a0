/**
 * Conversions: single-stage -> multi-stage (one recipe per stack), split into dev/build/runtime, switch
 * base to a smaller variant, name an unnamed stage, extract a shared base stage. Every conversion is
 * validated before it is offered; deterministic output.
 */
import type { DockerfileModel } from '../model';
import { convertToMultiStage, convertToNginx } from './multiStage';
import type { Conversion, ConversionOutcome, ConvertOptions, NoConversion } from './types';
import { isConversion } from './types';

export { STACK_LABELS, isConversion } from './types';
export type { StackId, ConversionKind, ConversionPlaceholder, ConfigKey, Artifact, ValidationIssue, ValidationResult, Conversion, NoConversion, ConversionOutcome, ContextFacts, ConvertOptions } from './types';
export { analyse as analyseForConversion } from './analyze';
export { detectStack } from './detect';
export type { Detection } from './detect';
export { convertToMultiStage, convertToNginx } from './multiStage';
export { validateConversion } from './validate';
export { gatherContextFacts } from './context';
export { splitDevBuildRuntime } from './devBuildRuntime';
export { switchBaseImage, smallerVariants } from './switchBase';
export { nameStage, suggestStageName } from './nameStage';
export { extractBaseStage } from './extractBase';

export interface ConversionList {
  offered: Conversion[];
  /** Why each kind of conversion was not offered. */
  skipped: NoConversion[];
}

/** The conversions of the whole file (multi-stage and its nginx variant, dev/build/runtime). */
export function fileConversions(model: DockerfileModel, options: ConvertOptions = {}): ConversionList {
  const outcomes: ConversionOutcome[] = [convertToMultiStage(model, options), convertToNginx(model, options)];
  const offered: Conversion[] = [];
  const skipped: NoConversion[] = [];
  for (const o of outcomes) (isConversion(o) ? offered : skipped).push(o as never);
  return { offered, skipped };
}
