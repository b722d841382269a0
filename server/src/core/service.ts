/**
 * `createStagesService(io)`: the core's one entry. The language server, the CLI, the fuzzer and the bench call
 * these verbs; everything external (files, registry, architecture, log) comes in through `io`.
 * The service keeps one parse per document version (ModelCache, the JSON language service's version-keyed
 * cache) and hands that model to every verb; per-model results (conversions, size reports) are kept with it.
 * Verbs take the settings they depend on explicitly.
 */
import { applyDockerfileAstPatches } from './astPatches';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, Position, Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { CompletionItemKind, MarkupKind, TextEdit as Edit } from 'vscode-languageserver-types';
import { Commands } from '../../../common/ids';
import type { Settings } from '../../../common/settings';
import { ModelCache, type VersionedText } from './cache';
import { createModelMemo } from './modelMemo';
import { warmShellParser } from './commands';
import * as compose from './compose';
import { conversionsFor, gatherContextFacts, type ContextFacts, type ConversionList } from './convert';
import { diagnose } from './diagnose';
import { foldingRanges } from './folding';
import { MemoryFileSystemHost } from './host';
import { hoverSizesFrom, hoverSizesWithoutStage, stageHover } from './hover';
import { parseImageName } from './imageRef';
import { buildModel, type DockerfileModel, type ModelOptions } from './model';
import { prepareStageRename, renameStage, stageDefinition, stageHighlights, stageOccurrenceAt, stageReferences, type StageRenameResult } from './navigation';
import { summarizeStages, type StageSummary } from './roles';
import { ALL_RULES, ruleByCode, runContextRules, runRules, type Rule, type RuleResult } from './rules';
import { semanticTokens, semanticTokensLegend } from './semanticTokens';
import { baseImageCompletions, formatSize, imageCompletionSite, lensTitles, type ImageEstimate } from './size';
import { STANDARD_CHECKS, standardCheckByCode, type StandardCheck } from './standardCodes';
import { documentSymbols } from './symbols';
import { splitLines } from './text';
import { conversionActions, conversionEdit, ruleActions, type ActionClient, type ConversionActionData, type ConversionsQuery, type DocumentRef, type RuleActions } from './service/actions';
import { SizeEstimates } from './service/sizes';
import type { BuildContextLocation, SizeOptions, ServiceLogger, SizeReport, StagesDocument, StagesIO } from './service/types';
import { folderOf, uriToPath } from './service/uri';

export type { ActionClient, ConversionActionData, ConversionsQuery, RuleActions } from './service/actions';
export { TOOLCHAIN_DIAGNOSTIC } from './service/actions';
export type * from './service/types';

/** At most this many registry tags are offered in FROM completion (the newest-looking first). */
const MAX_REGISTRY_TAGS = 100;

export interface ValidateOptions {
  /** Keep the standard validator's syntax checks (false when another Dockerfile extension provides them). */
  standard?: boolean;
}

export interface CodeActionsRequest {
  /** The line the actions are asked for (a FROM line offers its stage's conversions). */
  line: number;
  diagnostics: Diagnostic[];
  only?: string[];
  /** The context rules' results of this version (validateContext), for their fixes. */
  contextResults?: RuleResult[];
  client?: ActionClient;
}

export interface LensOptions extends SizeOptions {
  /** A measured size of the image built from this very text (`stage` absent: the final image). */
  measured?: (stage?: string) => number | undefined;
}

export interface CompletionOptions {
  arch?: SizeOptions['arch'];
  /** Add the tags the image's registry lists (`io.images.listTags`). */
  registryLookup?: boolean;
}

export interface Explanation {
  finalStage: number | null;
  binary: boolean;
  stages: StageSummary[];
}

export interface StagesService {
  /** The model of a document version (one parse per version and model options). */
  model(doc: StagesDocument): DockerfileModel;
  /** A model of a text that is no open document (a Dockerfile on disk, an old revision). */
  parse(text: string, options?: ModelOptions): DockerfileModel;
  /** Model options for every document (the build target and platform of the settings). */
  configure(options: ModelOptions): void;
  /** Model options of one document (a folder's settings); undefined: the common ones again. */
  configureDocument(uri: string, options: ModelOptions | undefined): void;
  /** Forgets a closed document. */
  close(uri: string): void;
  /** Runs the shell parser once on a small script so that V8 has compiled it before the first validation; for idle time. */
  prepare(): void;

