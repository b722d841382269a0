/**
 * Code actions of a Dockerfile from the service's `codeActions`: the conversions (features/convert.ts resolves
 * them) and the quick fixes of the rules: each fix of a rule result is a `quickfix` CodeAction carrying a minimal
 * WorkspaceEdit (the rule's own small edits; a CreateFile and an insert when it adds a file), and
 * `source.fixAll.dockerfileStages` applies every safe fix at once.
 *
 * A fix that adds a file then shows it: the server asks the client for notice of the files a workspace edit
 * creates (`workspace.fileOperations.didCreate`, filtered to the names fixes create), and when a file that
 * an offered fix creates is reported, asks the client to open it (`window/showDocument`). (A command on the
 * action would do the same, but VS Code may drop an action's command when the action's edit takes a while.)
 */
import { fileURLToPath } from 'node:url';
import { ClientCapabilityKeys } from '../../../../common/ids';
import type { ActionClient } from '../../core';
import type { ServerContext } from '../context';
import { contextResults, pathToUri } from './contextRules';
import type { Feature } from './feature';

/** What the client does with conversion actions (resolves their edits, takes versioned edits, runs conversionApplied). */
export function actionClient(ctx: ServerContext): ActionClient {
  const caps = ctx.clientCapabilities;
  const experimental = caps.experimental as Record<string, Record<string, unknown> | undefined> | undefined;
  return {
    resolveEdits: !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit'),
    versionedEdits: !!caps.workspace?.workspaceEdit?.documentChanges,
    conversionApplied: experimental?.[ClientCapabilityKeys.section]?.[ClientCapabilityKeys.conversionApplied] === true,
  };
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

export const quickFixes: Feature = {
  name: 'quickFixes',
  register(ctx) {
    ctx.contributions.codeActions.push(async (a, params) => {
      const request = { line: params.range.start.line, diagnostics: params.context.diagnostics, only: params.context.only, contextResults: contextResults(a.document), client: actionClient(ctx) };
      const { actions, createdFiles } = await ctx.stages.codeActions(a.document, ctx.settings, request);
      for (const path of createdFiles) rememberOffer(uriPath(pathToUri(path)) ?? path);
      return actions;
    });
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
