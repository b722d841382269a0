/**
 * Code actions of a Dockerfile: the rules' quick fixes (each fix a `quickfix` with its minimal edit; a fix that
 * adds a file creates it), "Ignore DSnnn for this instruction", `source.fixAll.dockerfileStages`, and the
 * conversions (`refactor.rewrite.*`, and from the toolchain diagnostic DS201 a quick fix).
 * A conversion action carries its edit, or for a client that resolves edits (`resolveEdits`) only `data`:
 * `resolve` computes the edit then, for the document version current at that time.
 */
import { CodeAction, CodeActionKind, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { CodeActionKinds, Commands, DIAGNOSTIC_SOURCE } from '../../../../common/ids';
import type { Conversion, ConversionKind } from '../convert';
import { lineEdits } from '../lineEdits';
import { instructionAtLine, type DockerfileModel } from '../model';
import { fixAllEdits, sameDiagnostic } from '../rules';
import type { RuleFix, RuleResult } from '../rules';
import { splitLines } from '../text';
import { pathToUri } from './uri';

/** The rules engineer emits this code on a single-stage file whose image keeps its build toolchain. */
export const TOOLCHAIN_DIAGNOSTIC = 'DS201';

const KIND_OF: Record<ConversionKind, string> = {
  multiStage: CodeActionKinds.multiStage,
  multiStageNginx: CodeActionKinds.multiStage,
  multiStageRunArtifact: CodeActionKinds.multiStage,
  devBuildRuntime: CodeActionKinds.devBuildRuntime,
  switchBase: CodeActionKinds.switchBase,
  nameStage: CodeActionKinds.nameStage,
  extractBase: CodeActionKinds.extractBase,
};

/** Which conversions a request asks for. */
export type ConversionsQuery = { kinds?: ConversionKind[]; stage?: number; line?: number; values?: Record<string, string>; variant?: string };

/** What a listed conversion action carries until it is resolved. */
export interface ConversionActionData {
  feature: 'convert';
  uri: string;
  query: ConversionsQuery;
  kind: ConversionKind;
  title: string;
}

/** What the client can do with an action (its capabilities). */
export interface ActionClient {
  /** It resolves an action's edit later (`codeAction/resolve`). */
  resolveEdits?: boolean;
  /** It takes versioned document changes (one undo step, refused when the text changed). */
  versionedEdits?: boolean;
  /** It runs `dockerfileStages.conversionApplied` after a resolved conversion's edit. */
  conversionApplied?: boolean;
}

export interface DocumentRef {
  uri: string;
  version: number;
  text: string;
}

/** The edit of a conversion: the changed lines only, for this document version. */
export function conversionEdit(doc: DocumentRef, c: Conversion, client: ActionClient): WorkspaceEdit {
  const edits: TextEdit[] = lineEdits(doc.text, c.text);
  if (client.versionedEdits) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

export function conversionAction(doc: DocumentRef, c: Conversion, query: ConversionsQuery, client: ActionClient): CodeAction {
  const action: CodeAction = { title: c.title, kind: KIND_OF[c.kind] };
  if (c.placeholders.length) {
    // The artifact path is not known: the command asks for it before applying (never a silent guess).
    action.title = `${c.title} (asks for the ${c.placeholders.map((p) => p.name).join(', ')})`;
    action.command = { title: action.title, command: Commands.convertToMultiStage, arguments: [doc.uri, c.kind] };
  } else if (client.resolveEdits) {
    const data: ConversionActionData = { feature: 'convert', uri: doc.uri, query, kind: c.kind, title: c.title };
    action.data = data;
  } else {
    action.edit = conversionEdit(doc, c, client);
  }
  return action;
}

/** The conversion actions at a line: on a FROM line its stage's conversions; with DS201 in the context, a quick fix. */
export async function conversionActions(doc: DocumentRef, model: DockerfileModel, line: number, diagnostics: Diagnostic[], client: ActionClient, list: (q: ConversionsQuery) => Promise<{ offered: Conversion[] }>): Promise<CodeAction[]> {
  const out: CodeAction[] = [];
  const stage = model.stageAt(line);
  const onFrom = !!stage && stage.from.getRange().start.line <= line && line <= stage.from.getRange().end.line;
  const toolchain = diagnostics.filter((d) => d.code === TOOLCHAIN_DIAGNOSTIC);
  if (toolchain.length) {
    const query: ConversionsQuery = { kinds: ['multiStage'] };
    for (const c of (await list(query)).offered) out.push({ ...conversionAction(doc, c, query, client), kind: CodeActionKind.QuickFix, diagnostics: toolchain, isPreferred: true });
  }
  if (onFrom) {
    const query: ConversionsQuery = { stage: stage!.index };
    for (const c of (await list(query)).offered) if (!(toolchain.length && c.kind === 'multiStage')) out.push(conversionAction(doc, c, query, client));
  }
  return out;
}

function fixEdit(uri: string, fix: RuleFix, version: number): WorkspaceEdit {
  if (!fix.createFiles?.length) return { changes: { [uri]: fix.edits } };
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of fix.createFiles) {
    const fileUri = pathToUri(file.path);
    documentChanges.push({ kind: 'create', uri: fileUri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: fileUri, version: null }, edits: [TextEdit.insert({ line: 0, character: 0 }, file.content)] });
  }
  if (fix.edits.length) documentChanges.push({ textDocument: { uri, version }, edits: fix.edits });
  return { documentChanges };
}

