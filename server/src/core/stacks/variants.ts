/**
 * The tags of an official image's smaller variants, by the conventions its profile states (`imageVariants`) or,
 * for the OS images no stack owns, the ones below: which variants it publishes, and how their tags are named.
 * One place for DS202's suggestion, the switch to a smaller base, the node and python conversions' slim runtimes
 * and the conversions' Debian shell base.
 */
import * as byName from './profiles.generated';
import type { ImageVariantsOf } from './types';

/** OS images: debian publishes `<tag>-slim` (`bookworm-slim`, `12-slim`; `latest` is `stable`), none of a backports tag. */
const OS_IMAGES: readonly ImageVariantsOf[] = [{ images: ['debian'], variants: 'slim', releaseSlim: 'tag-slim', latest: 'stable', without: /backports/ }];

/** The Debian releases official images name in their tags, newest first, with their version numbers. */
export const DEBIAN_RELEASES: Readonly<Record<string, string>> = { trixie: '13', bookworm: '12', bullseye: '11', buster: '10', stretch: '9' };
const RELEASES = new Set(Object.keys(DEBIAN_RELEASES));
/** Windows tags have no Linux variants. */
const WINDOWS = /windowsservercore|nanoserver/;

/** A tag's parts: the version (`20`, `3.12`, `lts`; '' for none), the Debian release it names, whether it is slim. */
function partsOf(tag: string): { version: string; release?: string; slim: boolean } {
  const words = tag.split('-');
  const release = words.find((w) => RELEASES.has(w));
  const slim = words.includes('slim');
  const version = words.filter((w) => w !== 'slim' && !RELEASES.has(w)).join('-');
  return { version: version === 'latest' ? '' : version, release, slim };
}

/** The conventions by image (its repository's last part), made on first use (DS202 asks on every validation). */
let byImage: Map<string, ImageVariantsOf> | undefined;

/** The variant conventions of an official image (its repository's last part: `node`), if known. */
export function variantsOf(short: string): ImageVariantsOf | undefined {
  if (!byImage) {
    byImage = new Map();
    for (const v of [...Object.values(byName).map((p) => p.imageVariants), ...OS_IMAGES]) for (const image of v?.images ?? []) if (!byImage.has(image)) byImage.set(image, v!);
  }
  return byImage.get(short);
}

/** The conventions of an image for one kind of variant, unless the tag has none. */
function conventions(short: string, tag: string, kinds: ImageVariantsOf['variants'][]): ImageVariantsOf | undefined {
  const v = variantsOf(short);
  return v && kinds.includes(v.variants) && !v.without?.test(tag) && !WINDOWS.test(tag) ? v : undefined;
}

/**
 * The slim tag of the same version and Debian release: `20` -> `20-slim`, `latest` -> `slim`, `20-bookworm` ->
 * `20-bookworm-slim` (node) or `3.12-bookworm` -> `3.12-slim-bookworm` (python); a tag that is slim or alpine
 * already stays. Undefined when the image publishes no slim variant (or none for this tag).
 */
export function slimTag(short: string, tag: string): string | undefined {
  const v = conventions(short, tag, ['slim-alpine', 'slim']);
  if (!v) return undefined;
  const { version, release, slim } = partsOf(tag);
  if (slim || /alpine/.test(tag)) return tag;
  if (v.releaseSlim === 'tag-slim') return `${tag === 'latest' && v.latest ? v.latest : tag}-slim`;
  const words = !release ? [version, 'slim'] : v.releaseSlim === 'release-slim' ? [version, release, 'slim'] : [version, 'slim', release];
  return words.filter(Boolean).join('-');
}

/** The alpine tag of the same version (`20`, `20-slim`, `3.12-slim-bookworm` -> `20-alpine`, `3.12-alpine`; `latest` -> `alpine`). */
export function alpineTag(short: string, tag: string): string | undefined {
  if (!conventions(short, tag, ['slim-alpine', 'alpine']) || /alpine/.test(tag)) return undefined;
  const { version } = partsOf(tag);
  return version ? `${version}-alpine` : 'alpine';
}

/** The JRE tag of the same Java version and OS (`21`, `21-jdk` -> `21-jre`, `21-jdk-alpine` -> `21-jre-alpine`). */
export function jreTag(short: string, tag: string): string | undefined {
  if (!conventions(short, tag, ['jre']) || /jre/.test(tag)) return undefined;
  const m = /^(\d+(?:\.\d+)*(?:_\d+)?)(?:-jdk)?(-.+)?$/.exec(tag);
  return m ? `${m[1]}-jre${m[2] ?? ''}` : undefined;
}

/** Whether a tag names a Debian release (`3.12-bookworm`, `20-bookworm-slim`). */
export function namesRelease(tag: string): boolean {
  return partsOf(tag).release !== undefined;
}
