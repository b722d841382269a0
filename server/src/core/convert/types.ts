/** Types shared by the conversions: what a conversion produces and how it is checked. */
import type { Instruction } from 'dockerfile-ast';

import type { StackId } from '../stacks';

export type { StackId };

export type ConversionKind = 'multiStage' | 'multiStageNginx' | 'multiStageRunArtifact' | 'devBuildRuntime' | 'switchBase' | 'nameStage' | 'extractBase';

/** A value the conversion could not determine: the text holds `token` until the user confirms a value. */
export interface ConversionPlaceholder {
  token: string;
  /** What it stands for ("artifact path"). */
  name: string;
  /** The question to ask the user. */
  prompt: string;
  /** A suggested value (never applied without confirmation). */
  suggestion: string;
}

/** A runtime-config key the conversion changes on purpose (and says so). */
export type ConfigKey = 'cmd' | 'entrypoint' | 'user' | 'workdir' | 'healthcheck' | 'stopsignal' | 'shell' | 'env' | 'labels' | 'expose' | 'volumes' | 'onbuild';

/** A path the final stage copies from another stage, and what in that stage produces it. */
export interface Artifact {
  stage: string;
  source: string;
  destination: string;
  /** Text of the build command expected to produce the source, when it can be told. */
  producedBy?: string;
}

export interface ValidationIssue {
  check: 'parse' | 'references' | 'runtimeConfig' | 'instructions' | 'artifacts' | 'comments';
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
  /** Checks that could not be made (artifact producers not known ...). */
  unverified: string[];
}

export interface Conversion {
  kind: ConversionKind;
  title: string;
  stack?: StackId;
  /** The whole converted Dockerfile. */
  text: string;
  /** What changed, in sentences for the user ("The binary moved ...", "CMD changed to ..."). */
  notes: string[];
  placeholders: ConversionPlaceholder[];
  artifacts: Artifact[];
  /** Runtime-config keys changed on purpose; the validator accepts a difference there. */
  configChanges: ConfigKey[];
  /**
   * The one narrow change of how the container starts that a labelled variant declares (run the built
   * artifact instead of the toolchain): the final stage's CMD/ENTRYPOINT must be exactly these exec-form
   * values; a key absent here must stay as it was. The validator accepts nothing else.
   */
  commandChange?: CommandChange;
  /** Original instructions (0-based start lines) the conversion leaves out on purpose, each named in the notes. */
  droppedLines?: number[];
  validation: ValidationResult;
}

export interface CommandChange {
  /** The original command, for the notes and the title (`cargo run`). */
  from: string;
  cmd?: string[];
  entrypoint?: string[];
}

/** Why nothing was offered. */
export interface NoConversion {
  kind: ConversionKind;
  reason: string;
}

export type ConversionOutcome = Conversion | NoConversion;

export function isConversion(o: ConversionOutcome): o is Conversion {
  return (o as Conversion).text !== undefined;
}

/** Facts read from the build context through the injected FileSystemHost (see context.ts). */
export interface ContextFacts {
  packageJson?: { name?: string; scripts: Record<string, string>; dependencies: string[]; devDependencies: string[]; main?: string };
  lockFiles: string[];
  goModule?: string;
  goCgoDeps?: boolean;
  cargoPackage?: string;
  cargoBins: string[];
  pom?: { artifactId?: string; version?: string; packaging?: string; finalName?: string; mainClass?: string };
  csproj: string[];
  tsOutDir?: string;
  files: string[];
  /** Top-level directories of the context, when it was listed. */
  dirs?: string[];
}

export interface ConvertOptions {
  /** Facts from the build context, when the caller could read it. */
  context?: ContextFacts;
  /** Values for placeholders, by token (from the CLI or the client's input box). */
  values?: Record<string, string>;
}

/** One instruction of the original stage with what the recipes need to know about it. */
export interface Item {
  /** Position in the original file's instruction list. */
  position: number;
  instruction: Instruction;
  keyword: string;
  /** The exact original text (all its lines). */
  text: string;
  /** Comment and blank lines right before it (since the previous instruction). */
  leading: string[];
  /** Arguments, continuation lines joined, whitespace collapsed. */
  args: string;
  /** Effective WORKDIR before this instruction runs (absolute, or '/' by default). */
  workdir: string;
}
