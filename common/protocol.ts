/**
 * Custom LSP messages between the client and the server (and any other editor). One definition each:
 * the method name and the parameter/result types.
 */
export interface TextDocumentParams {
  textDocument: { uri: string };
}

/** Conversions (issue 9): the client asks the server for a conversion of a document, previews and applies it. */
export const ConversionsRequest = 'dockerfileStages/conversions';
export type ConversionRequestKind = 'multiStage' | 'multiStageNginx' | 'devBuildRuntime' | 'switchBase' | 'nameStage' | 'extractBase';
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
