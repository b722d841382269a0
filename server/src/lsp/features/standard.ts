/**
 * The requests the standard service (dockerfile-language-service) answers as it is: completion and its
 * resolve, signature help, formatting (document, range, on type) and document links.
 */
import { FormattingOptions } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { describeError, runSafe } from '../runSafe';
import type { Feature } from './feature';

function formatterSettings(ctx: ServerContext, options: FormattingOptions) {
  return { ...options, ignoreMultilineInstructions: ctx.settings.formatter.ignoreMultilineInstructions };
}

export const standard: Feature = {
  name: 'standard',
  register(ctx) {
    const { connection, service, log } = ctx;
    // Only Dockerfiles go to the standard service; completion in a Compose or Bake file goes to ctx.otherDocuments.
    const text = (uri: string) => (ctx.kindOf(uri) === 'dockerfile' ? ctx.documents.get(uri)?.getText() : undefined);

    connection.onCompletion((p, token) =>
      runSafe(log, 'completion', token, [], async () => {
        const content = text(p.textDocument.uri);
        if (content === undefined) return (await ctx.otherDocuments?.completion(p)) ?? [];
        const items = await service.computeCompletionItems(content, p.position);
        const a = ctx.contributions.completion.length ? ctx.analyse(p.textDocument.uri) : undefined;
        if (!a || a.model.binary) return items;
        for (const contributor of ctx.contributions.completion) {
          try {
            items.push(...(await contributor(a, p.position)));
          } catch (e) {
            log.error(`completion contributor failed: ${describeError(e)}`);
          }
        }
        return items;
      }),
    );
    connection.onCompletionResolve((item, token) => runSafe(log, 'completion resolve', token, item, () => service.resolveCompletionItem(item)));
    connection.onSignatureHelp((p, token) =>
      runSafe(log, 'signature help', token, null, () => {
        const content = text(p.textDocument.uri);
        return content === undefined ? null : service.computeSignatureHelp(content, p.position);
      }),
    );
    connection.onDocumentFormatting((p, token) =>
      runSafe(log, 'formatting', token, [], () => {
        const content = text(p.textDocument.uri);
        return content === undefined ? [] : service.format(content, formatterSettings(ctx, p.options));
      }),
    );
    connection.onDocumentRangeFormatting((p, token) =>
      runSafe(log, 'range formatting', token, [], () => {
        const content = text(p.textDocument.uri);
        return content === undefined ? [] : service.formatRange(content, p.range, formatterSettings(ctx, p.options));
      }),
    );
    connection.onDocumentOnTypeFormatting((p) =>
      runSafe(log, 'on-type formatting', undefined, [], () => {
        const content = text(p.textDocument.uri);
        return content === undefined ? [] : service.formatOnType(content, p.position, p.ch, formatterSettings(ctx, p.options));
      }),
    );
    connection.onDocumentLinks((p, token) =>
      runSafe(log, 'document links', token, [], () => {
        const content = text(p.textDocument.uri);
        return content === undefined ? [] : service.computeLinks(content);
      }),
    );
    connection.onDocumentLinkResolve((link, token) => runSafe(log, 'document link resolve', token, link, () => service.resolveLink(link)));

    return {
      capabilities: {
        // ':' opens the tags of a base image (features/fromCompletion.ts).
        completionProvider: { resolveProvider: true, triggerCharacters: ['=', ' ', '$', '-', ':'] },
        signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
        documentLinkProvider: { resolveProvider: true },
      },
    };
  },
};