  validate(doc: StagesDocument, settings: Settings, options?: ValidateOptions): Diagnostic[];
  /** The rules that read the build context (.dockerignore, copied files); `path`: the Dockerfile's, default from its URI. */
  validateContext(doc: StagesDocument, settings: Settings, options?: { path?: string; onError?: (rule: Rule, e: unknown) => void }): Promise<RuleResult[]>;
  hover(doc: StagesDocument, position: Position, sizes?: SizeOptions): Hover | undefined;
  codeLenses(doc: StagesDocument, options: LensOptions): Promise<CodeLens[]>;
  codeActions(doc: StagesDocument, settings: Settings, request: CodeActionsRequest): Promise<RuleActions>;
  /** Fills in a conversion action listed without its edit; undefined when it no longer applies. */
  resolve(doc: StagesDocument, data: ConversionActionData, client?: ActionClient): Promise<CodeAction | undefined>;
  convert(doc: StagesDocument, query?: ConversionsQuery & { readContext?: boolean }): Promise<ConversionList>;
  estimate(doc: StagesDocument, options?: SizeOptions): Promise<SizeReport>;
  /** The report if it is already computed (never waits). */
  peekEstimate(doc: StagesDocument, options?: SizeOptions): SizeReport | undefined;
  explain(doc: StagesDocument): Explanation;
  symbols(doc: StagesDocument): DocumentSymbol[];
  folding(doc: StagesDocument, options?: { rangeLimit?: number }): FoldingRange[];
  semanticTokens(doc: StagesDocument): SemanticTokens;
  readonly semanticTokensLegend: SemanticTokensLegend;
  definition(doc: StagesDocument, position: Position): Range | undefined;
  references(doc: StagesDocument, position: Position): Range[] | undefined;
  highlights(doc: StagesDocument, position: Position): DocumentHighlight[] | undefined;
  prepareRename(doc: StagesDocument, position: Position): Range | undefined;
  rename(doc: StagesDocument, position: Position, newName: string): StageRenameResult | undefined;
  /** Base images and tags in FROM. */
  completion(doc: StagesDocument, position: Position, options?: CompletionOptions): Promise<CompletionItem[]>;
  /** What the conversions know of a folder's build context (manifests ...). */
  contextFacts(uri: string): Promise<ContextFacts | undefined>;
  /** Compose and Bake files: parsing, resolving, targets (core/compose), and stage occurrences in a Dockerfile read from disk. */
  readonly buildFiles: typeof compose & { stageOccurrenceAt: typeof stageOccurrenceAt; renameStage: typeof renameStage; stageReferences: typeof stageReferences };
  /** Rule and standard-check metadata. */
  readonly rules: { all: readonly Rule[]; byCode(code: string): Rule | undefined; standardChecks: readonly StandardCheck[]; standardCheckByCode(code: string): StandardCheck | undefined };
  /** Runs a listener when sizes became known (a registry answer): lenses should refresh. */
  onSizesChanged(listener: () => void): void;
}

const silent: ServiceLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function versioned(doc: StagesDocument): VersionedText {
  return 'getText' in doc ? doc : { uri: doc.uri, version: doc.version, getText: () => doc.text };
}

function ref(doc: StagesDocument): DocumentRef {
  return { uri: doc.uri, version: doc.version, text: 'getText' in doc ? doc.getText() : doc.text };
}

