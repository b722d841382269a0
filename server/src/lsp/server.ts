/**
 * The protocol adapter: wires the connection to the core. Each feature lives in features/<name>.ts,
 * registers its handlers and returns the capabilities it adds.
 */
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import {
  Connection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  ServerCapabilities,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SETTINGS_SECTION } from '../../../common/ids';
import { provideStandardFeatures, resolveSettings, Settings } from '../../../common/settings';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { createStagesService, documentKind, exceedsAnalysisLimits, isIgnoreFile, MemoryFileSystemHost, uriToPath, type Arch, type FileSystemHost, type ImageSizeSource, type ModelOptions } from '../core';
import { Analysed, emptyContributions, ServerContext } from './context';
import { CachedFileSystemHost } from './cachedHost';
import { Logger } from './runSafe';
import { FEATURES } from './features';

/** What the Node entry (node/main.ts) gives the server: everything outside the protocol. */
export interface ServerOptions {
  /** The file system (build contexts, Compose/Bake files); read only in a trusted workspace. */
  host?: FileSystemHost;
  version?: string;
  /** Exact base-image sizes and tags (the registry); asked only when the setting allows it. */
  images?: ImageSizeSource;
  /** The machine's architecture, the default of size estimates. */
  hostArch?: Arch;
  /** Called once, when the first diagnostics are published: the start is over (node/main.ts gives V8 its defaults back then). */
  onStartupOver?: () => void;
}

type InitOptions = { settings?: unknown; trusted?: boolean; commands?: unknown; otherDockerfileExtension?: unknown; ruleDocsCommand?: unknown };

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const log: Logger = {
    error: (m) => connection.console.error(m),
    warn: (m) => connection.console.warn(m),
    info: (m) => connection.console.info(m),
  };
  let ctx: ServerContext | undefined;
  let settingsStore: SettingsStore | undefined;
  const initializedListeners: (() => void)[] = [];

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx = createContext(connection, documents, params, options, log);
    settingsStore = new SettingsStore(connection, ctx, !!params.capabilities.workspace?.configuration);
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    };
    for (const feature of FEATURES) {
      const added = feature.register(ctx);
      Object.assign(capabilities, added.capabilities ?? {});
      if (added.revalidateAll) settingsStore.revalidateAll = added.revalidateAll;
      if (added.whenDiagnosed) ctx.whenDiagnosed = added.whenDiagnosed;
      if (added.onInitialized) initializedListeners.push(added.onInitialized);
    }
    return { capabilities, serverInfo: { name: 'dockerfile-stages', version: options.version } };
  });

  connection.onInitialized(async () => {
    for (const l of initializedListeners) l();
    await settingsStore?.initialized();
  });
  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    await settingsStore?.refresh(pushed);
  });
  documents.onDidClose((e) => {
    settingsStore?.forget(e.document.uri);
    ctx?.stages.close(e.document.uri);
  });
  documents.listen(connection);
  connection.listen();
}