export interface RuleActions {
  actions: CodeAction[];
  /** The paths of the files the offered fixes would create. */
  createdFiles: string[];
}

/** The rules' quick fixes for the diagnostics of a request, the ignore comments, and fix-all when `only` asks for it. */
export function ruleActions(doc: DocumentRef, model: DockerfileModel, results: RuleResult[], diagnostics: Diagnostic[], only?: string[]): RuleActions {
  const actions: CodeAction[] = [];
  const createdFiles: string[] = [];
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && /^DS\d+$/.test(d.code));
  const resultOf = resultFinder(results);
  for (const d of ours) {
    const result = resultOf(d);
    if (!result?.finding.fixes) continue;
    result.finding.fixes.forEach((fix, n) => {
      for (const file of fix.createFiles ?? []) createdFiles.push(file.path);
      actions.push({ title: `${fix.title} (${result.rule.code})`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: n === 0 && fix.safe, edit: fixEdit(doc.uri, fix, doc.version) });
    });
  }
  actions.push(...ignoreActions(doc, model, ours));
  const wantsFixAll = !!only?.some((k) => CodeActionKinds.fixAll === k || CodeActionKinds.fixAll.startsWith(`${k}.`) || k === CodeActionKinds.fixAll);
  if (wantsFixAll) {
    const { edits, fixes } = fixAllEdits(results.filter((r) => !r.finding.fixes?.some((f) => f.createFiles)));
    if (edits.length) {
      actions.push({
        title: `Fix all auto-fixable Dockerfile Stages problems (${fixes.length})`,
        kind: CodeActionKinds.fixAll,
        diagnostics: ours.filter((d) => !!resultOf(d)?.finding.fixes?.some((f) => f.safe)),
        edit: { changes: { [doc.uri]: edits } },
      });
    }
  }
  return { actions, createdFiles };
}

/** The rule result a diagnostic was made from (results indexed by code and start: a request may carry thousands). */
function resultFinder(results: RuleResult[]): (d: Diagnostic) => RuleResult | undefined {
  const at = (code: unknown, p: { line: number; character: number }) => `${String(code)}@${p.line}:${p.character}`;
  const byStart = new Map<string, RuleResult[]>();
  for (const r of results) {
    const k = at(r.rule.code, r.finding.range.start);
    const list = byStart.get(k);
    if (list) list.push(r);
    else byStart.set(k, [r]);
  }
  return (d) => byStart.get(at(d.code, d.range.start))?.find((r) => sameDiagnostic(r, d));
}

/**
 * "Ignore DSnnn for this instruction" for each code and instruction among the diagnostics (one action for all the
 * diagnostics of a code on one instruction): a `# dockerfile-stages ignore=` comment above it, or the code added
 * to one.
 */
function ignoreActions(doc: DocumentRef, model: DockerfileModel, diagnostics: Diagnostic[]): CodeAction[] {
  if (!diagnostics.length) return [];
  const lines = splitLines(doc.text);
  const byKey = new Map<string, CodeAction>();
  for (const d of diagnostics) {
    // The instruction the comment goes above: the one Suppressions reads it for.
    const line = instructionAtLine(model, d.range.start.line)?.getRange().start.line ?? d.range.start.line;
    const key = `${String(d.code)}@${line}`;
    const same = byKey.get(key);
    if (same) {
      same.diagnostics?.push(d);
      continue;
    }
    const action = ignoreAction(doc.uri, lines, line, d);
    if (action) byKey.set(key, action);
  }
  return [...byKey.values()];
}

/** The ignore action of one diagnostic whose instruction starts on `line`; undefined when the comment already names the code. */
function ignoreAction(uri: string, lines: readonly string[], line: number, d: Diagnostic): CodeAction | undefined {
  const code = String(d.code);
  const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
  const above = line > 0 ? lines[line - 1] : undefined;
  let edit: TextEdit;
  if (above !== undefined && /^\s*#\s*dockerfile-stages\s+ignore\s*=/.test(above)) {
    if (new RegExp(`\\b${code}\\b`).test(above)) return undefined;
    const end = above.trimEnd().length;
    edit = TextEdit.insert({ line: line - 1, character: end }, `,${code}`);
  } else {
    edit = TextEdit.insert({ line, character: 0 }, `${indent}# dockerfile-stages ignore=${code}\n`);
  }
  return { title: `Ignore ${code} for this instruction`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: { changes: { [uri]: [edit] } } };
}
