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
  CompletionItem,
  CompletionParams,
  PrepareRenameParams,
  ReferenceParams,
  RenameParams,
  TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../../../common/settings';
import type { MeasuredSizeParams } from '../../../common/protocol';
import type { DockerfileModel, SizeOptions, FileSystemHost, StagesService } from '../core';
import type { Logger } from './runSafe';
import type { DocumentKind } from '../core';

/** A document with its model for the current version. */
export interface Analysed {
  document: TextDocument;
  model: DockerfileModel;
}

export type DiagnosticsContributor = (a: Analysed, settings: Settings) => Diagnostic[] | Promise<Diagnostic[]>;
export type PositionContributor<T> = (a: Analysed, position: Position) => T | null | undefined | Promise<T | null | undefined>;
export type CodeActionContributor = (a: Analysed, params: CodeActionParams) => CodeAction[] | Promise<CodeAction[]>;
export type CodeLensContributor = (a: Analysed, settings: Settings) => CodeLens[] | Promise<CodeLens[]>;
export type CompletionContributor = (a: Analysed, position: Position) => CompletionItem[] | Promise<CompletionItem[]>;
export type RenameContributor = (a: Analysed, position: Position, newName: string) => WorkspaceEdit | null | undefined | Promise<WorkspaceEdit | null | undefined>;
/** Fills in a code action a contributor listed without its edit (`codeAction/resolve`), by `data.feature`. */
export type CodeActionResolver = (action: CodeAction, data: Record<string, unknown>) => CodeAction | Promise<CodeAction>;

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
  /** Resolvers of lazily computed code actions, by the `feature` their `data` names. */
  codeActionResolvers: Record<string, CodeActionResolver>;
  codeLenses: CodeLensContributor[];
  /** Completion items from all contributors follow the standard service's. */
  completion: CompletionContributor[];
}

/**
 * Requests about open documents that are not Dockerfiles: Compose and Bake files (features/buildFiles.ts sets
 * them). The Dockerfile handlers pass a request on here when `analyse` has no Dockerfile for its document.
 */
export interface OtherDocumentRequests {
  completion(p: CompletionParams): Promise<CompletionItem[] | null>;
  definition(p: TextDocumentPositionParams): Promise<Definition | null>;
  references(p: ReferenceParams): Promise<Location[] | null>;
  prepareRename(p: PrepareRenameParams): Promise<Range | null>;
  rename(p: RenameParams): Promise<WorkspaceEdit | null>;
  codeActions(p: CodeActionParams): Promise<CodeAction[]>;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: DockerfileLanguageService;
  /** The core's service (core/service.ts): every Dockerfile feature calls its verbs. */
  readonly stages: StagesService;
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
  /** The settings of the window (no resource scope); `resourceSettings` gives a document's. */
  settings: Settings;
  /**
   * A document's settings: workspace/configuration with its URI as scopeUri, so a folder's settings apply in a
   * multi-root workspace. Kept until the settings change; `settings` when the client cannot be asked.
   */
  resourceSettings(uri: string): Promise<Settings>;
  /**
   * A document's settings when the client has answered for it already, else undefined (never asks). When they
   * equal the window's, this is the `settings` object itself, so that work done under one serves the other.
   */
  knownResourceSettings(uri: string): Settings | undefined;
  /**
   * The extension that provides the standard Dockerfile features besides us (Docker DX, Container Tools), as the
   * client found it installed and enabled at start; undefined when none is.
   */
  readonly otherDockerfileExtension: string | undefined;
  /** The client runs `dockerfileStages.openRuleDocs` (initialization option `ruleDocsCommand`; VS Code's client). */
  readonly clientOffersRuleDocsCommand: boolean;
  /** Whether we answer instruction completion, keyword hover, formatting and syntax diagnostics (standardFeatures). */
  providesStandardFeatures(settings: Settings): boolean;
  /** The document and its model for the current version; undefined for documents not open and for documents that are not Dockerfiles. */
  analyse(uri: string): Analysed | undefined;
  /** What an open document is (core/compose/fileNames.ts: its language id, else its file name); undefined when not open. */
  kindOf(uri: string): DocumentKind | undefined;
  /** The workspace folders' '/'-separated paths (file: folders only), from the initialize request. */
  readonly workspaceFolders: string[];
  /** Commands the client runs itself and told the server about (initializationOptions.commands): lenses may carry them. */
  readonly clientCommands: string[];
  /** Requests about Compose and Bake files, when the feature that answers them is registered. */
  otherDocuments?: OtherDocumentRequests;
  /** Re-run diagnostics of every open document (after a settings change, say). */
  revalidateAll(): void;
  /** Resolves once the diagnostics pending or running for a document are published (at once when none are). */
  whenDiagnosed(uri: string): Promise<void>;
  /** Told when a document's diagnostics were published; the first time, the server's start is over (ServerOptions.onStartupOver). */
  diagnosticsPublished(): void;
  /**
   * The size options a hover shows the estimate of (set by the estimate feature, whose lens and request share
   * it); starts computing the estimate soon when it is not computed yet. Hovers never wait for an estimate, and
   * never show a figure other than the lens's.
   */
  hoverSizes?: (a: Analysed) => SizeOptions;
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
    codeActionResolvers: {},
    codeLenses: [],
    completion: [],
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
