/**
 * Base-image sizes from the embedded table (data/tables.generated.ts, from docker-library/repo-info).
 * Resolves tags the way people write them: exact tags, versions the table's floating tags point at
 * (`alpine:3.24` = `alpine:latest` when that resolved to 3.24.2), Debian/Ubuntu release numbers and code
 * names, variants (`-slim`, `-alpine`, `-bookworm`), other versions of a known repository (nearest, with a
 * wider range), digests (the tag's figure, if any) and architectures. Unknown images give undefined: the
 * caller reports "base unknown" (counted as 0, never an invented figure).
 */
import { ImageName } from '../imageRef';
import { baseImageRows, BaseImageRow } from './data/tables.generated';
import type { Arch, BaseImageInfo, BaseImageVariant } from './types';

/** Debian and Ubuntu code names: a tag token that names a release rather than a variant. */
const CODENAMES = new Set(['bookworm', 'trixie', 'bullseye', 'buster', 'stretch', 'jessie', 'sid', 'forky', 'jammy', 'noble', 'focal', 'resolute', 'plucky', 'oracular']);
/** Tokens that change little or nothing in size (the user, the libc of busybox, a release channel): matched softly. */
const SOFT = new Set(['nonroot', 'musl', 'glibc', 'uclibc', 'lts', 'current', 'stable']);
/** Soft tokens that name a moving release channel rather than a build. */
const CHANNELS = new Set(['lts', 'current', 'stable']);
/** A variant token a bare tag already means (eclipse-temurin:17 and openjdk:8 are the JDK): ignored when comparing. */
const DEFAULT_TOKEN: Record<string, string> = { 'eclipse-temurin': 'jdk', openjdk: 'jdk' };
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
  /** Variant tokens other than release code names and numbers, sorted ("alpine", "slim", "jdk", "temurin"...). */
  variant: string[];
  /** Numbers inside the variant (the 17 of `3.9-eclipse-temurin-17`, the 21 of `jdk21`): compared by distance. */
  sub: string[];
  codename?: string;
}

/** Tokens whose trailing number is part of the name, not a version (`python3`, `nodejs20` stay whole). */
const NAME_WITH_NUMBER = /^(python|nodejs|java|debian|py|php|lua|perl|ruby|jre|openjdk)$/;

function parseTag(tag: string): ParsedTag {
  const tokens = tag.toLowerCase().split('-').filter(Boolean);
  let version: string | undefined;
  const variant: string[] = [];
  const sub: string[] = [];
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
    if (/^\d+(\.\d+)*$/.test(tok)) {
      sub.push(tok);
      continue;
    }
    // alpine3.20 -> alpine (the Alpine release is soft); jdk21 -> jdk + 21
    if (/^alpine\d[\d.]*$/.test(tok)) {
      variant.push('alpine');
      continue;
    }
    const m = /^([a-z]+)(\d+)$/.exec(tok);
    if (m && !NAME_WITH_NUMBER.test(m[1])) {
      variant.push(m[1]);
      sub.push(m[2]);
      continue;
    }
    if (tok === 'latest') continue;
    variant.push(tok);
  }
  if (!version && tokens.length && CODENAMES.has(tokens[0])) codename = tokens[0];
  variant.sort();
  return { version, variant, sub, codename };
}

function repoKey(name: ImageName): string {
  return name.registry ? `${name.registry}/${name.repository}`.toLowerCase() : name.repository.toLowerCase();
}

function rowsFor(repo: string): BaseImageRow[] {
  return baseImageRows().filter((r) => r.image.toLowerCase() === repo);
}

/**
 * A table row's version: what its tag resolved to when that refines the tag (`python:3.13` -> 3.13.15,
 * `rust:1-bookworm` -> 1.97.1), else the tag's version, else the first version in what it resolved to
 * (`gradle:jdk21`, "Gradle 9.7.0 + …" -> 9.7.0).
 */
function rowVersion(row: BaseImageRow): string | undefined {
  const fromTag = parseTag(row.tag).version;
  const resolved = /(?:^|[\s:v-])(\d+(?:\.\d+)*)(?=[\s+-]|$)/.exec(row.resolved ?? '')?.[1];
  if (fromTag && resolved && (resolved === fromTag || resolved.startsWith(`${fromTag}.`))) return resolved;
  return fromTag ?? resolved;
}

function compressedFor(row: BaseImageRow, arch: Arch): { bytes: number; fallback: boolean; derived: boolean } | undefined {
  const own = row.compressed[arch];
  if (own !== undefined) return { bytes: own, fallback: false, derived: false };
  const other = row.compressed.amd64 ?? row.compressed.arm64;
  if (other !== undefined) return { bytes: other, fallback: true, derived: false };
  // Published uncompressed figure only (distroless, .NET baselines): derive the compressed size, flagged.
  if (row.uncompressed !== undefined) return { bytes: Math.round(row.uncompressed / uncompressedRatioFor(row.image, row.tag)), fallback: false, derived: true };
  return undefined;
}

/**
 * How far apart two versions are: 0 when the row matches what was asked to its precision ("3.13" = 3.13.15);
 * then a patch < a minor < a major version apart.
 */
function versionDistance(asked: string | undefined, row: string | undefined): number {
  if (asked === row) return 0;
  if (!asked || !row) return 50;
  const pa = asked.split('.').map(Number);
  const pb = row.split('.').map(Number);
  for (let i = 0; i < pa.length; i++) {
    if (i >= pb.length) return 0.5; // the row is less precise than what was asked ("1.22.5" against a "1.22" row)
    if (pa[i] !== pb[i]) {
      const d = Math.min(30, Math.abs((pa[i] || 0) - (pb[i] || 0)));
      return i === 0 ? 100 + d : i === 1 ? 10 + d : 1 + Math.min(8, d) / 8;
    }
  }
  return 0;
}

