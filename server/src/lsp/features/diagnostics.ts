/**
 * Publishes diagnostics: the core's (the standard validator's and the rules', see core/diagnose.ts) and every
 * contributor's, under the document's own settings (a folder's, in a multi-root workspace). The standard
 * validator's syntax checks are left out when another Dockerfile extension provides them (standardFeatures).
 * Edits arriving together coalesce into one validation; a result computed for a version that is no longer
 * current is dropped, never published. The CLI's lint takes the same path (the service's validate + validateContext).
 * `whenDiagnosed(uri)` lets heavier work (the size estimate behind the lenses) wait until the diagnostics pending
 * for a document are published: on opening a file, the editor asks for its lenses at once.
 */
import { Diagnostic } from 'vscode-languageserver';
import { describeError } from '../runSafe';
import type { Feature } from './feature';
import { perDocumentScheduler } from '../perDocument';

export const diagnostics: Feature = {
  name: 'diagnostics',
  register(ctx) {

    const validate = async (uri: string) => {
      const settings = await ctx.resourceSettings(uri);
      const a = ctx.analyse(uri);
      if (!a) return;
      const version = a.document.version;
      // Contributors start first (one may wait on the file system, the context rules read .dockerignore): their
      // reads proceed while the core validates. They run side by side; their results follow the core's, in list order.
      const contributed = a.model.binary
        ? []
        : ctx.contributions.diagnostics.map(async (contributor) => {
            try {
              return await contributor(a, settings);
            } catch (e) {
              ctx.log.error(`diagnostics contributor failed: ${describeError(e)}`);
              return [];
            }
          });
      const all: Diagnostic[] = [];
      try {
        all.push(...ctx.stages.validate(a.document, settings, { standard: ctx.providesStandardFeatures(settings) }));
      } catch (e) {
        ctx.log.error(`validation failed: ${describeError(e)}`);
      }
      for (const list of await Promise.all(contributed)) all.push(...list);
      // Still the document analysed, at its version: one closed and opened again under the same URI restarts at version 1.
      const current = ctx.documents.get(uri);
      if (current !== a.document || current.version !== version) return;
      void ctx.connection.sendDiagnostics({ uri, version, diagnostics: all });
    };

    const { schedule, cancel, settled } = perDocumentScheduler(validate);

    ctx.documents.onDidChangeContent((e) => schedule(e.document.uri));
    ctx.documents.onDidClose((e) => {
      cancel(e.document.uri);
      void ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    return {
      revalidateAll: () => ctx.documents.all().forEach((d) => schedule(d.uri)),
      whenDiagnosed: settled,
      // The rules read RUN commands with the shell parser: run it once while the client is still setting up, so
      // that its code is compiled before the first Dockerfile's diagnostics are due (about a millisecond).
      onInitialized: () => void setImmediate(() => ctx.stages.prepare()),
    };
  },
};
