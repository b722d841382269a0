/**
 * Conversions as code actions and as a custom request (issue 9). On a FROM line: `refactor.rewrite.multiStage`
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
import { CodeAction, CodeActionKind, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKinds, ClientCapabilityKeys, Commands } from '../../../../common/ids';
import { ConversionRequestKind, ConversionsParams, ConversionsRequest, ConversionsResult } from '../../../../common/protocol';
import { Conversion, ConversionKind, ConversionList, conversionsFor, DockerfileModel, lineEdits } from '../../core';
import { contextFacts } from '../contextFacts';
import type { Analysed, ServerContext } from '../context';
import { runSafe } from '../runSafe';
import type { Feature } from './feature';

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

type Query = { kinds?: ConversionKind[]; stage?: number; line?: number; values?: Record<string, string> };

/** What a listed conversion action carries until it is resolved. */
interface ConversionActionData {
  feature: 'convert';
  uri: string;
  query: Query;
  kind: ConversionKind;
  title: string;
}

/** The edit of a conversion: the changed lines only, for this document version (versioned, when the client takes that). */
function conversionEdit(ctx: ServerContext, a: Analysed, c: Conversion): WorkspaceEdit {
  const edits: TextEdit[] = lineEdits(a.document.getText(), c.text);
  if (ctx.clientCapabilities.workspace?.workspaceEdit?.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: a.document.uri, version: a.document.version }, edits }] };
  }
  return { changes: { [a.document.uri]: edits } };
}

export const convert: Feature = {
  name: 'convert',
  register(ctx) {
    // One computation per model (document version) and query.
    const cache = new WeakMap<DockerfileModel, Map<string, Promise<ConversionList>>>();
    const compute = (a: Analysed, query: Query) => {
      let perModel = cache.get(a.model);
      if (!perModel) cache.set(a.model, (perModel = new Map()));
      const key = JSON.stringify(query);
      let p = perModel.get(key);
      if (!p) {
        p = contextFacts(ctx, a.document.uri).then((context) => {
          const list = conversionsFor(a.model, { ...query, context });
          for (const s of list.skipped) if (s.reason.startsWith('the conversion failed validation')) ctx.log.info(`conversion ${s.kind} not offered for ${a.document.uri}: ${s.reason}`);
          return list;
        });
        perModel.set(key, p);
      }
      return p;
    };

    const conversionApplied = () => {
      const experimental = ctx.clientCapabilities.experimental as Record<string, Record<string, unknown> | undefined> | undefined;
      return experimental?.[ClientCapabilityKeys.section]?.[ClientCapabilityKeys.conversionApplied] === true;
    };

    const resolvesEdits = () => !!ctx.clientCapabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');

    const toAction = (a: Analysed, c: Conversion, query: Query): CodeAction => {
      const action: CodeAction = { title: c.title, kind: KIND_OF[c.kind] };
      if (c.placeholders.length) {
        // The artifact path is not known: the command asks for it before applying (never a silent guess).
        action.title = `${c.title} (asks for the ${c.placeholders.map((p) => p.name).join(', ')})`;
        action.command = { title: action.title, command: Commands.convertToMultiStage, arguments: [a.document.uri, c.kind] };
      } else if (resolvesEdits()) {
        const data: ConversionActionData = { feature: 'convert', uri: a.document.uri, query, kind: c.kind, title: c.title };
        action.data = data;
      } else {
        action.edit = conversionEdit(ctx, a, c);
      }
      return action;
    };

    ctx.contributions.codeActionResolvers.convert = async (action, raw) => {
      const data = raw as unknown as ConversionActionData;
      const a = ctx.analyse(data.uri);
      if (!a) return action;
      const list = await compute(a, data.query);
      const c = list.offered.find((o) => o.kind === data.kind && o.title === data.title && !o.placeholders.length);
      if (!c) {
        ctx.log.info(`conversion "${data.title}" no longer applies to ${data.uri} (version ${a.document.version})`);
        return action;
      }
      const resolved: CodeAction = { ...action, edit: conversionEdit(ctx, a, c) };
      if (conversionApplied()) resolved.command = { title: c.title, command: Commands.conversionApplied, arguments: [a.document.uri, c.title, c.notes] };
      return resolved;
    };

    ctx.contributions.codeActions.push(async (a, params) => {
      const out: CodeAction[] = [];
      const line = params.range.start.line;
      const stage = a.model.stageAt(line);
      const onFrom = !!stage && stage.from.getRange().start.line <= line && line <= stage.from.getRange().end.line;
      const toolchain = params.context.diagnostics.filter((d) => d.code === TOOLCHAIN_DIAGNOSTIC);
      if (toolchain.length) {
        const query: Query = { kinds: ['multiStage'] };
        const list = await compute(a, query);
        for (const c of list.offered) out.push({ ...toAction(a, c, query), kind: CodeActionKind.QuickFix, diagnostics: toolchain, isPreferred: true });
      }
      if (onFrom) {
        const query: Query = { stage: stage!.index };
        const list = await compute(a, query);
        for (const c of list.offered) if (!(toolchain.length && c.kind === 'multiStage')) out.push(toAction(a, c, query));
      }
      return out;
    });

    ctx.connection.onRequest(ConversionsRequest, (params: ConversionsParams, token) =>
      runSafe(ctx.log, 'conversions', token, { version: -1, conversions: [], skipped: [] } as ConversionsResult, async () => {
        const a = ctx.analyse(params.textDocument.uri);
        if (!a) return { version: -1, conversions: [], skipped: [{ kind: 'multiStage' as ConversionRequestKind, reason: 'the document is not open' }] };
        const list = await compute(a, { kinds: params.kinds, stage: params.stage, line: params.line, values: params.values });
        return {
          version: a.document.version,
          conversions: list.offered.map((c) => ({
            kind: c.kind,
            title: c.title,
            stack: c.stack,
            text: c.text,
            edits: c.placeholders.length ? [] : lineEdits(a.document.getText(), c.text),
            notes: c.notes,
            placeholders: c.placeholders,
            unverified: c.validation.unverified,
          })),
          skipped: list.skipped.map((s) => ({ kind: s.kind, reason: s.reason })),
        };
      }),
    );
    return {};
  },
};
