/**
 * Conversions: single-stage -> multi-stage (one recipe per stack), split into dev/build/runtime, switch
 * base to a smaller variant, name an unnamed stage, extract a shared base stage. Every conversion is
 * validated before it is offered; deterministic output.
 */
import type { DockerfileModel } from '../model';
import { convertToMultiStage, convertToNginx, convertToRunArtifact } from './multiStage';
import type { Conversion, ConversionKind, ConversionOutcome, ConvertOptions, NoConversion } from './types';
import { splitDevBuildRuntime } from './devBuildRuntime';
import { smallerVariants, switchBaseImage } from './switchBase';
import { nameStage } from './nameStage';
import { extractBaseStage } from './extractBase';
import { isConversion } from './types';

export { isConversion } from './types';
export type { StackId, ConversionKind, CommandChange, ConversionPlaceholder, ConfigKey, Artifact, ValidationIssue, ValidationResult, Conversion, NoConversion, ConversionOutcome, ContextFacts, ConvertOptions } from './types';
export { analyse as analyseForConversion } from './analyze';
export { detectStack } from './detect';
export type { Detection } from './detect';
export { convertToMultiStage, convertToNginx, convertToRunArtifact } from './multiStage';
export { validateConversion } from './validate';
export { gatherContextFacts } from './context';
export { splitDevBuildRuntime } from './devBuildRuntime';
export { switchBaseImage, smallerVariants } from './switchBase';
export { nameStage, suggestStageName } from './nameStage';
export { extractBaseStage } from './extractBase';
export { CONVERSION_LIMITS } from './limits';

export interface ConversionList {
  offered: Conversion[];
  /** Why each kind of conversion was not offered. */
  skipped: NoConversion[];
}

export interface ConversionQuery extends ConvertOptions {
  /** Which kinds; default: every kind that applies to the file (and to the stage, for per-stage rewrites). */
  kinds?: ConversionKind[];
  /** The stage for switch-base and name-stage; default: the stage at `line`, else the first. */
  stage?: number;
  line?: number;
  /** For switch-base: only the switch to this image (one of the stage base's smaller variants, else a refusal saying so). */
  variant?: string;
}

const ALL_KINDS: ConversionKind[] = ['multiStage', 'multiStageNginx', 'multiStageRunArtifact', 'devBuildRuntime', 'switchBase', 'nameStage', 'extractBase'];

/** Every conversion the query asks for, validated; in a fixed order (deterministic). */
export function conversionsFor(model: DockerfileModel, query: ConversionQuery = {}): ConversionList {
  const offered: Conversion[] = [];
  const skipped: NoConversion[] = [];
  const take = (o: ConversionOutcome) => (isConversion(o) ? offered.push(o) : skipped.push(o));
  const stageIndex = query.stage ?? (query.line !== undefined ? model.stageAt(query.line)?.index : undefined) ?? 0;
  const kinds = query.kinds ?? ALL_KINDS;
  const single = model.stages.length === 1;
  for (const kind of kinds) {
    if (kind === 'multiStage') take(convertToMultiStage(model, query));
    else if (kind === 'multiStageNginx') {
      const o = convertToNginx(model, query);
      // The nginx variant only concerns front-end apps: say nothing about it for the others.
      if (isConversion(o) || query.kinds) take(o);
    } else if (kind === 'multiStageRunArtifact') {
      const o = convertToRunArtifact(model, query);
      // Only for images that run the toolchain itself: say nothing about it for the others.
      if (isConversion(o) || query.kinds) take(o);
    } else if (kind === 'devBuildRuntime') take(splitDevBuildRuntime(model, query));
    else if (kind === 'switchBase') {
      const stage = model.stages[stageIndex];
      const variants = query.variant !== undefined ? [{ image: query.variant }] : stage?.base.kind === 'image' ? smallerVariants(stage.base.resolvedText) : [];
      if (!variants.length) take(switchBaseImage(model, stageIndex));
      for (const v of variants) take(switchBaseImage(model, stageIndex, v.image));
    } else if (kind === 'nameStage') {
      if (!single || query.kinds) take(nameStage(model, stageIndex));
    } else if (kind === 'extractBase') {
      if (!single || query.kinds) take(extractBaseStage(model));
    }
  }
  return { offered, skipped };
}
