/**
 * Diagnostics of the rules that need the build context (core/rules CONTEXT_RULES: a missing .dockerignore,
 * COPY of an ignored file): the service's `validateContext`. They read the files next to the Dockerfile, so they run only
 * for file: documents in a trusted workspace. The results are kept per document version for quickFixes.ts.
 */
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath, type RuleResult } from '../../core';
import type { ServerContext } from '../context';
import type { Feature } from './feature';

/** file: URIs and paths, one definition (the core's). */
export { pathToUri, uriToPath } from '../../core';

const latest = new Map<string, { version: number; results: RuleResult[] }>();

/** The context-rule results last published for a document version. */
export function contextResults(document: TextDocument): RuleResult[] {
  const hit = latest.get(document.uri);
  return hit && hit.version === document.version ? hit.results : [];
}

export const contextRules: Feature = {
  name: 'contextRules',
  register(ctx: ServerContext) {
    // A .dockerignore created, changed or deleted (by the DS303 fix, say) re-validates the open Dockerfiles.
    // Registered on first use: dynamic registration is only allowed after `initialized`.
    let watching = false;
    const watch = () => {
      if (watching || !ctx.clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
      watching = true;
      ctx.connection.onDidChangeWatchedFiles(() => {
        ctx.filesChanged();
        ctx.revalidateAll();
      });
      void ctx.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.dockerignore' }, { globPattern: '**/*.dockerignore' }] })
        .then(() => ctx.ignoreFilesWatched())
        .catch((e) => ctx.log.warn(`could not watch .dockerignore files: ${String(e)}`));
    };
    ctx.contributions.diagnostics.push(async (a, settings) => {
      const path = uriToPath(a.document.uri);
      if (!path || !ctx.trusted) return [];
      watch();
      const results = await ctx.stages.validateContext(a.document, settings, { path });
      latest.set(a.document.uri, { version: a.document.version, results });
      return results.map((r) => r.diagnostic);
    });
    ctx.documents.onDidClose((e) => latest.delete(e.document.uri));
    return {};
  },
};
