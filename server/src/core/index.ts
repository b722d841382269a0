/**
 * The core's public entry: `createStagesService(io)` and the types of its verbs. The language server and the
 * CLI import only this module (scripts/core-boundary.mjs checks it); tests and scripts may import a module by
 * its path (or core/internal.ts).
 */
export { createStagesService } from './service';
export type {
  StagesService,
  StagesIO,
  StagesDocument,
  ImageSizeSource,
  ServiceLogger,
  SizeOptions,
  SizeReport,
  BuildContextLocation,
  ValidateOptions,
  CodeActionsRequest,
  LensOptions,
  CompletionOptions,
  Explanation,
  ActionClient,
  ConversionActionData,
  ConversionsQuery,
  RuleActions,
} from './service';
// Types the verbs take and answer.
export type { DockerfileModel, ModelOptions, Stage } from './model';
export type { FileStat, FileSystemHost } from './host';
export type { Arch, BaseImageInfo, ImageEstimate, StageEstimate, SizeFigure } from './size';
export type { ImageName } from './imageRef';
export type { Conversion, ConversionKind, ConversionList, ContextFacts } from './convert';
export type { Rule, RuleResult, RuleFix } from './rules';
export type { StandardCheck } from './standardCodes';
export type { StageSummary } from './roles';
export type { StageRenameResult } from './navigation';
export type { DocumentKind, BuildFile, ResolvedEntry, UnknownTarget } from './compose';
// Small pure helpers every caller needs (paths, file kinds, limits, sizes, platforms).
export { MemoryFileSystemHost } from './host';
export { uriToPath, pathToUri } from './service/uri';
export { documentKind, isDockerfileName, BUILD_FILE_NAMES } from './compose';
export { isIgnoreFile } from './rules';
export { exceedsAnalysisLimits } from './model';
export { formatSize } from './size';
export { lineEdits } from './lineEdits';
export { parsePlatform, formatPlatform } from './targetPlatform';
