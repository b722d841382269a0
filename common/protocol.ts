/**
 * Custom LSP messages between the client and the server (and any other editor). One definition each:
 * the method name and the parameter/result types.
 */
export interface TextDocumentParams {
  textDocument: { uri: string };
}

/** Conversions (issue 9): the client asks the server for a conversion of a document, previews and applies it. */
export const ConversionsRequest = 'dockerfileStages/conversions';
export type ConversionRequestKind = 'multiStage' | 'multiStageNginx' | 'multiStageRunArtifact' | 'devBuildRuntime' | 'switchBase' | 'nameStage' | 'extractBase';
export interface ConversionsParams extends TextDocumentParams {
  /** Which conversions; all the file offers when absent. */
  kinds?: ConversionRequestKind[];
  /** The stage for per-stage rewrites (switch base, name stage); default: the stage at `line`, else the first. */
  stage?: number;
  line?: number;
  /** Confirmed placeholder values, by token. */
  values?: Record<string, string>;
}
export interface ConversionPlaceholderInfo {
  token: string;
  name: string;
  prompt: string;
  suggestion: string;
}
export interface ConversionInfo {
  kind: ConversionRequestKind;
  title: string;
  stack?: string;
  /** The whole converted Dockerfile. */
  text: string;
  /**
   * The same conversion as whole-line edits of the document version the result is for: only the lines that
   * change (empty while placeholders remain). Apply them together, as one edit.
   */
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
  notes: string[];
  placeholders: ConversionPlaceholderInfo[];
  /** Checks the validator could not make. */
  unverified: string[];
}
export interface ConversionsResult {
  /** The document version the conversions were computed for. */
  version: number;
  conversions: ConversionInfo[];
  /** Why the requested kinds were not offered. */
  skipped: { kind: ConversionRequestKind; reason: string }[];
}

/**
 * "Build this stage" (issue 21): the arguments of the `dockerfileStages.buildStage` command that the server's
 * "Build stage 'name'" CodeLens carries (offered only to clients that declared the command, in a trusted
 * workspace). After the build the client sends MeasuredSizeNotification (below).
 */
export interface BuildStageCommandArgs {
  /** The Dockerfile. */
  uri: string;
  /** The stage name after AS. */
  stage: string;
  /** 0-based line of the stage's FROM. */
  line: number;
  /** The build context: a Compose or Bake entry's that builds this Dockerfile, else the Dockerfile's folder ('/'-separated path). */
  context?: string;
  /** Where the context comes from (`compose.yaml, service 'web'`), for the task's title. */
  contextSource?: string;
}

/** Image size estimate (issue 6): the structured estimate of a document; the client's status bar, breakdown view and the CLI use it. */
export const EstimateRequest = 'dockerfileStages/estimate';
export type SizeArch = 'amd64' | 'arm64';
export interface EstimateParams extends TextDocumentParams {
  /** Default: the `size.architecture` setting (the host's). */
  arch?: SizeArch;
}
/** Decimal bytes. `low`/`high` bound the compressed size; `uncompressedLow`/`uncompressedHigh` the uncompressed one. */
export interface SizeFigureInfo {
  compressedBytes: number;
  uncompressedBytes: number;
  low: number;
  high: number;
  uncompressedLow: number;
  uncompressedHigh: number;
}
export interface SizeLayerItemInfo extends SizeFigureInfo {
  label: string;
  category: string;
  basis: string;
  paths?: string[];
  removed?: boolean;
}
export interface SizeLayerInfo extends SizeFigureInfo {
  line: number;
  keyword: string;
  summary: string;
  items: SizeLayerItemInfo[];
}
export interface SizeStageInfo extends SizeFigureInfo {
  index: number;
  name?: string;
  line: number;
  /** `approximateFrom`: the figure is another tag's (the nearest version of the same variant in the table), shown as ≈ that tag. */
  base: SizeFigureInfo & { text: string; source: string; note: string; stage?: number; variants?: { ref: string; compressedBytes: number; uncompressedBytes?: number }[]; approximateFrom?: string };
  layers: SizeLayerInfo[];
  isFinal: boolean;
  discarded: boolean;
  reachable: boolean;
  unknownBase: boolean;
  notes: string[];
}
export interface EstimateResult {
  uri: string;
  /** The document version the estimate was computed for. */
  version: number;
  arch: SizeArch;
  stages: SizeStageInfo[];
  final?: SizeFigureInfo & { stage: number; unknownBase: boolean };
  discardedBytes: number;
  notes: string[];
  /** Single-stage files: the estimate of the multi-stage conversion's final image, when one is offered. */
  converted?: SizeFigureInfo & { unknownBase: boolean };
  /** The build context was measured (a file on disk in a trusted workspace). */
  contextMeasured: boolean;
}

/**
 * Measured image size (issue 16): the client tells the server the size of an image it built from a document's
 * current text (verify conversion; "Build this stage"). The server keeps one figure per document and stage
 * (`stage` absent: the final image), drops it when the document's text changes from what was built, and the
 * size lens shows it next to the estimate (`· measured 9.7 MB`).
 */
export const MeasuredSizeNotification = 'dockerfileStages/measuredSize';
export interface MeasuredSizeParams {
  uri: string;
  /** A stage name (or index), when a single stage was built; absent: the final image. */
  stage?: string;
  /** Measured bytes (uncompressed, as the builder stores the image). */
  bytes: number;
  /** The image tag that was measured. */
  image: string;
  /** ISO time of the build. */
  builtAt: string;
}

/**
 * What `dockerfile-stages verify --json` prints (server/src/cli/commands/verify.ts) and the VS Code command
 * *Verify conversion by building* reads (client/src/features/verifyConversion.ts).
 */
export interface VerifyReport {
  builder: 'docker' | 'podman' | 'buildah';
  originalFrom: string;
  convertedFrom: string;
  context: string;
  fileSide: 'original' | 'converted';
  original: VerifiedImage;
  converted: VerifiedImage;
  savingBytes: number | null;
  /** Image-config differences: `Cmd`, or `Env.NAME` / `Labels.NAME` for one entry; `inherited` when each image takes it unchanged from its own base. */
  differences: { field: string; before: unknown; after: unknown; inherited?: boolean }[];
  notes: string[];
  removed: boolean;
}
export interface VerifiedImage {
  image: string;
  built: boolean;
  sizeBytes: number | null;
  seconds: number;
  error?: string;
}
