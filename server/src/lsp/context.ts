/**
 * What every feature of the server receives: the connection, the open documents, the shared model cache,
 * the settings, the standard language service, and the contribution lists through which features add to
 * requests that LSP lets only one handler answer (diagnostics, hover, code actions, code lenses ...).
 */
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import {
  CodeAction,
  CodeActionParams,
  CodeLens,
  Connection,
  Definition,
  Diagnostic,
  DocumentHighlight,
  Hover,
  Location,
  Position,
  Range,
  TextDocuments,
  WorkspaceEdit,
  ClientCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../../../common/settings';
import type { MeasuredSizeParams } from '../../../common/protocol';
import type { DockerfileModel, FileSystemHost, ImageEstimate } from '../core';
import type { Logger } from './runSafe';

/** A document with its model for the current version. */
export interface Analysed {
  document: TextDocument;
  model: DockerfileModel;
}

export type DiagnosticsContributor = (a: Analysed, settings: Settings) => Diagnostic[] | Promise<Diagnostic[]>;
export type PositionContributor<T> = (a: Analysed, position: Position) => T | null | undefined | Promise<T | null | undefined>;
export type CodeActionContributor = (a: Analysed, params: CodeActionParams) => CodeAction[] | Promise<CodeAction[]>;
export type CodeLensContributor = (a: Analysed, settings: Settings) => CodeLens[] | Promise<CodeLens[]>;
export type RenameContributor = (a: Analysed, position: Position, newName: string) => WorkspaceEdit | null | undefined;

export interface Contributions {
  /** All contributors' diagnostics are published together, after the standard validator's. */
  diagnostics: DiagnosticsContributor[];
  /** First non-null answer wins; the standard service answers last. */
  hover: PositionContributor<Hover>[];
  definition: PositionContributor<Definition>[];
  references: PositionContributor<Location[]>[];
  documentHighlight: PositionContributor<DocumentHighlight[]>[];
  prepareRename: PositionContributor<Range>[];
  rename: RenameContributor[];
  /** Code actions from all contributors are concatenated. */
  codeActions: CodeActionContributor[];
  codeLenses: CodeLensContributor[];
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: DockerfileLanguageService;
  readonly log: Logger;
  /** The workspace's files (reads are reused for a moment: see cachedHost.ts). */
  readonly host: FileSystemHost;
  /** A file watcher now reports .dockerignore changes, so their reads may be reused too. */
  ignoreFilesWatched(): void;
  /** A watched file changed: forget every read kept. */
  filesChanged(): void;
  readonly contributions: Contributions;
  /** Workspace trust as the client declared it; untrusted means no registry look-ups, no reads outside. */
  readonly trusted: boolean;
  clientCapabilities: ClientCapabilities;
  settings: Settings;
  /** The document and its model for the current version; undefined for documents not open. */
  analyse(uri: string): Analysed | undefined;
  /** Re-run diagnostics of every open document (after a settings change, say). */
  revalidateAll(): void;
  /**
   * The size estimate of a document version if it is already computed (set by the estimate feature, whose
   * lens and request share it); otherwise starts computing it and answers undefined. Hovers use it so they
   * never wait for an estimate, and never show a figure other than the lens's.
   */
  peekEstimate?: (a: Analysed) => ImageEstimate | undefined;
  /** A measured size of the image built from this document's current text (set by the measuredSize feature); `stage` absent: the final image. */
  measuredSize?: (uri: string, text: string, stage?: string) => MeasuredSizeParams | undefined;
  /** Listeners run after settings change. */
  onSettingsChanged(listener: (settings: Settings) => void): void;
}

export function emptyContributions(): Contributions {
  return {
    diagnostics: [],
    hover: [],
    definition: [],
    references: [],
    documentHighlight: [],
    prepareRename: [],
    rename: [],
    codeActions: [],
    codeLenses: [],
  };
}

/** Asks each contributor in turn; the first non-null, non-empty answer wins. */
export async function firstAnswer<T>(contributors: PositionContributor<T>[], a: Analysed, position: Position): Promise<T | undefined> {
  for (const c of contributors) {
    const r = await c(a, position);
    if (r !== null && r !== undefined && !(Array.isArray(r) && r.length === 0)) return r;
  }
  return undefined;
}
