/**
 * Base images in FROM (core/size/imageCompletion.ts): the embedded table's image names and tags, offline,
 * each with its sizes and smaller variants. When the user enabled registry look-ups
 * (`dockerfileStages.size.registryLookup`, trusted workspaces only), the tags the image's registry lists are
 * added after the table's.
 */
import { CompletionItem, CompletionItemKind, MarkupKind, TextEdit } from 'vscode-languageserver';
import { baseImageCompletions, imageCompletionSite, parseImageName, splitLines } from '../../core';
import { RegistrySizeClient } from '../../node/registry';
import { archFor } from './estimate';
import type { Feature } from './feature';

/** At most this many registry tags are offered (the newest-looking first). */
const MAX_REGISTRY_TAGS = 100;

export const fromCompletion: Feature = {
  name: 'fromCompletion',
  register(ctx) {
    let registry: RegistrySizeClient | undefined;
    const registryOn = () => ctx.trusted && ctx.settings.size?.registryLookup === true;

    ctx.contributions.completion.push(async (a, position) => {
      const line = splitLines(a.document.getText())[position.line] ?? '';
      const site = imageCompletionSite(line, position);
      if (!site) return [];
      const arch = archFor(ctx.settings);
      const items: CompletionItem[] = baseImageCompletions(site, arch).map((c) => ({
        label: c.label,
        kind: site.kind === 'image' ? CompletionItemKind.Module : CompletionItemKind.Value,
        detail: c.detail,
        documentation: { kind: MarkupKind.Markdown, value: c.documentation },
        sortText: `0${c.sortText}`,
        filterText: c.insertText,
        textEdit: TextEdit.replace(site.range, c.insertText),
      }));
      if (site.kind === 'tag' && site.image && registryOn()) {
        const name = parseImageName(`${site.image}:latest`);
        if (name) {
          registry ??= new RegistrySizeClient({ log: (m) => ctx.log.info(m) });
          try {
            const known = new Set(items.map((i) => i.label));
            const tags = (await registry.listTags(name)).filter((t) => !known.has(t) && t.startsWith(site.prefix));
            tags.slice(-MAX_REGISTRY_TAGS).reverse().forEach((tag, n) =>
              items.push({
                label: tag,
                kind: CompletionItemKind.Value,
                detail: `tag listed by the registry of ${site.image} (no size in the table)`,
                sortText: `1${String(n).padStart(4, '0')}`,
                textEdit: TextEdit.replace(site.range, tag),
              }),
            );
          } catch (e) {
            ctx.log.info(`registry tag list of ${site.image} failed: ${String(e)}`);
          }
        }
      }
      return items;
    });
    return {};
  },
};