/** The context every feature receives, with the core's service built over the injected I/O. */
function createContext(connection: Connection, documents: TextDocuments<TextDocument>, params: InitializeParams, options: ServerOptions, log: Logger): ServerContext {
  const init = (params.initializationOptions ?? {}) as InitOptions;
  const trusted = init.trusted !== false;
  const settings = resolveSettings(init.settings);
  let ignoreFilesWatched = false;
  const host = options.host && trusted ? new CachedFileSystemHost(options.host, { mayKeep: (p) => ignoreFilesWatched || !isIgnoreFile(p) }) : undefined;
  const stages = createStagesService({ files: host, images: options.images, hostArch: options.hostArch, log });
  stages.configure(modelOptionsOf(settings));
  const ctx: ServerContext = {
    connection: answerOnlyCurrentVersions(connection, documents),
    documents,
    service: standardService(params, log),
    stages,
    log,
    host: host ?? new MemoryFileSystemHost(),
    ignoreFilesWatched: () => {
      ignoreFilesWatched = true;
    },
    filesChanged: () => host?.invalidate(),
    contributions: emptyContributions(),
    trusted,
    clientCapabilities: params.capabilities,
    settings,
    // The window's settings as they are when asked (SettingsStore replaces both with per-document answers).
    resourceSettings: () => Promise.resolve(ctx.settings),
    knownResourceSettings: () => ctx.settings,
    otherDockerfileExtension: typeof init.otherDockerfileExtension === 'string' && init.otherDockerfileExtension ? init.otherDockerfileExtension : undefined,
    clientOffersRuleDocsCommand: init.ruleDocsCommand === true,
    providesStandardFeatures(s) {
      return provideStandardFeatures(s.standardFeatures, this.otherDockerfileExtension);
    },
    analyse(uri: string): Analysed | undefined {
      const document = documents.get(uri);
      // A Compose or Bake file (or any other document a client sends) is never parsed as a Dockerfile.
      return document && documentKind(document.languageId, uri) === 'dockerfile' ? { document, model: stages.model(document) } : undefined;
    },
    kindOf(uri: string) {
      const document = documents.get(uri);
      return document ? documentKind(document.languageId, uri) : undefined;
    },
    workspaceFolders: workspaceFolderPaths(params),
    clientCommands: Array.isArray(init.commands) ? init.commands.filter((c): c is string => typeof c === 'string') : [],
    revalidateAll: () => undefined,
    whenDiagnosed: () => Promise.resolve(),
    diagnosticsPublished: once(options.onStartupOver),
    onSettingsChanged: () => undefined,
  };
  return ctx;
}

/** A function that calls `f` the first time it is called, and does nothing after. */
function once(f: (() => void) | undefined): () => void {
  let pending = f;
  return () => {
    const call = pending;
    pending = undefined;
    call?.();
  };
}

/** The standard Dockerfile language service, told the client's capabilities, never called on a text past the analysis limits. */
function standardService(params: InitializeParams, log: Logger): DockerfileLanguageService {
  const service = limitLargeTexts(DockerfileLanguageServiceFactory.createLanguageService());
  service.setLogger({ log: (m) => log.info(m) });
  service.setCapabilities({
    completion: params.capabilities.textDocument?.completion,
    hover: params.capabilities.textDocument?.hover,
    foldingRange: params.capabilities.textDocument?.foldingRange,
  });
  return service;
}

/** Two resolved settings objects say the same (plain data, built in one key order by resolveSettings). */
function sameSettings(a: Settings, b: Settings): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The model options the settings give (the build target and the target platform). */
function modelOptionsOf(settings: Settings): ModelOptions {
  return { target: settings.target || undefined, platform: settings.platform || undefined };
}

/**
 * The settings: the window's (pushed or asked), and per document (workspace/configuration with its URI as
 * scopeUri, so a folder's settings apply in a multi-root workspace), kept until the settings change. A folder's
 * build target gives its documents their own models.
 */