export function createStagesService(io: StagesIO = {}): StagesService {
  // dockerfile-ast's patches (core/astPatches.ts, each naming its upstream problem), before any parse: the
  // standard language service a server creates next to this one parses through the patched parser too.
  applyDockerfileAstPatches();
  const log = io.log ?? silent;
  const cache = new ModelCache();
  const { sizes, contextFacts, sizeListeners } = sizeVerbsState(io, log);
  const model = (doc: StagesDocument) => cache.get(versioned(doc));

  const convert = conversionsCached(model, contextFacts, log);

  return {
    model,
    parse: (text, options) => buildModel(text, options),
    configure: (options) => cache.setOptions(options),
    configureDocument: (uri, options) => cache.setDocumentOptions(uri, options),
    close: (uri) => {
      cache.evict(uri);
      sizes.forget(uri);
    },
    prepare: () => void warmShellParser(),

    validate(doc, settings, options = {}) {
      const all = diagnose(model(doc), settings);
      return options.standard === false ? all.filter((d) => typeof (d.data as { validatorCode?: unknown } | undefined)?.validatorCode !== 'number') : all;
    },
    async validateContext(doc, settings, options = {}) {
      const path = options.path ?? uriToPath(doc.uri);
      if (!path || !io.files) return [];
      return runContextRules(model(doc), settings, { host: io.files, dockerfilePath: path }, { onError: options.onError });
    },
    hover(doc, position, sizeOptions) {
      const m = model(doc);
      // The lens's estimate when it is ready; until then the hover leaves the stage size out rather than wait.
      const report = sizeOptions ? sizes.peek(m, doc.uri, sizeOptions) : undefined;
      return stageHover(m, position, report ? hoverSizesFrom(report.estimate) : hoverSizesWithoutStage());
    },
    async codeLenses(doc, options) {
      const m = model(doc);
      if (!m.stages.length) return [];
      const { estimate: est, converted } = await sizes.report(m, doc.uri, { ...options, projectConversion: true });
      return sizeLenses(doc.uri, est, converted, options);
    },
    ...actionVerbs(model, convert),
    convert,
    estimate: (doc, options = {}) => sizes.report(model(doc), doc.uri, options),
    peekEstimate: (doc, options = {}) => sizes.peek(model(doc), doc.uri, options),
    explain(doc) {
      const m = model(doc);
      return { finalStage: m.finalStage?.index ?? null, binary: m.binary, stages: summarizeStages(m) };
    },
    symbols: (doc) => documentSymbols(model(doc)),
    folding: (doc, options = {}) => foldingRanges(model(doc), options),
    semanticTokens: (doc) => semanticTokens(model(doc)),
    semanticTokensLegend,
    definition: (doc, position) => stageDefinition(model(doc), position),
    references: (doc, position) => stageReferences(model(doc), position),
    highlights: (doc, position) => stageHighlights(model(doc), position),
    prepareRename: (doc, position) => prepareStageRename(model(doc), position)?.range,
    rename: (doc, position, newName) => renameStage(model(doc), position, newName),
    completion: (doc, position, options = {}) => imageCompletion(ref(doc).text, position, { arch: options.arch ?? io.hostArch ?? 'amd64', listTags: options.registryLookup ? io.images?.listTags?.bind(io.images) : undefined, log }),
    contextFacts,
    buildFiles: { ...compose, stageOccurrenceAt, renameStage, stageReferences },
    rules: { all: ALL_RULES, byCode: ruleByCode, standardChecks: STANDARD_CHECKS, standardCheckByCode },
    onSizesChanged: (l) => sizeListeners.push(l),
  };
}

/** What the size and context verbs share: the build-context facts of a document's folder and the size estimates. */
function sizeVerbsState(io: StagesIO, log: ServiceLogger): { sizes: SizeEstimates; contextFacts: (uri: string) => Promise<ContextFacts | undefined>; sizeListeners: (() => void)[] } {
  const factsHost = io.files ?? new MemoryFileSystemHost();
  const sizeListeners: (() => void)[] = [];
  const contextFacts = async (uri: string): Promise<ContextFacts | undefined> => {
    const path = uriToPath(uri);
    if (!path) return undefined;
    try {
      return await gatherContextFacts(factsHost, folderOf(path));
    } catch {
      return undefined;
    }
  };
  const contextOf = (uri: string): BuildContextLocation | undefined => {
    const path = uriToPath(uri);
    return path ? { dir: folderOf(path), dockerfilePath: path } : undefined;
  };
  const sizes = new SizeEstimates({ files: io.files, lookup: io.images ? (n, a) => io.images!.lookup(n, a) : undefined, hostArch: io.hostArch ?? 'amd64', log, contextFacts, contextOf });
  io.images?.onDidChange?.(() => {
    sizes.invalidate();
    for (const l of sizeListeners) l();
  });
  return { sizes, contextFacts, sizeListeners };
}

