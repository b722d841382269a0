/**
 * The tags of an official image's smaller variants, by the conventions its profile states (`imageVariants`):
 * which variants it publishes, and where a Debian release goes in a slim tag. One place for the conversions
 * that ship on the same image's slim variant (node, python) and for the switch to a smaller base.
 */
import * as byName from './profiles.generated';
import type { ImageVariantsOf } from './types';

const RELEASES = new Set(['trixie', 'bookworm', 'bullseye', 'buster', 'stretch']);

/** A tag's parts: the version (`20`, `3.12`, `lts`; '' for none), the Debian release it names, whether it is slim. */
function partsOf(tag: string): { version: string; release?: string; slim: boolean } {
  const words = tag.split('-');
  const release = words.find((w) => RELEASES.has(w));
  const slim = words.includes('slim');
  const version = words.filter((w) => w !== 'slim' && !RELEASES.has(w)).join('-');
  return { version: version === 'latest' ? '' : version, release, slim };
}

/** The variant conventions of an official image (its repository's last part: `node`), if a profile knows them. */
export function variantsOf(short: string): ImageVariantsOf | undefined {
  return Object.values(byName).find((p) => p.imageVariants?.images.includes(short))?.imageVariants;
}

/**
 * The slim tag of the same version and Debian release: `20` -> `20-slim`, `latest` -> `slim`, `20-bookworm` ->
 * `20-bookworm-slim` (node) or `3.12-bookworm` -> `3.12-slim-bookworm` (python); a tag that is slim or alpine
 * already stays. Undefined when the image publishes no slim variant (or none for this tag).
 */
export function slimTag(short: string, tag: string): string | undefined {
  const v = variantsOf(short);
  if (v?.variants !== 'slim-alpine' || v.without?.test(tag)) return undefined;
  const { version, release, slim } = partsOf(tag);
  if (slim || /alpine/.test(tag)) return tag;
  const words = !release ? [version, 'slim'] : v.releaseSlim === 'release-slim' ? [version, release, 'slim'] : [version, 'slim', release];
  return words.filter(Boolean).join('-');
}

/** The alpine tag of the same version (`20`, `20-slim`, `3.12-slim-bookworm` -> `20-alpine`, `3.12-alpine`; `latest` -> `alpine`). */
export function alpineTag(short: string, tag: string): string | undefined {
  const v = variantsOf(short);
  if (!v || (v.variants !== 'slim-alpine' && v.variants !== 'alpine') || v.without?.test(tag) || /alpine/.test(tag)) return undefined;
  const { version } = partsOf(tag);
  return version ? `${version}-alpine` : 'alpine';
}

/** Whether a tag names a Debian release (`3.12-bookworm`, `20-bookworm-slim`). */
export function namesRelease(tag: string): boolean {
  return partsOf(tag).release !== undefined;
}
