/**
 * Compose and Bake files (core/compose): the stage a service's `build.target` or a Bake target's `target`
 * selects, against the Dockerfile it builds.
 * - In a Compose or Bake file: completion of the Dockerfile's stage names, go to definition (into `FROM … AS
 *   name`, and from `dockerfile:` to the file), references and rename of the stage, and a diagnostic with a
 *   "did you mean" quick fix for a target that names no stage.
 * - In a Dockerfile: references and rename of a stage include the targets of the Compose and Bake files that
 *   build it (open ones, and those in the Dockerfile's folder and the folders above it up to the workspace
 *   folder, read through ctx.host: none in an untrusted workspace).
 * VS Code's client claims only Dockerfiles; this feature registers the requests it answers, and document
 * sync, for exactly the Compose and Bake file names (dynamic registration), so no other YAML, JSON or HCL
 * file is sent to the server and no formatter, folding or outline provider is added to those files.
 */
import {
  CodeAction,
  CodeActionParams,
  CodeActionKind,
  CodeActionRequest,
  CompletionItem,
  CompletionItemKind,
  CompletionRequest,
  DefinitionRequest,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSelector,
  ErrorCodes,
  Location,
  Position,
  Range,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  TextDocumentSyncKind,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../../../../common/ids';
import { BUILD_FILE_NAMES, isDockerfileName, pathToUri, uriToPath, type BuildFile, type DockerfileModel, type ResolvedEntry, type UnknownTarget } from '../../core';
import type { Analysed, OtherDocumentRequests, ServerContext } from '../context';
import { describeError, runSafe } from '../runSafe';
import type { Feature } from './feature';
import { perDocumentScheduler } from '../perDocument';

/** The diagnostic code of a target that names no stage of its Dockerfile. */
export const UNKNOWN_TARGET_CODE = 'unknown-target';

/** The document selector of the files this feature claims: exactly the Compose and Bake file names. */
export const BUILD_FILE_SELECTOR: DocumentSelector = BUILD_FILE_NAMES.map((name) => ({ pattern: `**/${name}` }));

/** Files larger than this are not read as build files or as Dockerfiles behind them. */
const MAX_READ_BYTES = 2_000_000;
/** Folders above a Dockerfile searched for build files when no workspace folder contains it. */
const ANCESTORS_WITHOUT_WORKSPACE = 3;

interface BuildFileAnalysis {
  uri: string;
  path: string;
  file: BuildFile;
  resolved: ResolvedEntry[];
}

interface DockerfileAt {
  uri: string;
  path: string;
  model: DockerfileModel;
  /** The open document's version, for edits; null when read from disk. */
  version: number | null;
}

/** Build files and Dockerfiles by path: open documents first, then the disk (through ctx.host); one parse per text. */
export class BuildFileIndex {
  private readonly buildFiles = new Map<string, { text: string; analysis: BuildFileAnalysis }>();
  private readonly dockerfiles = new Map<string, { text: string; model: DockerfileModel }>();

  constructor(readonly ctx: ServerContext) {}

  private openDocument(path: string) {
    return this.ctx.documents.all().find((d) => uriToPath(d.uri) === path);
  }

  private async read(path: string): Promise<string | undefined> {
    try {
      const bytes = await this.ctx.host.readFile(path);
      if (!bytes || bytes.byteLength > MAX_READ_BYTES || bytes.includes(0)) return undefined;
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined;
    }
  }

  analyseText(uri: string, path: string, text: string): BuildFileAnalysis | undefined {
    const hit = this.buildFiles.get(path);
    if (hit && hit.text === text && hit.analysis.uri === uri) return hit.analysis;
    const { parseBuildFile, resolveBuildFile } = this.ctx.stages.buildFiles;
    const file = parseBuildFile(path, text);
    if (!file) return undefined;
    const analysis = { uri, path, file, resolved: resolveBuildFile(file, path) };
    this.buildFiles.set(path, { text, analysis });
    if (this.buildFiles.size > 64) this.buildFiles.delete(this.buildFiles.keys().next().value as string);
    return analysis;
  }

  /** An open Compose or Bake document. */
  analyseOpen(uri: string): BuildFileAnalysis | undefined {
    const document = this.ctx.documents.get(uri);
    const path = uriToPath(uri);
    const kind = this.ctx.kindOf(uri);
    if (!document || !path || (kind !== 'compose' && kind !== 'bake')) return undefined;
    return this.analyseText(uri, path, document.getText());
  }

  async dockerfile(path: string): Promise<DockerfileAt | undefined> {
    const open = this.openDocument(path);
    if (open) {
      const a = this.ctx.analyse(open.uri);
      return a ? { uri: open.uri, path, model: a.model, version: open.version } : undefined;
    }
    const text = await this.read(path);
    if (text === undefined) return undefined;
    const hit = this.dockerfiles.get(path);
    if (hit && hit.text === text) return { uri: pathToUri(path), path, model: hit.model, version: null };
    const model = this.ctx.stages.parse(text, { target: this.ctx.settings.target || undefined });
    this.dockerfiles.set(path, { text, model });
    if (this.dockerfiles.size > 32) this.dockerfiles.delete(this.dockerfiles.keys().next().value as string);
    return { uri: pathToUri(path), path, model, version: null };
  }

  /** The build context a Compose or Bake entry gives the Dockerfile at `path` (the first found), with where it is written. */
  async contextFor(dockerfilePath: string): Promise<{ context: string; source: string } | undefined> {
    for (const b of await this.buildFilesFor(dockerfilePath)) {
      const r = b.resolved.find((x) => x.dockerfilePath === dockerfilePath && x.contextPath);
      if (r) return { context: r.contextPath!, source: `${b.path.slice(b.path.lastIndexOf('/') + 1)}, ${r.entry.kind === 'compose' ? 'service' : 'target'} '${r.entry.name}'` };
    }
    return undefined;
  }

  /**
   * The build files that may build the Dockerfile at `path`: every open one, and the Compose and Bake files
   * in its folder and the folders above it, up to the workspace folder that holds it.
   */
  async buildFilesFor(dockerfilePath: string): Promise<BuildFileAnalysis[]> {
    const { parentDir } = this.ctx.stages.buildFiles;
    const out = new Map<string, BuildFileAnalysis>();
    for (const d of this.ctx.documents.all()) {
      const a = this.analyseOpen(d.uri);
      if (a) out.set(a.path, a);
    }
    const root = this.ctx.workspaceFolders.filter((f) => dockerfilePath.startsWith(f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length)[0];
    const dirs: string[] = [];
    for (let dir = parentDir(dockerfilePath); ; dir = parentDir(dir)) {
      dirs.push(dir);
      if (root ? dir === root || !dir.startsWith(root) : dirs.length > ANCESTORS_WITHOUT_WORKSPACE) break;
      if (dir === '/' || /^[A-Za-z]:\/?$/.test(dir)) break;
    }
    const candidates = dirs.flatMap((dir) => BUILD_FILE_NAMES.map((name) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`))).filter((p) => !out.has(p));
    const texts = await Promise.all(candidates.map((p) => this.read(p)));
    candidates.forEach((p, i) => {
      const text = texts[i];
      if (text === undefined) return;
      const a = this.analyseText(pathToUri(p), p, text);
      if (a) out.set(p, a);
    });
    return [...out.values()];
  }
}

const indexes = new WeakMap<ServerContext, BuildFileIndex>();

/** The server's one index of build files (shared by this feature and the build-stage lens). */
export function buildFileIndex(ctx: ServerContext): BuildFileIndex {
  let index = indexes.get(ctx);
  if (!index) indexes.set(ctx, (index = new BuildFileIndex(ctx)));
  return index;
}

function relativeDisplay(fromDir: string, path: string): string {
  if (path.startsWith(`${fromDir}/`)) return path.slice(fromDir.length + 1);
  return path;
}

/** The problems of an open build file, with the Dockerfiles they were checked against. */
async function checkBuildFile(index: BuildFileIndex, analysis: BuildFileAnalysis): Promise<UnknownTarget[]> {
  const { unknownTargets, parentDir } = index.ctx.stages.buildFiles;
  const models = new Map<string, DockerfileModel | undefined>();
  for (const r of analysis.resolved) {
    if (r.dockerfilePath && !models.has(r.dockerfilePath)) models.set(r.dockerfilePath, (await index.dockerfile(r.dockerfilePath))?.model);
  }
  return unknownTargets(analysis.resolved, (p) => models.get(p), (p) => relativeDisplay(parentDir(analysis.path), p));
}

function toDiagnostic(problem: UnknownTarget): Diagnostic {
  return {
    range: problem.range,
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: UNKNOWN_TARGET_CODE,
    message: problem.message,
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * Rename of the stage at `position` of a Dockerfile: the Dockerfile's own edits (core/navigation.ts) and the
 * targets of every build file that selects the stage. Undefined when there is no stage there.
 */
async function renameWithBuildFiles(index: BuildFileIndex, at: DockerfileAt, position: Position, newName: string, requireBuildFiles: boolean): Promise<WorkspaceEdit | ResponseError<void> | undefined> {
  const { stageOccurrenceAt, entriesSelecting, renameStage } = index.ctx.stages.buildFiles;
  const occ = stageOccurrenceAt(at.model, position);
  if (!occ) return undefined;
  const key = at.model.stages[occ.stage]?.key;
  const selecting = key ? (await index.buildFilesFor(at.path)).flatMap((b) => entriesSelecting(b.resolved, at.path, key).map((r) => ({ uri: b.uri, entry: r }))) : [];
  if (requireBuildFiles && !selecting.length) return undefined;
  const result = renameStage(at.model, position, newName);
  if (!result) return undefined;
  if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, `Cannot rename the stage: ${result.error}`);
  const changes: Record<string, TextEdit[]> = { [at.uri]: result.edits };
  for (const s of selecting) (changes[s.uri] ??= []).push(TextEdit.replace(s.entry.target!.range, newName.trim()));
  return { changes };
}

/** The Dockerfile's own occurrences of the stage at `position` and the build-file targets that select it. */
async function referencesWithBuildFiles(index: BuildFileIndex, at: DockerfileAt, position: Position, includeDeclaration: boolean, requireBuildFiles: boolean): Promise<Location[] | undefined> {
  const { stageOccurrenceAt, entriesSelecting, stageReferences } = index.ctx.stages.buildFiles;
  const occ = stageOccurrenceAt(at.model, position);
  const key = occ && at.model.stages[occ.stage]?.key;
  if (!occ || !key) return undefined;
  const external: Location[] = [];
  for (const b of await index.buildFilesFor(at.path)) for (const r of entriesSelecting(b.resolved, at.path, key)) external.push(Location.create(b.uri, r.target!.range));
  if (requireBuildFiles && !external.length) return undefined;
  const own = (stageReferences(at.model, position, includeDeclaration) ?? []).map((r) => Location.create(at.uri, r));
  return [...own, ...external];
}

export const buildFiles: Feature = {
  name: 'buildFiles',
  register(ctx) {
    const index = buildFileIndex(ctx);
    publishBuildFileDiagnostics(ctx, index);
    ctx.otherDocuments = { ...buildFileRequests(ctx, index), codeActions: (p) => buildFileQuickFixes(ctx, index, p) };
    contributeToDockerfiles(ctx, index);
    return { onInitialized: () => registerForBuildFiles(ctx) };
  },
};

/** Diagnostics of the open Compose and Bake files: targets that name no stage of their Dockerfile. */
function publishBuildFileDiagnostics(ctx: ServerContext, index: BuildFileIndex): void {
  const validate = async (uri: string) => {
    const analysis = index.analyseOpen(uri);
    const document = ctx.documents.get(uri);
    if (!analysis || !document) return;
    const version = document.version;
    let diagnostics: Diagnostic[] = [];
    try {
      diagnostics = (await checkBuildFile(index, analysis)).map(toDiagnostic);
    } catch (e) {
      ctx.log.error(`checking ${analysis.path} failed: ${describeError(e)}`);
    }
    const current = ctx.documents.get(uri);
    if (current !== document || current.version !== version) return;
    void ctx.connection.sendDiagnostics({ uri, version, diagnostics });
  };
  const { schedule, cancel } = perDocumentScheduler(validate);
  const scheduleOpenBuildFiles = () => {
    for (const d of ctx.documents.all()) {
      const kind = ctx.kindOf(d.uri);
      if (kind === 'compose' || kind === 'bake') schedule(d.uri);
    }
  };

  ctx.documents.onDidChangeContent((e) => {
    const kind = ctx.kindOf(e.document.uri);
    if (kind === 'compose' || kind === 'bake') schedule(e.document.uri);
    // A stage added, renamed or removed in a Dockerfile changes what the open build files' targets mean.
    else if (kind === 'dockerfile') scheduleOpenBuildFiles();
  });
  ctx.documents.onDidClose((e) => {
    cancel(e.document.uri);
    if (ctx.kindOf(e.document.uri) === 'dockerfile' || isDockerfileName(uriToPath(e.document.uri)?.split('/').pop() ?? '')) scheduleOpenBuildFiles();
  });
  ctx.onSettingsChanged(() => scheduleOpenBuildFiles());
}

/** Completion, definition, references and rename in a Compose or Bake file (its targets, its `dockerfile:`). */
function buildFileRequests(ctx: ServerContext, index: BuildFileIndex): Omit<OtherDocumentRequests, 'codeActions'> {
  const { targetAt, stageOfTarget, targetCompletionSite, parentDir, namedStages, dockerfileValueAt } = ctx.stages.buildFiles;
  /** The Dockerfile and stage a build file's target under the position selects. */
  const targetUnder = async (uri: string, position: Position) => {
    const analysis = index.analyseOpen(uri);
    const r = analysis && targetAt(analysis.resolved, position);
    if (!r?.dockerfilePath) return undefined;
    const at = await index.dockerfile(r.dockerfilePath);
    const stage = at && stageOfTarget(at.model, r.target!);
    return at && stage ? { analysis: analysis!, entry: r, at, stage } : undefined;
  };

  return {
    completion: (p) =>
      runSafe(ctx.log, 'build file completion', undefined, null, async () => {
        const analysis = index.analyseOpen(p.textDocument.uri);
        const document = ctx.documents.get(p.textDocument.uri);
        if (!analysis || !document) return null;
        const site = targetCompletionSite(document.getText(), analysis.file.kind, analysis.path.endsWith('.json'), analysis.resolved, p.position);
        if (!site?.entry.dockerfilePath) return null;
        const at = await index.dockerfile(site.entry.dockerfilePath);
        if (!at || at.model.binary) return null;
        const file = relativeDisplay(parentDir(analysis.path), at.path);
        return namedStages(at.model).map((stage, n): CompletionItem => ({
          label: stage.name!,
          kind: CompletionItemKind.Reference,
          detail: `${stage.isFinal ? 'final stage' : `stage ${stage.index}`} · FROM ${stage.base.text}`,
          documentation: `Stage '${stage.name}' of ${file} (line ${stage.from.getRange().start.line + 1})`,
          sortText: String(n).padStart(4, '0'),
          filterText: stage.name,
          textEdit: TextEdit.replace(site.range, stage.name!),
        }));
      }) as Promise<CompletionItem[] | null>,

    definition: (p) =>
      runSafe(ctx.log, 'build file definition', undefined, null, async () => {
        const found = await targetUnder(p.textDocument.uri, p.position);
        if (found) return Location.create(found.at.uri, found.stage.nameRange ?? found.stage.from.getRange());
        const analysis = index.analyseOpen(p.textDocument.uri);
        const r = analysis && dockerfileValueAt(analysis.resolved, p.position);
        const at = r?.dockerfilePath ? await index.dockerfile(r.dockerfilePath) : undefined;
        return at ? Location.create(at.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) : null;
      }) as Promise<Location | null>,

    references: (p) =>
      runSafe(ctx.log, 'build file references', undefined, null, async () => {
        const found = await targetUnder(p.textDocument.uri, p.position);
        if (!found?.stage.nameRange) return null;
        return (await referencesWithBuildFiles(index, found.at, found.stage.nameRange.start, p.context.includeDeclaration, false)) ?? null;
      }) as Promise<Location[] | null>,

    prepareRename: (p) =>
      runSafe(ctx.log, 'build file prepare rename', undefined, null, async () => {
        const found = await targetUnder(p.textDocument.uri, p.position);
        return found?.stage.nameRange && !found.entry.target!.opaque ? found.entry.target!.range : null;
      }) as Promise<Range | null>,

    rename: (p) =>
      runSafe(ctx.log, 'build file rename', undefined, null, async () => {
        const found = await targetUnder(p.textDocument.uri, p.position);
        if (!found?.stage.nameRange) return null;
        const edit = await renameWithBuildFiles(index, found.at, found.stage.nameRange.start, p.newName, false);
        // A refused rename is answered with the error, which the editor shows.
        return (edit as WorkspaceEdit | undefined) ?? null;
      }) as Promise<WorkspaceEdit | null>,
  };
}

/** "Change the target to ..." for a target that names no stage (the "did you mean" first). */
async function buildFileQuickFixes(ctx: ServerContext, index: BuildFileIndex, p: CodeActionParams): Promise<CodeAction[]> {
  const { namedStages } = ctx.stages.buildFiles;
  const ours = p.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === UNKNOWN_TARGET_CODE);
  if (!ours.length || (p.context.only?.length && !p.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k)))) return [];
  const analysis = index.analyseOpen(p.textDocument.uri);
  if (!analysis) return [];
  const problems = await checkBuildFile(index, analysis);
  const out: CodeAction[] = [];
  for (const d of ours) {
    const problem = problems.find((pr) => sameRange(pr.range, d.range));
    if (!problem) continue;
    const at = problem.entry.dockerfilePath ? await index.dockerfile(problem.entry.dockerfilePath) : undefined;
    const names = problem.suggestion ? [problem.suggestion] : at ? namedStages(at.model).map((s) => s.name!) : [];
    names.forEach((name, n) =>
      out.push({
        title: problem.suggestion ? `Change the target to '${name}' (did you mean)` : `Change the target to '${name}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: !!problem.suggestion && n === 0,
        edit: { changes: { [p.textDocument.uri]: [TextEdit.replace(problem.range, name)] } },
      }),
    );
  }
  return out;
}

/** References and rename in a Dockerfile include the targets of the build files that select the stage. */
function contributeToDockerfiles(ctx: ServerContext, index: BuildFileIndex): void {
  // In a Dockerfile: references and rename include the build files' targets. Registered before
  // stageNavigation (features/index.ts), these answer first, and only when a build file selects the stage.
  const dockerfileAt = (a: Analysed): DockerfileAt | undefined => {
    const path = uriToPath(a.document.uri);
    return path ? { uri: a.document.uri, path, model: a.model, version: a.document.version } : undefined;
  };
  ctx.contributions.references.push(async (a, position) => {
    const at = dockerfileAt(a);
    return at ? referencesWithBuildFiles(index, at, position, true, true) : undefined;
  });
  ctx.contributions.rename.push(async (a, position, newName) => {
    const at = dockerfileAt(a);
    const edit = at ? await renameWithBuildFiles(index, at, position, newName, true) : undefined;
    // A refused rename is answered with the error (as stageNavigation does).
    return edit as WorkspaceEdit | undefined;
  });
}

/** Document sync and the requests this feature answers, registered for exactly the Compose and Bake file names. */
function registerForBuildFiles(ctx: ServerContext): void {
  const caps = ctx.clientCapabilities.textDocument;
  const register = <P>(type: { method: string } & object, options: P, supported: boolean | undefined) => {
    if (!supported) return;
    void ctx.connection.client.register(type as never, options as never).catch((e: unknown) => ctx.log.warn(`could not register ${type.method} for Compose and Bake files: ${describeError(e)}`));
  };
  const documentSelector = BUILD_FILE_SELECTOR;
  const sync = caps?.synchronization?.dynamicRegistration;
  register(DidOpenTextDocumentNotification.type, { documentSelector }, sync);
  register(DidChangeTextDocumentNotification.type, { documentSelector, syncKind: TextDocumentSyncKind.Incremental }, sync);
  register(DidCloseTextDocumentNotification.type, { documentSelector }, sync);
  register(CompletionRequest.type, { documentSelector, triggerCharacters: [' ', '"', ':', '='] }, caps?.completion?.dynamicRegistration);
  register(DefinitionRequest.type, { documentSelector }, caps?.definition?.dynamicRegistration);
  register(ReferencesRequest.type, { documentSelector }, caps?.references?.dynamicRegistration);
  register(RenameRequest.type, { documentSelector, prepareProvider: true }, caps?.rename?.dynamicRegistration);
  register(CodeActionRequest.type, { documentSelector, codeActionKinds: [CodeActionKind.QuickFix] }, caps?.codeAction?.dynamicRegistration);
}