/** The light bulb's verbs: the actions at a line (conversions, rule fixes) and a conversion resolved when picked. */
function actionVerbs(model: (doc: StagesDocument) => DockerfileModel, convert: StagesService['convert']): Pick<StagesService, 'codeActions' | 'resolve'> {
  return {
    async codeActions(doc, settings, request) {
      const m = model(doc);
      const d = ref(doc);
      const client = request.client ?? {};
      const conversionsAt = await conversionActions(d, m, request.line, request.diagnostics, client, (q) => convert(doc, q));
      const rules = ruleActions(d, m, [...runRules(m, settings), ...(request.contextResults ?? [])], request.diagnostics, request.only);
      return { actions: [...conversionsAt, ...rules.actions], createdFiles: rules.createdFiles };
    },
    async resolve(doc, data, client = {}) {
      const list = await convert(doc, data.query);
      const c = list.offered.find((o) => o.kind === data.kind && o.title === data.title && !o.placeholders.length);
      if (!c) return undefined;
      const resolved: CodeAction = { title: c.title, edit: conversionEdit(ref(doc), c, client) };
      if (client.conversionApplied) resolved.command = { title: c.title, command: Commands.conversionApplied, arguments: [doc.uri, c.title, c.notes] };
      return resolved;
    },
  };
}

/** The conversions of a document version, computed once per query (the lens, the light bulb and a click ask alike). */
function conversionsCached(model: (doc: StagesDocument) => DockerfileModel, contextFacts: (uri: string) => Promise<ContextFacts | undefined>, log: ServiceLogger): StagesService['convert'] {
  const conversions = createModelMemo<Map<string, Promise<ConversionList>>>();
  return (doc, query = {}) => {
    const m = model(doc);
    let perModel = conversions.get(m);
    if (!perModel) conversions.set(m, (perModel = new Map()));
    const key = JSON.stringify(query);
    let p = perModel.get(key);
    if (!p) {
      const { readContext, ...q } = query;
      p = (readContext === false ? Promise.resolve(undefined) : contextFacts(doc.uri)).then((context) => {
        const list = conversionsFor(m, { ...q, context });
        for (const s of list.skipped) if (s.reason.startsWith('the conversion failed validation')) log.info(`conversion ${s.kind} not offered for ${doc.uri}: ${s.reason}`);
        return list;
      });
      perModel.set(key, p);
    }
    return p;
  };
}

/** The size lenses of an estimate: a stage's size on its FROM line, the final image's with the saving a conversion would bring. */
function sizeLenses(uri: string, est: ImageEstimate, converted: ImageEstimate | undefined, options: LensOptions): CodeLens[] {
  return lensTitles(est, converted).map((t): CodeLens => {
    const s = est.stages[t.stage];
    const measured = s?.isFinal ? options.measured?.() : undefined;
    const bytes = measured ?? (s ? options.measured?.(s.name ?? String(s.index)) : undefined);
    const title = bytes !== undefined ? `${t.title} \u00b7 measured ${formatSize(bytes)}` : t.title;
    const range = { start: { line: t.line, character: 0 }, end: { line: t.line, character: 0 } };
    return { range, command: t.saving ? { title, command: Commands.convertToMultiStage, arguments: [uri, 'multiStage'] } : { title, command: Commands.showSizeBreakdown, arguments: [uri] } };
  });
}

async function imageCompletion(text: string, position: Position, options: { arch: 'amd64' | 'arm64'; listTags?: (name: NonNullable<ReturnType<typeof parseImageName>>) => Promise<string[]>; log: ServiceLogger }): Promise<CompletionItem[]> {
  const line = splitLines(text)[position.line] ?? '';
  const site = imageCompletionSite(line, position);
  if (!site) return [];
  const items: CompletionItem[] = baseImageCompletions(site, options.arch).map((c) => ({
    label: c.label,
    kind: site.kind === 'image' ? CompletionItemKind.Module : CompletionItemKind.Value,
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    sortText: `0${c.sortText}`,
    filterText: c.insertText,
    textEdit: Edit.replace(site.range, c.insertText),
  }));
  const name = site.kind === 'tag' && site.image && options.listTags ? parseImageName(`${site.image}:latest`) : undefined;
  if (!name || !options.listTags) return items;
  try {
    const known = new Set(items.map((i) => i.label));
    const tags = (await options.listTags(name)).filter((t) => !known.has(t) && t.startsWith(site.prefix));
    tags.slice(-MAX_REGISTRY_TAGS).reverse().forEach((tag, n) =>
      items.push({ label: tag, kind: CompletionItemKind.Value, detail: `tag listed by the registry of ${site.image} (no size in the table)`, sortText: `1${String(n).padStart(4, '0')}`, textEdit: Edit.replace(site.range, tag) }),
    );
  } catch (e) {
    options.log.info(`registry tag list of ${site.image} failed: ${String(e)}`);
  }
  return items;
}

