/**
 * Completion of base images in FROM, offline: the image names and tags of the embedded size table
 * (data/tables.generated.ts), each with its download and image size and its smaller variants. Stage names
 * are the standard service's; registry tags are added by the caller when the user enabled look-ups.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { formatBytes } from './figures';
import { lookupBaseImage } from './baseImages';
import { baseImageRows } from './data/tables.generated';
import type { Arch } from './types';
import { parseImageName } from '../imageRef';

export interface ImageCompletionSite {
  /** What is being completed: the image name, or a tag of `image`. */
  kind: 'image' | 'tag';
  image?: string;
  /** Typed so far (the name, or the tag after ':'). */
  prefix: string;
  /** The range a chosen item replaces. */
  range: Range;
}

export interface ImageCompletion {
  label: string;
  /** Sizes in one line. */
  detail: string;
  /** Markdown: the source of the figure and the smaller variants. */
  documentation: string;
  sortText: string;
  /** The text inserted: the image name, or the tag. */
  insertText: string;
}

/** Where the cursor is in the image of a FROM line (after `FROM` and its flags, before any `AS`). */
export function imageCompletionSite(lineText: string, position: Position): ImageCompletionSite | undefined {
  const before = lineText.slice(0, position.character);
  const m = /^\s*FROM\s+(?:--[A-Za-z-]+=\S*\s+)*([^\s$]*)$/i.exec(before);
  if (!m) return undefined;
  const written = m[1];
  if (written.startsWith('-')) return undefined;
  let end = position.character;
  while (end < lineText.length && /[^\s]/.test(lineText[end])) end++;
  const line = position.line;
  const colon = written.lastIndexOf(':');
  // `host:5000/name` has a colon before a slash: that is a registry port, not a tag.
  if (colon >= 0 && !written.slice(colon).includes('/')) {
    const image = written.slice(0, colon);
    return { kind: 'tag', image, prefix: written.slice(colon + 1), range: { start: { line, character: position.character - written.length + colon + 1 }, end: { line, character: end } } };
  }
  return { kind: 'image', prefix: written, range: { start: { line, character: position.character - written.length }, end: { line, character: end } } };
}

function sizes(compressed: number, uncompressed: number | undefined): string {
  return `\u2248 ${formatBytes(compressed)} download${uncompressed ? `, \u2248 ${formatBytes(uncompressed)} image` : ''}`;
}

function tagItem(image: string, tag: string, arch: Arch, order: number): ImageCompletion | undefined {
  const ref = `${image}:${tag}`;
  const name = parseImageName(ref);
  const info = name && lookupBaseImage(name, arch);
  if (!info || info.match !== 'exact') return undefined;
  const smaller = info.variants.slice(0, 4);
  const doc = [`**${ref}**${info.resolved ? ` (was ${info.resolved} when read)` : ''}: ${sizes(info.compressedBytes, info.uncompressedBytes)}${info.uncompressedEstimated ? ' (image size derived from the download size)' : ''}.`];
  if (smaller.length) doc.push('', 'Smaller variants:', ...smaller.map((v) => `- \`${v.ref}\` ${sizes(v.compressedBytes, v.uncompressedBytes)}`));
  doc.push('', `Source: ${info.source}`);
  return {
    label: tag,
    detail: `${sizes(info.compressedBytes, info.uncompressedBytes)}${smaller.length ? ` \u00b7 smaller: ${smaller.map((v) => `${v.ref.slice(v.ref.indexOf(':') + 1)} ${formatBytes(v.compressedBytes)}`).join(', ')}` : ''}`,
    documentation: doc.join('\n'),
    sortText: String(order).padStart(4, '0'),
    insertText: tag,
  };
}

/** The table's images (or the tags of one image) for a completion site. */
export function baseImageCompletions(site: ImageCompletionSite, arch: Arch): ImageCompletion[] {
  if (site.kind === 'tag') {
    const image = site.image?.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
    const tags = baseImageRows().filter((r) => r.image.toLowerCase() === image && r.tag);
    return tags.map((r, i) => tagItem(r.image, r.tag, arch, i)).filter((x): x is ImageCompletion => !!x);
  }
  const byImage = new Map<string, string[]>();
  for (const r of baseImageRows()) {
    if (!byImage.has(r.image)) byImage.set(r.image, []);
    if (r.tag) byImage.get(r.image)!.push(r.tag);
  }
  const out: ImageCompletion[] = [];
  let order = 0;
  for (const [image, tags] of byImage) {
    if (image === 'scratch') {
      out.push({ label: 'scratch', detail: 'the empty image: 0 B', documentation: '`scratch` is the empty image: the stage holds only what it copies in.', sortText: String(order++).padStart(4, '0'), insertText: 'scratch' });
      continue;
    }
    const items = tags.map((t, i) => ({ tag: t, item: tagItem(image, t, arch, i) })).filter((x) => x.item);
    if (!items.length) continue;
    const sized = items.map((x) => ({ tag: x.tag, bytes: lookupBaseImage(parseImageName(`${image}:${x.tag}`)!, arch)!.compressedBytes })).sort((a, b) => a.bytes - b.bytes);
    out.push({
      label: image,
      detail: `${tags.length} tag${tags.length === 1 ? '' : 's'} known: ${formatBytes(sized[0].bytes)}${sized.length > 1 ? `\u2013${formatBytes(sized[sized.length - 1].bytes)}` : ''} download`,
      documentation: [`**${image}**, download sizes (${arch}):`, '', ...sized.map((s) => `- \`${image}:${s.tag}\` \u2248 ${formatBytes(s.bytes)}`)].join('\n'),
      sortText: String(order++).padStart(4, '0'),
      insertText: image,
    });
  }
  return out;
}
