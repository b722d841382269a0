/**
 * From a build entry to the Dockerfile it builds: the context relative to the Compose or Bake file's folder,
 * the Dockerfile relative to the context (both tools' rule), defaults `.` and `Dockerfile`, Bake's `inherits`
 * followed (a later parent wins over an earlier one, the target's own attributes over both). Remote contexts
 * (URLs, `target:`/`docker-image:` contexts), values with variables and inline Dockerfiles resolve to no file.
 */
import type { BuildEntry, BuildFile, WrittenValue } from './types';

export interface ResolvedEntry {
  entry: BuildEntry;
  /** Absolute '/'-separated path of the Dockerfile when it is a local file. */
  dockerfilePath?: string;
  /** Absolute path of the build context when it is a local folder. */
  contextPath?: string;
  /** The stage selected, as written in this entry or inherited. */
  target?: WrittenValue;
  /** The target is written in this entry (not inherited): diagnostics and edits apply to it. */
  ownTarget: boolean;
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

/** `.` and `..` resolved, `\` as `/`, no trailing slash. */
export function normalizeAbsolute(p: string): string {
  const slashed = p.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:/.exec(slashed)?.[0] ?? '';
  const parts: string[] = [];
  for (const part of slashed.slice(drive.length).split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `${drive}/${parts.join('/')}`;
}

export function resolveAgainst(dir: string, p: string): string {
  return normalizeAbsolute(isAbsolutePath(p) ? p : `${dir}/${p}`);
}

export function parentDir(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function isRemoteContext(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) || /^git@/.test(value) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(value) || /^(target|docker-image|oci-layout):/.test(value);
}

function inherited(byName: Map<string, BuildEntry>, entry: BuildEntry, pick: (e: BuildEntry) => WrittenValue | undefined, seen = new Set<string>()): WrittenValue | undefined {
  const own = pick(entry);
  if (own) return own;
  if (seen.has(entry.name)) return undefined;
  seen.add(entry.name);
  for (let i = entry.inherits.length - 1; i >= 0; i--) {
    const parent = byName.get(entry.inherits[i]);
    const v = parent && inherited(byName, parent, pick, seen);
    if (v) return v;
  }
  return undefined;
}

function inheritsInline(byName: Map<string, BuildEntry>, entry: BuildEntry, seen = new Set<string>()): boolean {
  if (entry.inline) return true;
  if (entry.dockerfile || seen.has(entry.name)) return false;
  seen.add(entry.name);
  return entry.inherits.some((n) => {
    const p = byName.get(n);
    return !!p && inheritsInline(byName, p, seen);
  });
}

/** Every entry of a build file with its Dockerfile; `filePath` is the build file's absolute path. */
export function resolveBuildFile(file: BuildFile, filePath: string): ResolvedEntry[] {
  const dir = parentDir(normalizeAbsolute(filePath));
  const byName = new Map<string, BuildEntry>();
  for (const e of file.entries) byName.set(e.name, e);
  return file.entries.map((entry) => {
    const context = inherited(byName, entry, (e) => e.context);
    const dockerfile = inherited(byName, entry, (e) => e.dockerfile);
    const target = inherited(byName, entry, (e) => e.target);
    const out: ResolvedEntry = { entry, target, ownTarget: !!entry.target && target === entry.target };
    if (inheritsInline(byName, entry)) return out;
    const contextValue = context?.value || '.';
    if (context?.variable || dockerfile?.variable || isRemoteContext(contextValue)) return out;
    out.contextPath = resolveAgainst(dir, contextValue);
    out.dockerfilePath = resolveAgainst(out.contextPath, dockerfile?.value || 'Dockerfile');
    return out;
  });
}
