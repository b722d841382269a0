/**
 * Conversions (the service's `convert` and `resolve`) as code actions (listed by quickFixes.ts with the rules'
 * fixes) and as a custom request (issue 9). On a FROM line: `refactor.rewrite.multiStage`
 * (single-stage -> multi-stage, and the labelled variants: nginx for SPAs, run-the-built-artifact for images that
 * run the toolchain itself; never preferred), `refactor.rewrite.devBuildRuntime`,
 * `refactor.rewrite.switchBase` (one per smaller variant), `refactor.rewrite.nameStage`,
 * `refactor.rewrite.extractBase`; from the toolchain diagnostic DS201, a quick fix. Conversions failing
 * validation are logged, not offered.
 *
 * For a client that resolves an action's edit (`resolveSupport` names `edit`: VS Code), the list carries no
 * edit: `codeAction/resolve` computes it, for the document version current then. Other clients get the edit
 * in the list. Either way the edit is the line-range edits from the original to the converted text
 * (lineEdits: a diff shows only the lines that changed) in one WorkspaceEdit, versioned when the client
 * takes that (one undo step; an editor refuses it if the text changed since).
 * A conversion that needs a value the user must confirm (an artifact path) runs the client's command
 * instead, which asks for it. A client that declares `experimental.dockerfileStages.conversionApplied`
 * gets that command on each resolved action, run after the edit is applied (it says what changed).
 */
import { ConversionRequestKind, ConversionsParams, ConversionsRequest, ConversionsResult } from '../../../../common/protocol';
import type { ConversionActionData, ConversionList, StagesDocument } from '../../core';
import { lineEdits } from '../../core';
import { runSafe } from '../runSafe';
import type { Feature } from './feature';
import { actionClient } from './quickFixes';

export const convert: Feature = {
  name: 'convert',
  register(ctx) {
    ctx.contributions.codeActionResolvers.convert = async (action, raw) => {
      const data = raw as unknown as ConversionActionData;
      const a = ctx.analyse(data.uri);
      if (!a) return action;
      const resolved = await ctx.stages.resolve(a.document, data, actionClient(ctx));
      if (!resolved) {
        ctx.log.info(`conversion "${data.title}" no longer applies to ${data.uri} (version ${a.document.version})`);
        return action;
      }
      return { ...action, edit: resolved.edit, ...(resolved.command ? { command: resolved.command } : {}) };
    };
    ctx.connection.onRequest(ConversionsRequest, (params: ConversionsParams, token) =>
      runSafe(ctx.log, 'conversions', token, { version: -1, conversions: [], skipped: [] } as ConversionsResult, async () => {
        const a = ctx.analyse(params.textDocument.uri);
        if (!a) return { version: -1, conversions: [], skipped: [{ kind: 'multiStage' as ConversionRequestKind, reason: 'the document is not open' }] };
        const list = await ctx.stages.convert(a.document, { kinds: params.kinds, stage: params.stage, line: params.line, values: params.values });
        return conversionsResult(a.document, list);
      }),
    );
    return {};
  },
};

function conversionsResult(doc: StagesDocument & { getText(): string }, list: ConversionList): ConversionsResult {
  return {
    version: doc.version,
    conversions: list.offered.map((c) => ({
      kind: c.kind,
      title: c.title,
      stack: c.stack,
      text: c.text,
      edits: c.placeholders.length ? [] : lineEdits(doc.getText(), c.text),
      notes: c.notes,
      placeholders: c.placeholders,
      unverified: c.validation.unverified,
    })),
    skipped: list.skipped.map((s) => ({ kind: s.kind, reason: s.reason })),
  };
}
