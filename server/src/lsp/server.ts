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
import { documentKind, exceedsAnalysisLimits, FileSystemHost, isIgnoreFile, MemoryFileSystemHost, ModelCache } from '../core';
import { Analysed, emptyContributions, ServerContext } from './context';
import { CachedFileSystemHost } from './cachedHost';
import { Logger } from './runSafe';
import { FEATURES } from './features';
import { uriToPath } from './features/contextRules';

export interface ServerOptions {
  host?: FileSystemHost;
  version?: string;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new ModelCache();
  const log: Logger = {
    error: (m) => connection.console.error(m),
    warn: (m) => connection.console.warn(m),
    info: (m) => connection.console.info(m),
  };
  const settingsListeners: ((s: Settings) => void)[] = [];
  let ctx: ServerContext | undefined;
  let configurationSupported = false;
  let revalidateAll = () => {};
  let whenDiagnosed = (_uri: string): Promise<void> => Promise.resolve();
  const initializedListeners: (() => void)[] = [];

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; trusted?: boolean; commands?: unknown; otherDockerfileExtension?: unknown; ruleDocsCommand?: unknown };
    configurationSupported = !!params.capabilities.workspace?.configuration;
    const service = limitLargeTexts(DockerfileLanguageServiceFactory.createLanguageService());
    service.setLogger({ log: (m) => log.info(m) });
    service.setCapabilities({
      completion: params.capabilities.textDocument?.completion,
      hover: params.capabilities.textDocument?.hover,
      foldingRange: params.capabilities.textDocument?.foldingRange,
    });
    const trusted = init.trusted !== false;
    const settings = resolveSettings(init.settings);
    cache.setOptions({ target: settings.target || undefined, platform: settings.platform || undefined });
    let ignoreFilesWatched = false;
    const host = options.host && trusted ? new CachedFileSystemHost(options.host, { mayKeep: (p) => ignoreFilesWatched || !isIgnoreFile(p) }) : undefined;
    ctx = {
      connection: answerOnlyCurrentVersions(connection, documents),
      documents,
      service,
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
      resourceSettings: (uri) => resourceSettings(uri),
      otherDockerfileExtension: typeof init.otherDockerfileExtension === 'string' && init.otherDockerfileExtension ? init.otherDockerfileExtension : undefined,
      clientOffersRuleDocsCommand: init.ruleDocsCommand === true,
      providesStandardFeatures(s) {
        return provideStandardFeatures(s.standardFeatures, this.otherDockerfileExtension);
      },
      analyse(uri: string): Analysed | undefined {
        const document = documents.get(uri);
        // A Compose or Bake file (or any other document a client sends) is never parsed as a Dockerfile.
        return document && documentKind(document.languageId, uri) === 'dockerfile' ? { document, model: cache.get(document) } : undefined;
      },
      kindOf(uri: string) {
        const document = documents.get(uri);
        return document ? documentKind(document.languageId, uri) : undefined;
      },
      workspaceFolders: workspaceFolderPaths(params),
      clientCommands: Array.isArray(init.commands) ? init.commands.filter((c): c is string => typeof c === 'string') : [],
      revalidateAll: () => revalidateAll(),
      whenDiagnosed: (uri) => whenDiagnosed(uri),
      onSettingsChanged: (l) => settingsListeners.push(l),
    };
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    };
    for (const feature of FEATURES) {
      const added = feature.register(ctx);
      Object.assign(capabilities, added.capabilities ?? {});
      if (added.revalidateAll) revalidateAll = added.revalidateAll;
      if (added.whenDiagnosed) whenDiagnosed = added.whenDiagnosed;
      if (added.onInitialized) initializedListeners.push(added.onInitialized);
    }
    return { capabilities, serverInfo: { name: 'dockerfile-stages', version: options.version } };
  });

  connection.onInitialized(async () => {
    for (const l of initializedListeners) l();
    if (configurationSupported) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
      await refreshSettings(undefined);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    await refreshSettings(pushed);
  });

  const perResource = new Map<string, Promise<Settings>>();
  function resourceSettings(uri: string): Promise<Settings> {
    if (!ctx) return Promise.resolve(resolveSettings(undefined));
    if (!configurationSupported) return Promise.resolve(ctx.settings);
    let hit = perResource.get(uri);
    if (!hit) {
      const fallback = ctx.settings;
      hit = connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((raw) => {
          const settings = raw === undefined || raw === null ? fallback : resolveSettings(raw);
          // The build target is a model option: a folder's own target gives its documents their own models.
          cache.setDocumentOptions(uri, { target: settings.target || undefined });
          return settings;
        })
        .catch((e) => {
          log.warn(`could not read the settings of ${uri}: ${String(e)}`);
          perResource.delete(uri);
          return fallback;
        });
      perResource.set(uri, hit);
    }
    return hit;
  }
  documents.onDidClose((e) => perResource.delete(e.document.uri));

  async function refreshSettings(pushed: unknown): Promise<void> {
    perResource.clear();
    for (const d of documents.all()) cache.setDocumentOptions(d.uri, undefined);
    if (!ctx) return;
    let raw = pushed;
    if (configurationSupported) {
      try {
        raw = await connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch (e) {
        log.warn(`could not read settings: ${String(e)}`);
      }
    }
    if (raw === undefined) return;
    ctx.settings = resolveSettings(raw);
    cache.setOptions({ target: ctx.settings.target || undefined, platform: ctx.settings.platform || undefined });
    for (const l of settingsListeners) l(ctx.settings);
    revalidateAll();
  }

  documents.onDidClose((e) => cache.evict(e.document.uri));
  documents.listen(connection);
  connection.listen();
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

