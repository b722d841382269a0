/**
 * Base-image sizes from the embedded table (data/tables.generated.ts, from docker-library/repo-info).
 * Resolves tags the way people write them: exact tags, versions the table's floating tags point at
 * (`alpine:3.24` = `alpine:latest` when that resolved to 3.24.2), Debian/Ubuntu release numbers and code
 * names, variants (`-slim`, `-alpine`, `-bookworm`), other versions of a known repository (nearest, with a
 * wider range), digests (the tag's figure, if any) and architectures. Unknown images give undefined: the
 * caller reports "unknown base" with a fallback range, never an invented figure.
 */
import { ImageName } from '../imageRef';
import { BASE_IMAGE_ROWS, BaseImageRow } from './data/tables.generated';
import type { Arch, BaseImageInfo, BaseImageVariant } from './types';

/** Debian and Ubuntu code names: a tag token that names a release rather than a variant. */
const CODENAMES = new Set(['bookworm', 'trixie', 'bullseye', 'buster', 'stretch', 'jessie', 'sid', 'forky', 'jammy', 'noble', 'focal', 'resolute', 'plucky', 'oracular']);
/** Tokens that change little or nothing in size (the user, the libc of busybox, a release channel): matched softly. */
const SOFT = new Set(['nonroot', 'musl', 'glibc', 'uclibc', 'lts', 'current', 'stable']);
/** The variant a bare version tag means, where the table has no bare row (eclipse-temurin:17 is the JDK). */
const DEFAULT_VARIANT: Record<string, string[]> = { 'eclipse-temurin': ['jdk'] };
const RELEASE_ALIASES: Record<string, Record<string, string>> = {
  debian: { '12': 'bookworm', '13': 'trixie', stable: 'trixie', oldstable: 'bookworm', latest: 'trixie' },
  ubuntu: { jammy: '22.04', noble: '24.04', latest: '24.04' },
};

/**
 * Uncompressed ÷ compressed for images whose uncompressed size is not published (from the pairs in
 * ../shared/data/README.md: OS and binary layers 2.2–2.8×, Go toolchains ~3.4×, JDKs ~2×).
 */
export function uncompressedRatioFor(image: string, tag = ''): number {
  const t = tag.toLowerCase();
  if (image === 'alpine' || t.includes('alpine')) return image === 'golang' ? 3.3 : 2.2;
  if (image === 'golang') return 3.2;
  if (/temurin|openjdk|corretto|maven|gradle|tomcat/.test(image)) return 2.1;
  if (image === 'debian') return 2.43;
  if (image === 'ubuntu') return 2.63;
  return 2.6;
}

interface ParsedTag {
  /** Leading version ("3.12", "20", "1.22.5"), undefined for `latest`/`alpine`/`slim` style tags. */
  version?: string;
  /** Variant tokens other than release code names, sorted ("alpine", "slim", "jdk"...). */
  variant: string[];
  codename?: string;
}

function parseTag(tag: string): ParsedTag {
  const tokens = tag.toLowerCase().split('-').filter(Boolean);
  let version: string | undefined;
  const variant: string[] = [];
  let codename: string | undefined;
  for (const [i, tok] of tokens.entries()) {
    if (i === 0 && /^v?\d/.test(tok)) {
      version = tok.replace(/^v/, '');
      continue;
    }
    if (CODENAMES.has(tok) || SOFT.has(tok)) {
      codename = codename ?? tok;
      continue;
    }
    if (/^\d{8}(\.\d+)?$/.test(tok)) continue; // date stamps (bookworm-20260918-slim)
    // alpine3.20 -> alpine; jdk21 stays a token
    const m = /^(alpine)\d[\d.]*$/.exec(tok);
    const t = m ? m[1] : tok;
    if (t === 'latest') continue;
    variant.push(t);
  }
  if (!version && tokens.length && CODENAMES.has(tokens[0])) codename = tokens[0];
  variant.sort();
  return { version, variant, codename };
}

function repoKey(name: ImageName): string {
  return name.registry ? `${name.registry}/${name.repository}`.toLowerCase() : name.repository.toLowerCase();
}

