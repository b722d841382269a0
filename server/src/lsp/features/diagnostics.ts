/**
 * Publishes diagnostics: the core's (the standard validator's and the rules', see core/diagnose.ts) and every
 * contributor's, under the document's own settings (a folder's, in a multi-root workspace). The standard
 * validator's syntax checks are left out when another Dockerfile extension provides them (standardFeatures).
 * Edits arriving together coalesce into one validation; a result computed for a version that is no longer
 * current is dropped, never published. A document's first validation does not wait for the client's answer about
 * its settings: it runs (contributors and their file reads included) under the window's meanwhile, and again when
 * the document's own differ. The CLI's lint
 * takes the same path (the service's validate + validateContext).
 * `whenDiagnosed(uri)` lets heavier work (the size estimate behind the lenses) wait until the diagnostics pending
 * for a document are published: on opening a file, the editor asks for its lenses at once.
 */
import { Diagnostic } from 'vscode-languageserver';
import { describeError } from '../runSafe';
import type { Feature } from './feature';
import type { Analysed } from '../context';
import type { Settings } from '../../../../common/settings';
import { perDocumentScheduler } from '../perDocument';

export const diagnostics: Feature = {
  name: 'diagnostics',
  register(ctx) {

    /** The core's diagnostics (standard validator and rules) of a document version under the settings. */
    const core = (a: Analysed, settings: Settings): Diagnostic[] => {
      try {
        return ctx.stages.validate(a.document, settings, { standard: ctx.providesStandardFeatures(settings) });
      } catch (e) {
        ctx.log.error(`validation failed: ${describeError(e)}`);
        return [];
      }
    };

    /** The contributors' diagnostics of a document version under the settings (they run side by side, listed in order). */
    const contributions = (a: Analysed, settings: Settings): Promise<Diagnostic[][]> =>
      Promise.all(
        a.model.binary
          ? []
          : ctx.contributions.diagnostics.map(async (contributor) => {
              try {
                return await contributor(a, settings);
              } catch (e) {
                ctx.log.error(`diagnostics contributor failed: ${describeError(e)}`);
                return [];
              }
            }),
      );

    /**
     * Every diagnostic of a document version under the settings: the core's, then the contributors'. The
     * contributors start first (one may wait on the file system: the context rules read .dockerignore), so their
     * reads proceed while the core validates.
     */
    const diagnoseUnder = (a: Analysed, settings: Settings): Promise<Diagnostic[]> => {
      const contributed = contributions(a, settings);
      const mine = core(a, settings);
      return contributed.then((lists) => mine.concat(...lists));
    };

    const validate = async (uri: string) => {
      let settings = ctx.knownResourceSettings(uri);
      let early: { settings: Settings; analysed: Analysed; diagnostics: Promise<Diagnostic[]> } | undefined;
      if (!settings) {
        // A document not seen before: its settings are asked of the client (workspace/configuration). While the
        // answer travels, the document is diagnosed under the window's settings, which most folders share (the
        // answer is then that very object); under settings of its own it is diagnosed again below, once the
        // early run has finished (so that a contributor's kept results are never overwritten by the older run).
        const asked = ctx.resourceSettings(uri);
        // One turn of the event loop first: the connection writes the request on the next turn.
        await new Promise((resolve) => setImmediate(resolve));
        const first = ctx.analyse(uri);
        if (first) early = { settings: ctx.settings, analysed: first, diagnostics: diagnoseUnder(first, ctx.settings) };
        settings = await asked;
      }
      const a = ctx.analyse(uri);
      if (!a) return;
      const version = a.document.version;
      const reusable = early && early.settings === settings && early.analysed.model === a.model && early.analysed.document === a.document;
      if (early && !reusable) await early.diagnostics;
      const all = reusable ? await early!.diagnostics : await diagnoseUnder(a, settings);
      // Still the document analysed, at its version: one closed and opened again under the same URI restarts at version 1.
      const current = ctx.documents.get(uri);
      if (current !== a.document || current.version !== version) return;
      void ctx.connection.sendDiagnostics({ uri, version, diagnostics: all });
      ctx.diagnosticsPublished();
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