class SettingsStore {
  private readonly perResource = new Map<string, Promise<Settings>>();
  /** The answers received so far (perResource's settled values). */
  private readonly answered = new Map<string, Settings>();
  private readonly listeners: ((s: Settings) => void)[] = [];
  revalidateAll: () => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly ctx: ServerContext,
    private readonly configurationSupported: boolean,
  ) {
    ctx.resourceSettings = (uri) => this.resource(uri);
    ctx.knownResourceSettings = (uri) => (this.configurationSupported ? this.answered.get(uri) : ctx.settings);
    ctx.revalidateAll = () => this.revalidateAll();
    ctx.onSettingsChanged = (l) => this.listeners.push(l);
  }

  async initialized(): Promise<void> {
    if (!this.configurationSupported) return;
    void this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    await this.refresh(undefined, { initial: true });
  }

  forget(uri: string): void {
    this.perResource.delete(uri);
    this.answered.delete(uri);
  }

  resource(uri: string): Promise<Settings> {
    const ctx = this.ctx;
    if (!this.configurationSupported) return Promise.resolve(ctx.settings);
    const kept = this.perResource.get(uri);
    if (kept) return kept;
    const fallback = ctx.settings;
    const asked: Promise<Settings> = this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      .then((raw) => {
        const resolved = raw === undefined || raw === null ? fallback : resolveSettings(raw);
        // The window's object when equal: results kept per settings object (the rules') serve both.
        const settings = sameSettings(resolved, ctx.settings) ? ctx.settings : resolved;
        // The build target and platform are model options: a folder's own give its documents their own models.
        ctx.stages.configureDocument(uri, modelOptionsOf(settings));
        if (this.perResource.get(uri) === asked) this.answered.set(uri, settings);
        return settings;
      })
      .catch((e) => {
        ctx.log.warn(`could not read the settings of ${uri}: ${String(e)}`);
        if (this.perResource.get(uri) === asked) this.perResource.delete(uri);
        return fallback;
      });
    this.perResource.set(uri, asked);
    return asked;
  }

  async refresh(pushed: unknown, { initial = false } = {}): Promise<void> {
    const ctx = this.ctx;
    this.perResource.clear();
    this.answered.clear();
    for (const d of ctx.documents.all()) ctx.stages.configureDocument(d.uri, undefined);
    let raw = pushed;
    if (this.configurationSupported) {
      try {
        raw = await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch (e) {
        ctx.log.warn(`could not read settings: ${String(e)}`);
      }
    }
    if (raw === undefined) return;
    const next = resolveSettings(raw);
    // The first answer mostly repeats the settings the client passed at initialize: the documents opened meanwhile
    // were diagnosed under those and stay so (the same object: what is kept per settings object stays valid).
    if (initial && sameSettings(next, ctx.settings)) return;
    ctx.settings = next;
    ctx.stages.configure(modelOptionsOf(ctx.settings));
    for (const l of this.listeners) l(ctx.settings);
    this.revalidateAll();
  }
}

function workspaceFolderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter((p): p is string => !!p);
}

/**
 * The standard service parses the text it is given on every call (completion, formatting, links ...); past
 * the core's analysis limits it is not called and the request gets an empty answer, so a 10 MB file cannot
 * hold the server.
 */
function limitLargeTexts(service: DockerfileLanguageService): DockerfileLanguageService {
  return new Proxy(service, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (args.some((a) => typeof a === 'string' && exceedsAnalysisLimits(a)) ? null : value.apply(target, args));
    },
  });
}

/**
 * The connection as features see it: every handler they register (`onHover`, `languages.semanticTokens.on`,
 * `onRequest` ...) is wrapped so that a request about a document is never answered with a result computed
 * for another version than the one it was asked about. When the document changed between the request's
 * arrival and its answer (an edit came in while an asynchronous contributor was waiting), the answer is
 * ContentModified, which clients drop silently, instead of positions that point into the old text.
 * Notification handlers go through the same wrapper; their return value is ignored anyway.
 */
function answerOnlyCurrentVersions(connection: Connection, documents: TextDocuments<TextDocument>): Connection {
  const wrapHandler = (handler: (...args: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      const uri = (args[0] as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
      const askedDocument = typeof uri === 'string' ? documents.get(uri) : undefined;
      const asked = askedDocument?.version;
      const result = handler.apply(this, args);
      if (asked === undefined) return result;
      // The same document object at the same version: a document closed and opened again restarts its versions.
      const current = () => {
        const now = documents.get(uri as string);
        return now === askedDocument && now?.version === asked;
      };
      const check = (r: unknown) => (r instanceof ResponseError || current() ? r : new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while the request was computed'));
      return result instanceof Promise ? result.then(check) : check(result);
    };
  const wrap = <T extends object>(target: T, depth: number): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        const value = Reflect.get(t, key, receiver);
        if (typeof key !== 'string') return value;
        if (typeof value === 'function' && /^on([A-Z]|$)/.test(key)) {
          return (...args: unknown[]) => value.apply(t, args.map((a) => (typeof a === 'function' ? wrapHandler(a as (...x: unknown[]) => unknown) : a)));
        }
        // connection.languages.semanticTokens.on, connection.languages.inlayHint.on ...
        if (depth < 2 && value && typeof value === 'object' && (key === 'languages' || depth === 1)) return wrap(value, depth + 1);
        return value;
      },
    });
  return wrap(connection, 0);
}

