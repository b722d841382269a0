/**
 * The requests the standard service (dockerfile-language-service) answers as it is: completion and its
 * resolve, signature help, formatting (document, range, on type) and document links.
 *
 * `dockerfileStages.standardFeatures` (auto | on | off): when another Dockerfile extension provides these (Docker
 * DX, Container Tools: the client names it in the initialization options) and the setting is `auto`, or when it
 * is `off`, completion keeps only stage names (ours: `COPY --from=`, `FROM`), signature help and formatting answer
 * nothing, and formatting is not even advertised when that holds at start (so VS Code does not ask which
 * formatter to use). Hover and syntax diagnostics follow the same switch (navigation.ts, diagnostics.ts).
 */
import { CompletionItemKind, FormattingOptions } from 'vscode-languageserver';
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
    const standardOn = async (uri: string) => ctx.providesStandardFeatures(await ctx.resourceSettings(uri));

    connection.onCompletion((p, token) =>
      runSafe(log, 'completion', token, [], async () => {
        const content = text(p.textDocument.uri);
        if (content === undefined) return (await ctx.otherDocuments?.completion(p)) ?? [];
        const computed = await service.computeCompletionItems(content, p.position);
        // Stage names (kind Reference) are a stage feature: kept whoever provides the rest.
        const items = (await standardOn(p.textDocument.uri)) ? computed : computed.filter((i) => i.kind === CompletionItemKind.Reference);
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
      runSafe(log, 'signature help', token, null, async () => {
        const content = text(p.textDocument.uri);
        return content === undefined || !(await standardOn(p.textDocument.uri)) ? null : service.computeSignatureHelp(content, p.position);
      }),
    );
    connection.onDocumentFormatting((p, token) =>
      runSafe(log, 'formatting', token, [], async () => {
        const content = text(p.textDocument.uri);
        return content === undefined || !(await standardOn(p.textDocument.uri)) ? [] : service.format(content, formatterSettings(ctx, p.options));
      }),
    );
    connection.onDocumentRangeFormatting((p, token) =>
      runSafe(log, 'range formatting', token, [], async () => {
        const content = text(p.textDocument.uri);
        return content === undefined || !(await standardOn(p.textDocument.uri)) ? [] : service.formatRange(content, p.range, formatterSettings(ctx, p.options));
      }),
    );
    connection.onDocumentOnTypeFormatting((p) =>
      runSafe(log, 'on-type formatting', undefined, [], async () => {
        const content = text(p.textDocument.uri);
        return content === undefined || !(await standardOn(p.textDocument.uri)) ? [] : service.formatOnType(content, p.position, p.ch, formatterSettings(ctx, p.options));
      }),
    );
    connection.onDocumentLinks((p, token) =>
      runSafe(log, 'document links', token, [], () => {
        const content = text(p.textDocument.uri);
        return content === undefined ? [] : service.computeLinks(content);
      }),
    );
    connection.onDocumentLinkResolve((link, token) => runSafe(log, 'document link resolve', token, link, () => service.resolveLink(link)));

    const formatting = ctx.providesStandardFeatures(ctx.settings);
    return {
      capabilities: {
        // ':' opens the tags of a base image (features/fromCompletion.ts).
        completionProvider: { resolveProvider: true, triggerCharacters: ['=', ' ', '$', '-', ':'] },
        signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
        ...(formatting
          ? {
              documentFormattingProvider: true,
              documentRangeFormattingProvider: true,
              documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
            }
          : {}),
        documentLinkProvider: { resolveProvider: true },
      },
    };
  },
};
