/** The contract of a per-stack recipe: given the analysis, the plan of the runtime stage. */
import type { Analysis } from '../analyze';
import type { Artifact, CommandChange, ConfigKey, ConversionPlaceholder, StackId } from '../types';

export interface RecipeInput {
  analysis: Analysis;
  /** Positions (in the file's instruction list) of the RUNs that build. */
  buildSteps: number[];
  /** The build stage's name in the output. */
  buildStage: string;
  variant: 'default' | 'nginx' | 'runArtifact';
  /** The final stage must have a shell: shell-form command, runtime RUNs, or a named USER. */
  needsShell: boolean;
}

export interface BuildAddition {
  /** Insert before the item at this position (or after, with `after`). */
  position: number;
  after?: boolean;
  lines: string[];
}

export interface RecipePlan {
  stack: StackId;
  /** Image of the final stage. */
  runtimeBase: string;
  /** Whether the runtime base has a shell (and which package manager). */
  runtimeShell: 'apk' | 'apt' | 'none';
  /** Paths copied from the build stage (stage is filled in by the driver). */
  artifacts: Omit<Artifact, 'stage'>[];
  /** New instructions at the top of the final stage (after FROM and ARGs), run as root. */
  runtimeSetup: string[];
  /** New instructions in the build stage. */
  buildAdditions: BuildAddition[];
  /** Keep COPY/ADD from the build context in the final stage too (interpreted apps need their sources). */
  keepContextCopies?: boolean;
  /** Instructions that replace the final stage's run config (the nginx variant). */
  runConfigOverride?: string[];
  configChanges: ConfigKey[];
  /** The run-artifact variant: the new CMD/ENTRYPOINT (exec form), declared for the validator. */
  commandChange?: CommandChange;
  /** What the run-artifact variant runs ("binary", "jar"), for the title. */
  artifactLabel?: string;
  notes: string[];
  placeholders: ConversionPlaceholder[];
  /** Original instructions (positions) the conversion leaves out: only the old single image needed them (said in the notes). */
  dropped?: number[];
  /** Instructions of the final stage after the artifact copies (checks that the copied files can run). */
  runtimeChecks?: string[];
}

export type Recipe = (input: RecipeInput) => RecipePlan | string;

export const ARTIFACT_TOKEN = '__ARTIFACT_PATH__';

export function artifactPlaceholder(what: string, suggestion: string): ConversionPlaceholder {
  return {
    token: ARTIFACT_TOKEN,
    name: 'artifact path',
    prompt: `Path of ${what} in the build stage (absolute)`,
    suggestion,
  };
}

export const MAIN_CLASS_TOKEN = '__MAIN_CLASS__';
export const START_SCRIPT_TOKEN = '__START_SCRIPT__';
