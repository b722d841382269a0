/**
 * Quick fixes of the rules: each fix of a rule result is a `quickfix` CodeAction carrying a minimal
 * WorkspaceEdit (the rule's own small edits; a CreateFile and an insert when it adds a file), and
 * `source.fixAll.dockerfileStages` applies every safe fix at once. A fix that adds a file then shows it: the
 * action's command (run by the client after the edit) asks the client to open it (`window/showDocument`),
 * for clients that support that request.
 */
import { CodeAction, CodeActionKind, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKinds, Commands, DIAGNOSTIC_SOURCE } from '../../../../common/ids';
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

export function ruleCodeActions(ctx: ServerContext, a: Analysed, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  const uri = a.document.uri;
  const out: CodeAction[] = [];
  const results = allResults(ctx, a);
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && /^DS\d+$/.test(d.code));
  for (const d of ours) {
    const result = results.find((r) => sameDiagnostic(r, d));
    if (!result?.finding.fixes) continue;
    result.finding.fixes.forEach((fix, n) => {
      const action: CodeAction = { title: `${fix.title} (${result.rule.code})`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: n === 0 && fix.safe, edit: workspaceEdit(uri, fix, a.document.version) };
      const created = fix.createFiles?.[0];
      if (created && ctx.clientCapabilities.window?.showDocument?.support) {
        action.command = { title: `Open ${created.path}`, command: Commands.showCreatedFile, arguments: [pathToUri(created.path)] };
      }
      out.push(action);
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
    ctx.connection.onExecuteCommand(async (params) => {
      if (params.command !== Commands.showCreatedFile) return null;
      const uri = params.arguments?.[0];
      if (typeof uri !== 'string') return null;
      try {
        await ctx.connection.window.showDocument({ uri, takeFocus: true });
      } catch (e) {
        ctx.log.warn(`could not show ${uri}: ${String(e)}`);
      }
      return null;
    });
    return { capabilities: { executeCommandProvider: { commands: [Commands.showCreatedFile] } } };
  },
};
