/**
 * Quick fixes of the rules: each fix of a rule result is a `quickfix` CodeAction carrying a minimal
 * WorkspaceEdit (the rule's own small edits; a CreateFile and an insert when it adds a file), and
 * `source.fixAll.dockerfileStages` applies every safe fix at once.
 *
 * A fix that adds a file then shows it: the server asks the client for notice of the files a workspace edit
 * creates (`workspace.fileOperations.didCreate`, filtered to the names fixes create), and when a file that
 * an offered fix creates is reported, asks the client to open it (`window/showDocument`). (A command on the
 * action would do the same, but VS Code may drop an action's command when the action's edit takes a while.)
 */
import { fileURLToPath } from 'node:url';
import { CodeAction, CodeActionKind, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKinds, DIAGNOSTIC_SOURCE } from '../../../../common/ids';
import { fixAllEdits, runRules, sameDiagnostic, splitLines, type RuleFix, type RuleResult } from '../../core';
import type { Analysed, ServerContext } from '../context';
import { contextResults, pathToUri } from './contextRules';
import type { Feature } from './feature';

function workspaceEdit(uri: string, fix: RuleFix, version: number): WorkspaceEdit {
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

function allResults(ctx: ServerContext, a: Analysed): RuleResult[] {
  return [...runRules(a.model, ctx.settings), ...contextResults(a.document)];
}

/** The names of the files rule fixes create (the didCreate filter). */
const CREATED_FILE_GLOBS = ['**/.dockerignore'];

/** Files an offered fix would create, by path, with when it was offered: shown when the client reports them created. */
const offeredFiles = new Map<string, number>();
const OFFER_KEPT_MS = 10 * 60_000;

function rememberOffer(path: string): void {
  const now = Date.now();
  for (const [p, t] of offeredFiles) if (now - t > OFFER_KEPT_MS) offeredFiles.delete(p);
  offeredFiles.set(path, now);
}

/** The file path of a file: URI (the form of a URI differs between clients), or undefined. */
function uriPath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}

export function ruleCodeActions(ctx: ServerContext, a: Analysed, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  const uri = a.document.uri;
  const out: CodeAction[] = [];
  const results = allResults(ctx, a);
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && /^DS\d+$/.test(d.code));
  for (const d of ours) {
    const result = results.find((r) => sameDiagnostic(r, d));
    if (!result?.finding.fixes) continue;
    result.finding.fixes.forEach((fix, n) => {
      for (const file of fix.createFiles ?? []) rememberOffer(uriPath(pathToUri(file.path)) ?? file.path);
      out.push({ title: `${fix.title} (${result.rule.code})`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: n === 0 && fix.safe, edit: workspaceEdit(uri, fix, a.document.version) });
    });
  }
  for (const d of ours) {
    const ignore = ignoreAction(a, d);
    if (ignore) out.push(ignore);
  }
  const wantsFixAll = !!only?.some((k) => CodeActionKinds.fixAll === k || CodeActionKinds.fixAll.startsWith(`${k}.`) || k === CodeActionKinds.fixAll);
  if (wantsFixAll) {
    const { edits, fixes } = fixAllEdits(results.filter((r) => !r.finding.fixes?.some((f) => f.createFiles)));
    if (edits.length) {
      out.push({
        title: `Fix all auto-fixable Dockerfile Stages problems (${fixes.length})`,
        kind: CodeActionKinds.fixAll,
        diagnostics: ours.filter((d) => results.some((r) => sameDiagnostic(r, d) && r.finding.fixes?.some((f) => f.safe))),
        edit: { changes: { [uri]: edits } },
      });
    }
  }
  return out;
}

/** "Ignore DSnnn for this instruction": a `# dockerfile-stages ignore=` comment above it (or the code added to one). */
function ignoreAction(a: Analysed, d: Diagnostic): CodeAction | undefined {
  const code = String(d.code);
  const instruction = a.model.instructions.find((i) => i.getRange().start.line <= d.range.start.line && d.range.start.line <= i.getRange().end.line);
  const line = instruction ? instruction.getRange().start.line : d.range.start.line;
  const lines = splitLines(a.document.getText());
  const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
  const above = line > 0 ? lines[line - 1] : undefined;
  let edit: TextEdit;
  if (above !== undefined && /^\s*#\s*dockerfile-stages\s+ignore\s*=/.test(above)) {
    if (new RegExp(`\\b${code}\\b`).test(above)) return undefined;
    const end = above.replace(/\s+$/, '').length;
    edit = TextEdit.insert({ line: line - 1, character: end }, `,${code}`);
  } else {
    edit = TextEdit.insert({ line, character: 0 }, `${indent}# dockerfile-stages ignore=${code}\n`);
  }
  return { title: `Ignore ${code} for this instruction`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: { changes: { [a.document.uri]: [edit] } } };
}

export const quickFixes: Feature = {
  name: 'quickFixes',
  register(ctx) {
    ctx.contributions.codeActions.push((a, params) => ruleCodeActions(ctx, a, params.context.diagnostics, params.context.only));
    ctx.connection.workspace.onDidCreateFiles((params) => {
      if (!ctx.clientCapabilities.window?.showDocument?.support) return;
      for (const { uri } of params.files) {
        const path = uriPath(uri);
        if (!path || !offeredFiles.delete(path)) continue;
        ctx.connection.window.showDocument({ uri, takeFocus: true }).catch((e) => ctx.log.warn(`could not show ${uri}: ${String(e)}`));
      }
    });
    return { capabilities: { workspace: { fileOperations: { didCreate: { filters: CREATED_FILE_GLOBS.map((glob) => ({ scheme: 'file', pattern: { glob } })) } } } } };
  },
};