function rowsFor(repo: string): BaseImageRow[] {
  return BASE_IMAGE_ROWS.filter((r) => r.image.toLowerCase() === repo);
}

/** A table row's version: its tag's version, or the leading version of what the tag resolved to. */
function rowVersion(row: BaseImageRow): string | undefined {
  const fromTag = parseTag(row.tag).version;
  if (fromTag) return fromTag;
  const m = /^v?(\d+(?:\.\d+)*)/.exec(row.resolved ?? '');
  return m ? m[1] : undefined;
}

function compressedFor(row: BaseImageRow, arch: Arch): { bytes: number; fallback: boolean } | undefined {
  const own = row.compressed[arch];
  if (own !== undefined) return { bytes: own, fallback: false };
  const other = row.compressed.amd64 ?? row.compressed.arm64;
  if (other !== undefined) return { bytes: other, fallback: true };
  // Published uncompressed figure only (distroless): derive the compressed size, flagged approximate.
  if (row.uncompressed !== undefined) return { bytes: Math.round(row.uncompressed / 2.2), fallback: false };
  return undefined;
}

function versionDistance(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (!a || !b) return 50;
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa[0] !== pb[0]) return 10 + Math.min(30, Math.abs((pa[0] || 0) - (pb[0] || 0)));
  // Same major: a prefix ("3" vs "3.13") counts as the same version.
  const n = Math.min(pa.length, pb.length);
  for (let i = 1; i < n; i++) if (pa[i] !== pb[i]) return 1 + Math.min(8, Math.abs((pa[i] || 0) - (pb[i] || 0)));
  return 0;
}

