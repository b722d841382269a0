/**
 * Hover, definition, references, document highlight and rename: the contributors answer first (stage-aware
 * features plug in there), the standard service answers what they leave.
 */
import { Location, TextEdit } from 'vscode-languageserver';
import { firstAnswer } from '../context';
import { runSafe } from '../runSafe';
import type { Feature } from './feature';

export const navigation: Feature = {
  name: 'navigation',
  register(ctx) {
    const { connection, service, log, contributions } = ctx;

    connection.onHover((p, token) =>
      runSafe(log, 'hover', token, null, async () => {
        const a = ctx.analyse(p.textDocument.uri);
        if (!a || a.model.binary) return null;
        const ours = await firstAnswer(contributions.hover, a, p.position);
        if (ours) return ours;
        // Keyword and variable hovers are the standard service's: left to Docker DX / Container Tools when they run.
        return ctx.providesStandardFeatures(await ctx.resourceSettings(p.textDocument.uri)) ? service.computeHover(a.document.getText(), p.position) : null;
      }),
    );
    connection.onDefinition((p, token) =>
      runSafe(log, 'definition', token, null, async () => {
        const a = ctx.analyse(p.textDocument.uri);
        if (!a) return (await ctx.otherDocuments?.definition(p)) ?? null;
        if (a.model.binary) return null;
        return (await firstAnswer(contributions.definition, a, p.position)) ?? service.computeDefinition(p.textDocument, a.document.getText(), p.position);
      }),
    );
    connection.onReferences((p, token) =>
      runSafe(log, 'references', token, [] as Location[], async () => {
        const a = ctx.analyse(p.textDocument.uri);
        if (!a) return (await ctx.otherDocuments?.references(p)) ?? [];
        if (a.model.binary) return [];
        const found = await firstAnswer(contributions.references, a, p.position);
        if (found) return found;
        // The standard service has no references request; its highlights are the same places in one file.
        return service.computeHighlightRanges(a.document.getText(), p.position).map((h) => Location.create(p.textDocument.uri, h.range));
      }),
    );
    connection.onDocumentHighlight((p, token) =>
      runSafe(log, 'document highlight', token, [], async () => {
        const a = ctx.analyse(p.textDocument.uri);
        if (!a || a.model.binary) return [];
        return (await firstAnswer(contributions.documentHighlight, a, p.position)) ?? service.computeHighlightRanges(a.document.getText(), p.position);
      }),
    );
    connection.onPrepareRename((p, token) =>
      runSafe(log, 'prepare rename', token, null, async () => {
        const a = ctx.analyse(p.textDocument.uri);
        if (!a) return (await ctx.otherDocuments?.prepareRename(p)) ?? null;
        if (a.model.binary) return null;
        return (await firstAnswer(contributions.prepareRename, a, p.position)) ?? service.prepareRename(a.document.getText(), p.position);
      }),
    );
    connection.onRenameRequest((p, token) =>
      runSafe(log, 'rename', token, null, async () => {
        const a = ctx.analyse(p.textDocument.uri);
        if (!a) return (await ctx.otherDocuments?.rename(p)) ?? null;
        if (a.model.binary) return null;
        for (const c of contributions.rename) {
          const edit = await c(a, p.position, p.newName);
          if (edit) return edit;
        }
        const edits: TextEdit[] = service.computeRename(p.textDocument, a.document.getText(), p.position, p.newName);
        return edits.length ? { changes: { [p.textDocument.uri]: edits } } : null;
      }),
    );

    return {
      capabilities: {
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
      },
    };
  },
};