function subDistance(asked: string[], row: string[]): number {
  if (!asked.length) return 0;
  if (!row.length) return 5;
  let d = 0;
  for (let i = 0; i < asked.length; i++) d += Math.min(20, versionDistance(asked[i], row[i]) / 5);
  return d;
}

function sameVariant(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Relative uncertainty of a row's compressed figure, from how it was obtained. */
function rowUncertainty(row: BaseImageRow): number {
  if (row.confidence === 'low') return 0.5;
  if (row.confidence === 'medium' || row.approximate) return 0.15;
  return 0.02;
}

/**
 * Looks up a base image in the embedded table. `name.tag` undefined means `latest`. The exact tag, or the
 * same version (a floating tag that pointed at it), gives `exact`/`version`; otherwise the nearest version
 * of the same variant gives `nearest` (shown as ≈, with the row it came from, and a wider range). Images the
 * table does not know at all give undefined: the caller shows "base unknown", never a made-up figure.
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
    rows = baseImageRows().filter((r) => { const i = r.image.toLowerCase(); return i === stem || (i.startsWith(`${stem}-debian`) && /-debian\d+$/.test(i)); });
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
  let distance = 0;
  row = rows.find((r) => r.tag.toLowerCase() === tag);
  if (!row) {
    // Same variant (code names and release channels are soft), closest version; `latest` prefers the newest
    // default variant. A row that matches the version to the precision written is the same version.
    const implied = (v: string[]) => (DEFAULT_TOKEN[repo] ? v.filter((t) => t !== DEFAULT_TOKEN[repo]) : v);
    const wanted = parseTag(tag);
    wanted.variant = implied(wanted.variant);
    let best: { row: BaseImageRow; score: number; distance: number } | undefined;
    for (const r of rows) {
      const rt = parseTag(r.tag);
      if (!sameVariant(implied(rt.variant), wanted.variant)) continue;
      const rv = rowVersion(r);
      const d = (wanted.version ? versionDistance(wanted.version, rv) : 0) + subDistance(wanted.sub, rt.sub);
      let score = d;
      if (!wanted.version) score -= Number.parseFloat(rv ?? '0') / 1000; // `latest`, `slim`: the newest
      if (wanted.codename && rt.codename !== wanted.codename) score += 0.3;
      if (!wanted.codename && rt.codename) score += 0.01; // node:24 over node:24-trixie, when both exist
      // A release channel (`lts`, `current`) moves: the row it was read for is not necessarily what it is now.
      const channel = wanted.codename && CHANNELS.has(wanted.codename) && rt.codename !== wanted.codename ? 1 : 0;
      if (!best || score < best.score) best = { row: r, score, distance: d + channel + (wanted.codename && rt.codename !== wanted.codename ? 0.3 : 0) };
    }
    if (best) {
      row = best.row;
      distance = best.distance;
      match = distance <= 0 ? 'version' : 'nearest';
    }
  }
  if (!row) return undefined;
  if (otherRepo) match = 'nearest';
  const c = compressedFor(row, arch);
  if (!c) return undefined;

  let uncertainty = rowUncertainty(row);
  if (c.derived) uncertainty = Math.max(uncertainty, 0.25);
  // Another version: a patch release apart changes little, a minor or major release more.
  if (match === 'nearest') uncertainty = Math.max(uncertainty, 0.1) + (distance >= 100 ? 0.35 : distance >= 10 ? 0.15 : 0.05);
  if (c.fallback) uncertainty += 0.05;
  if (name.digest) uncertainty = Math.max(uncertainty, 0.1); // a digest pins a build the table may not have read

  const uncompressedEstimated = row.uncompressed === undefined;
  const uncompressedBytes = row.uncompressed ?? Math.round(c.bytes * ratioFromSiblings(rows, row));
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
    confidence: row.confidence,
    variants: smallerVariants(rows, row, arch, c.bytes),
  };
}

/**
 * Uncompressed ÷ compressed for a row that publishes only its download size: the ratio of a row of the same
 * repository that publishes both (the same variant first: node:22 for node:20, golang:1.26-alpine for
 * golang:1.22-alpine), else the rule of thumb by kind of image.
 */
function ratioFromSiblings(rows: BaseImageRow[], row: BaseImageRow): number {
  const variant = parseTag(row.tag).variant;
  const paired = rows.filter((r) => r.uncompressed !== undefined && r.compressed.amd64 !== undefined && r.confidence === 'high');
  const same = paired.find((r) => sameVariant(parseTag(r.tag).variant, variant));
  const pick = same ?? (variant.length ? undefined : paired.find((r) => !parseTag(r.tag).variant.includes('alpine')));
  if (pick) return pick.uncompressed! / pick.compressed.amd64!;
  return uncompressedRatioFor(row.image, row.tag);
}

/** Rows of the same repository and version that are smaller ("node:24" -> node:24-slim, node:24-alpine). */
function smallerVariants(rows: BaseImageRow[], row: BaseImageRow, arch: Arch, bytes: number): BaseImageVariant[] {
  const tagVersion = (r: BaseImageRow) => parseTag(r.tag).version ?? rowVersion(r);
  const version = tagVersion(row);
  const out: BaseImageVariant[] = [];
  for (const r of rows) {
    if (r === row) continue;
    const v = tagVersion(r);
    if (version && v && versionDistance(version, v) >= 1 && versionDistance(v, version) >= 1) continue;
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