function sameVariant(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * Looks up a base image in the embedded table. `name.tag` undefined means `latest`. Returns undefined for
 * images the table does not know (the caller shows "unknown base").
 */
export function lookupBaseImage(name: ImageName, arch: Arch = 'amd64'): BaseImageInfo | undefined {
  const repo = repoKey(name);
  if (repo === 'scratch') {
    return { compressedBytes: 0, uncompressedBytes: 0, source: 'scratch is the empty image', match: 'exact', row: 'scratch', uncertainty: 0, variants: [] };
  }
  let rows = rowsFor(repo);
  let otherRepo = false;
  if (!rows.length) {
    // distroless/static-debian12 ~ static-debian11 ~ static: same content, another Debian release.
    const stem = repo.replace(/-debian\d+$/, '');
    rows = BASE_IMAGE_ROWS.filter((r) => { const i = r.image.toLowerCase(); return i === stem || (i.startsWith(`${stem}-debian`) && /-debian\d+$/.test(i)); });
    otherRepo = rows.length > 0 && stem.includes('distroless');
    if (!otherRepo) return undefined;
  }
  let tag = (name.tag ?? 'latest').toLowerCase();
  const aliases = RELEASE_ALIASES[repo];
  if (aliases) {
    // debian:12-slim -> bookworm-slim, ubuntu:noble -> 24.04
    const [head, ...rest] = tag.split('-');
    if (aliases[head] && !(head === 'latest' && rows.some((r) => r.tag === 'latest'))) tag = [aliases[head], ...rest].join('-');
  }

  let row: BaseImageRow | undefined;
  let match: BaseImageInfo['match'] = 'exact';
  row = rows.find((r) => r.tag.toLowerCase() === tag);
  if (!row) {
    // A tag naming the version a floating tag resolved to: alpine:3.24 / alpine:3.24.2 = latest (3.24.2).
    const wanted = parseTag(tag);
    row = rows.find((r) => {
      const resolved = (r.resolved ?? '').toLowerCase().split(/\s/)[0];
      if (!resolved) return false;
      if (resolved === tag) return true;
      const rv = parseTag(resolved);
      if (!wanted.version || !rv.version) return false;
      return (rv.version === wanted.version || rv.version.startsWith(`${wanted.version}.`)) && sameVariant(rv.variant, wanted.variant) && sameVariant(parseTag(r.tag).variant, wanted.variant);
    });
    if (row) match = 'version';
  }
  if (!row) {
    // Nearest: same variant (code names are soft), closest version; `latest` prefers the newest default variant.
    const wanted = parseTag(tag);
    if (!wanted.variant.length && DEFAULT_VARIANT[repo]) wanted.variant = DEFAULT_VARIANT[repo];
    let best: { row: BaseImageRow; score: number } | undefined;
    for (const r of rows) {
      const rt = parseTag(r.tag);
      if (!sameVariant(rt.variant, wanted.variant)) continue;
      let score = wanted.version ? versionDistance(wanted.version, rowVersion(r)) : -Number.parseFloat(rowVersion(r) ?? '0') / 1000;
      if (wanted.codename && rt.codename !== wanted.codename) score += 0.5;
      if (!wanted.codename && rt.codename) score += 0.25;
      if (!best || score < best.score) best = { row: r, score };
    }
    if (best) {
      row = best.row;
      match = best.score <= 0 ? 'version' : 'nearest';
    }
  }
  if (!row) return undefined;
  if (otherRepo) match = 'nearest';
  const c = compressedFor(row, arch);
  if (!c) return undefined;

  let uncertainty = row.approximate ? 0.2 : 0.02;
  if (match === 'nearest') uncertainty = Math.max(uncertainty, 0.25);
  if (c.fallback) uncertainty += 0.05;
  if (name.digest) uncertainty = Math.max(uncertainty, 0.1); // a digest pins a build the table may not have read

  const uncompressedEstimated = row.uncompressed === undefined;
  const uncompressedBytes = row.uncompressed ?? Math.round(c.bytes * uncompressedRatioFor(row.image, row.tag));
  return {
    compressedBytes: c.bytes,
    uncompressedBytes,
    uncompressedEstimated,
    source: row.source,
    match,
    row: row.tag ? `${row.image}:${row.tag}` : row.image,
    resolved: row.resolved,
    archFallback: c.fallback || undefined,
    uncertainty,
    variants: smallerVariants(rows, row, arch, c.bytes),
  };
}

/** Rows of the same repository and version that are smaller ("node:24" -> node:24-slim, node:24-alpine). */
function smallerVariants(rows: BaseImageRow[], row: BaseImageRow, arch: Arch, bytes: number): BaseImageVariant[] {
  const version = rowVersion(row);
  const out: BaseImageVariant[] = [];
  for (const r of rows) {
    if (r === row) continue;
    const v = rowVersion(r);
    if (version && v && versionDistance(version, v) > 0) continue;
    const c = compressedFor(r, arch);
    if (!c || c.bytes >= bytes) continue;
    out.push({ ref: `${r.image}:${r.tag}`, compressedBytes: c.bytes, uncompressedBytes: r.uncompressed });
  }
  return out.sort((a, b) => a.compressedBytes - b.compressedBytes);
}

/** The Linux family a base image belongs to, for package-manager and artifact choices. */
export type Family = 'alpine' | 'debian-slim' | 'debian' | 'ubuntu' | 'rhel' | 'distroless' | 'scratch' | 'unknown';

export function familyOf(name: ImageName | undefined, resolved?: string): Family {
  if (!name) return 'unknown';
  const repo = repoKey(name);
  const tag = (name.tag ?? '').toLowerCase();
  const res = (resolved ?? '').toLowerCase();
  if (repo === 'scratch') return 'scratch';
  if (repo.includes('distroless') || repo.includes('chainguard')) return 'distroless';
  if (repo === 'alpine' || tag.includes('alpine') || res.includes('alpine')) return 'alpine';
  if (repo === 'ubuntu' || res.includes('ubuntu') || res.includes('noble') || res.includes('jammy')) return 'ubuntu';
  if (/amazonlinux|oraclelinux|fedora|rockylinux|almalinux|centos|ubi/.test(repo) || res.includes('oraclelinux') || res.includes('amazon linux')) return 'rhel';
  if (tag.includes('slim') || res.includes('slim')) return 'debian-slim';
  if (repo === 'debian' || repo === 'buildpack-deps' || /bookworm|trixie|bullseye/.test(tag + res)) return 'debian';
  if (rowsFor(repo).length) return 'debian'; // official images default to Debian
  return 'unknown';
}
