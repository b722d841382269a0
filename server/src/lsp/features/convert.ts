/**
 * Conversions as code actions and as a custom request (issue 9). On a FROM line: `refactor.rewrite.multiStage`
 * (single-stage -> multi-stage, and the labelled variants: nginx for SPAs, run-the-built-artifact for images that
 * run the toolchain itself; never preferred), `refactor.rewrite.devBuildRuntime`,
 * `refactor.rewrite.switchBase` (one per smaller variant), `refactor.rewrite.nameStage`,
 * `refactor.rewrite.extractBase`; from the toolchain diagnostic DS201, a quick fix. Each action is one
 * edit of the whole document; a conversion that needs a value the user must confirm (an artifact path)
 * runs the client's command instead, which asks for it. Conversions failing validation are logged, not offered.
 */
import { fileURLToPath } from 'node:url';
import { CodeAction, CodeActionKind, Range } from 'vscode-languageserver';
import { CodeActionKinds, Commands } from '../../../../common/ids';
import { ConversionRequestKind, ConversionsParams, ConversionsRequest, ConversionsResult } from '../../../../common/protocol';
import { Conversion, ConversionKind, ConversionList, ContextFacts, conversionsFor, DockerfileModel, gatherContextFacts } from '../../core';
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

function fullRange(a: Analysed): Range {
  return { start: { line: 0, character: 0 }, end: a.document.positionAt(a.document.getText().length) };
}

async function contextFacts(ctx: ServerContext, uri: string): Promise<ContextFacts | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = fileURLToPath(uri).replace(/\\/g, '/');
    return await gatherContextFacts(ctx.host, file.slice(0, file.lastIndexOf('/')) || '/');
  } catch {
    return undefined;
  }
}

export const convert: Feature = {
  name: 'convert',
  register(ctx) {
    // One computation per model (document version) and query.
    const cache = new WeakMap<DockerfileModel, Map<string, Promise<ConversionList>>>();
    const compute = (a: Analysed, query: { kinds?: ConversionKind[]; stage?: number; line?: number; values?: Record<string, string> }) => {
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

    const toAction = (a: Analysed, c: Conversion): CodeAction => {
      const action: CodeAction = { title: c.title, kind: KIND_OF[c.kind] };
      if (c.placeholders.length) {
        // The artifact path is not known: the command asks for it before applying (never a silent guess).
        action.title = `${c.title} (asks for the ${c.placeholders.map((p) => p.name).join(', ')})`;
        action.command = { title: action.title, command: Commands.convertToMultiStage, arguments: [a.document.uri, c.kind] };
      } else {
        action.edit = { changes: { [a.document.uri]: [{ range: fullRange(a), newText: c.text }] } };
      }
      return action;
    };

    ctx.contributions.codeActions.push(async (a, params) => {
      const out: CodeAction[] = [];
      const line = params.range.start.line;
      const stage = a.model.stageAt(line);
      const onFrom = !!stage && stage.from.getRange().start.line <= line && line <= stage.from.getRange().end.line;
      const toolchain = params.context.diagnostics.filter((d) => d.code === TOOLCHAIN_DIAGNOSTIC);
      if (toolchain.length) {
        const list = await compute(a, { kinds: ['multiStage'] });
        for (const c of list.offered) out.push({ ...toAction(a, c), kind: CodeActionKind.QuickFix, diagnostics: toolchain, isPreferred: true });
      }
      if (onFrom) {
        const list = await compute(a, { stage: stage!.index });
        for (const c of list.offered) if (!(toolchain.length && c.kind === 'multiStage')) out.push(toAction(a, c));
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
          conversions: list.offered.map((c) => ({ kind: c.kind, title: c.title, stack: c.stack, text: c.text, notes: c.notes, placeholders: c.placeholders, unverified: c.validation.unverified })),
          skipped: list.skipped.map((s) => ({ kind: s.kind, reason: s.reason })),
        };
      }),
    );
    return {};
  },
};
