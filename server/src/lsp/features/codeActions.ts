/**
 * Code actions: the standard service's quick fixes, turned from commands into edits (so they apply in one
 * step in any editor), plus every contributor's actions.
 */
import { CodeAction, CodeActionKind, Command } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../../../../common/ids';
import type { Analysed, ServerContext } from '../context';
import { describeError, runSafe } from '../runSafe';
import type { Feature } from './feature';
import { CodeActionParams } from 'vscode-languageserver';

function standardQuickFixes(ctx: ServerContext, a: Analysed, params: CodeActionParams): CodeAction[] {
  // The standard service only reads diagnostics it produced itself: the validator's number, which we report as
  // DS0nn and keep in data.validatorCode (core/validate.ts).
  const own = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof (d.data as { validatorCode?: unknown } | undefined)?.validatorCode === 'number');
  if (!own.length) return [];
  const asValidator = own.map((d) => ({ ...d, code: (d.data as { validatorCode: number }).validatorCode }));
  const context = { ...params.context, diagnostics: asValidator } as unknown as Parameters<typeof ctx.service.computeCodeActions>[2];
  const commands: Command[] = ctx.service.computeCodeActions(params.textDocument, params.range, context);
  const content = a.document.getText();
  const out: CodeAction[] = [];
  for (const command of commands) {
    const edits = ctx.service.computeCommandEdits(content, command.command, command.arguments ?? []);
    if (!edits.length) continue;
    const range = command.arguments?.[1];
    const diagnostics = own.filter((d) => !range || (d.range.start.line === range.start.line && d.range.start.character === range.start.character));
    out.push({
      title: command.title,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      isPreferred: true,
      edit: { changes: { [params.textDocument.uri]: edits } },
    });
  }
  return out;
}

export const codeActions: Feature = {
  name: 'codeActions',
  register(ctx) {
    ctx.connection.onCodeAction((params, token) =>
      runSafe(ctx.log, 'code actions', token, [], async () => {
        const a = ctx.analyse(params.textDocument.uri);
        if (!a) return (await ctx.otherDocuments?.codeActions(params)) ?? [];
        if (a.model.binary) return [];
        const out = standardQuickFixes(ctx, a, params);
        for (const contributor of ctx.contributions.codeActions) {
          try {
            out.push(...(await contributor(a, params)));
          } catch (e) {
            ctx.log.error(`code action contributor failed: ${describeError(e)}`);
          }
        }
        const only = params.context.only;
        return only?.length ? out.filter((ca) => only.some((k) => ca.kind === k || ca.kind?.startsWith(`${k}.`))) : out;
      }),
    );
    // Actions listed without their edit (conversions: the edit is a diff of the converted text) are filled in here.
    ctx.connection.onCodeActionResolve((action, token) =>
      runSafe(ctx.log, 'code action resolve', token, action, async () => {
        const data = action.data as Record<string, unknown> | undefined;
        const resolver = typeof data?.feature === 'string' ? ctx.contributions.codeActionResolvers[data.feature] : undefined;
        return resolver ? resolver(action, data!) : action;
      }),
    );
    return {
      capabilities: {
        codeActionProvider: {
          resolveProvider: true,
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.RefactorRewrite, CodeActionKind.Source, CodeActionKind.SourceFixAll],
        },
      },
    };
  },
};
