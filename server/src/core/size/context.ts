/**
 * Measures what `COPY`/`ADD` take from the build context, through the injected FileSystemHost, honouring
 * `.dockerignore` (or `<Dockerfile>.dockerignore`) with a real dockerignore matcher (@balena/dockerignore,
 * Docker's own pattern semantics). Walks are bounded (file count) so a huge context cannot hang a request.
 * Also picks up the package manifests and lock files the RUN estimators read (package.json and npm/yarn/pnpm
 * locks, requirements*.txt and poetry/uv/Pipfile locks, go.mod and go.sum, Cargo.toml/Cargo.lock, pom.xml).
 */
import ignore from '@balena/dockerignore';
import { Copy, Instruction } from 'dockerfile-ast';
import type { FileSystemHost } from '../host';
import type { DockerfileModel } from '../model';
import type { Manifests } from './runLayer';
import { trimTrailingSlashes } from '../text';

export interface ContextMeasurement {
  /** Bytes of the files the instruction copies (uncompressed). */
  bytes: number;
  /** Estimated gzip size of those files (by file type). */
  compressedBytes: number;
  files: number;
  /** The walk stopped at the file limit: the figure is a lower bound. */
  truncated: boolean;
  /** Sources that matched nothing. */
  missing: string[];
  /** Entries left out by .dockerignore (a directory left out as a whole counts once). */
  ignoredFiles: number;
}

export interface ContextMeasurements {
  /** By the 0-based line of the COPY/ADD instruction. */
  byLine: Map<number, ContextMeasurement>;
  manifests: Manifests;
  /** The .dockerignore file used, if any. */
  ignoreFile?: string;
}

export interface MeasureOptions {
  /** Absolute, '/'-separated directory of the build context (default: the Dockerfile's directory). */
  contextDir: string;
  /** Absolute path of the Dockerfile (for `<name>.dockerignore`). */
  dockerfilePath?: string;
  /** Stop walking after this many files per instruction (default 20000). */
  maxFiles?: number;
}

/** Already-compressed payloads barely shrink under gzip. */
const COMPRESSED_EXT = /\.(gz|tgz|zip|jar|war|ear|whl|xz|bz2|zst|7z|rar|png|jpe?g|gif|webp|avif|mp[34]|mov|woff2?|pdf|br|apk|deb|rpm|so|node|wasm)$/i;

function gzipRatio(name: string): number {
  if (COMPRESSED_EXT.test(name)) return 1.02;
  if (/\.(js|ts|tsx|jsx|json|md|txt|html|css|py|go|rs|java|c|h|cpp|rb|php|ya?ml|xml|svg|sh|toml|lock|csv)$/i.test(name)) return 4;
  return 2.5;
}

export async function measureContext(model: DockerfileModel, host: FileSystemHost, options: MeasureOptions): Promise<ContextMeasurements> {
  const contextDir = trimSlash(options.contextDir);
  const maxFiles = options.maxFiles ?? 20000;
  const matcher = ignore();
  let ignoreFile: string | undefined;
  let negations = false;
  const candidates = [options.dockerfilePath ? `${options.dockerfilePath}.dockerignore` : undefined, `${contextDir}/.dockerignore`].filter((x): x is string => !!x);
  for (const candidate of candidates) {
    const data = await host.readFile(candidate);
    if (data) {
      const text = new TextDecoder().decode(data);
      const patterns = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      matcher.add(patterns);
      negations = patterns.some((p) => p.startsWith('!'));
      ignoreFile = candidate;
      break;
    }
  }
  const byLine = new Map<number, ContextMeasurement>();
  const manifests: Manifests = {};
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      const kw = ins.getKeyword().toUpperCase();
      if (kw !== 'COPY' && kw !== 'ADD') continue;
      if ((ins as Copy).getFlags?.().some((f) => f.getName().toLowerCase() === 'from')) continue;
      const sources = copySources(ins);
      if (!sources.length) continue;
      const m: ContextMeasurement = { bytes: 0, compressedBytes: 0, files: 0, truncated: false, missing: [], ignoredFiles: 0 };
      for (const src of sources) {
        if (/^(https?|git)[:@]/.test(src) || src.startsWith('<<')) continue;
        const before = m.files;
        await measureSource(host, contextDir, src, matcher, m, maxFiles, manifests, negations);
        if (m.files === before) m.missing.push(src);
      }
      byLine.set(ins.getRange().start.line, m);
    }
  }
  return { byLine, manifests, ignoreFile };
}

/** The source arguments of a COPY/ADD (every argument but the last, flags excluded), JSON form included. */
export function copySources(ins: Instruction): string[] {
  const args = ins.getArguments().map((a) => a.getValue());
  const json = args.join(' ').trim();
  let words = args;
  if (json.startsWith('[')) {
    try {
      const parsed = JSON.parse(json);
      if (Array.isArray(parsed)) words = parsed.map(String);
    } catch {
      /* shell form after all */
    }
  }
  const positional = words.filter((w) => !w.startsWith('--'));
  return positional.slice(0, -1);
}

async function measureSource(host: FileSystemHost, contextDir: string, src: string, matcher: ReturnType<typeof ignore>, m: ContextMeasurement, maxFiles: number, manifests: Manifests, negations: boolean): Promise<void> {
  const rel = normalizeRel(src);
  const wildcard = /[*?[]/.test(rel);
  if (!wildcard) {
    const path = rel ? `${contextDir}/${rel}` : contextDir;
    const st = await host.stat(path);
    if (!st) return;
    if (!st.isDirectory) {
      if (rel && matcher.ignores(rel)) {
        m.ignoredFiles++;
        return;
      }
      addFile(m, rel, st.size);
      await readManifest(host, path, rel, manifests);
      return;
    }
    await walk(host, contextDir, rel, matcher, m, maxFiles, manifests, () => true, negations);
    return;
  }
  // Wildcards: walk from the fixed prefix and keep what the pattern matches (Docker's filepath.Match rules).
  const segs = rel.split('/');
  const firstWild = segs.findIndex((s) => /[*?[]/.test(s));
  const prefix = segs.slice(0, firstWild).join('/');
  const pattern = ignore().add(rel);
  await walk(host, contextDir, prefix, matcher, m, maxFiles, manifests, (p) => pattern.ignores(p), negations);
}

async function walk(
  host: FileSystemHost,
  contextDir: string,
  rel: string,
  matcher: ReturnType<typeof ignore>,
  m: ContextMeasurement,
  maxFiles: number,
  manifests: Manifests,
  selected: (rel: string) => boolean,
  negations: boolean,
): Promise<void> {
  const stack = [rel];
  while (stack.length) {
    const dir = stack.pop()!;
    const entries = await host.readDirectory(dir ? `${contextDir}/${dir}` : contextDir);
    for (const [name, isDir] of entries) {
      const p = dir ? `${dir}/${name}` : name;
      if (isDir) {
        // A directory ignored as a whole (node_modules) is skipped unless a negation pattern (`!dir/keep`)
        // could re-include something inside it.
        if (!negations && matcher.ignores(p)) {
          m.ignoredFiles++;
          continue;
        }
        stack.push(p);
        continue;
      }
      if (!selected(p)) continue;
      if (matcher.ignores(p)) {
        m.ignoredFiles++;
        continue;
      }
      if (m.files >= maxFiles) {
        m.truncated = true;
        return;
      }
      const st = await host.stat(`${contextDir}/${p}`);
      addFile(m, p, st?.size ?? 0);
      if (p.split('/').length <= 3 && !p.includes('node_modules/')) await readManifest(host, `${contextDir}/${p}`, p, manifests);
    }
  }
}

function addFile(m: ContextMeasurement, rel: string, size: number): void {
  m.files++;
  m.bytes += size;
  m.compressedBytes += Math.round(size / gzipRatio(rel));
}

const MANIFEST_NAMES = /^(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|requirements.*\.txt|poetry\.lock|uv\.lock|Pipfile\.lock|go\.mod|go\.sum|Cargo\.toml|Cargo\.lock|pom\.xml)$/;

async function readManifest(host: FileSystemHost, path: string, rel: string, manifests: Manifests): Promise<void> {
  const name = rel.split('/').pop() ?? rel;
  if (!MANIFEST_NAMES.test(name)) return;
  // Copied twice (`COPY package*.json ./` then `COPY . .`): read once.
  const seen = (manifests.read ??= []);
  if (seen.includes(path)) return;
  seen.push(path);
  const data = await host.readFile(path);
  if (!data || data.byteLength > 20_000_000) return;
  const text = new TextDecoder().decode(data);
  parseManifest(name, text, manifests);
}

/** package.json, npm's, yarn's and pnpm's lockfiles: true when `name` is one of them. */
function parseNpmManifest(name: string, text: string, manifests: Manifests): boolean {
  if (name === 'package.json') {
    try {
      const pkg = JSON.parse(text) as { dependencies?: object; devDependencies?: object };
      const deps = Object.keys(pkg.dependencies ?? {});
      const dev = Object.keys(pkg.devDependencies ?? {});
      // Workspaces add up.
      const cur = manifests.npm ?? { dependencies: 0, devDependencies: 0, names: [], devNames: [] };
      manifests.npm = { dependencies: cur.dependencies + deps.length, devDependencies: cur.devDependencies + dev.length, names: [...(cur.names ?? []), ...deps], devNames: [...(cur.devNames ?? []), ...dev] };
    } catch {
      /* not JSON: ignore */
    }
  } else if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') {
    try {
      const lock = JSON.parse(text) as { packages?: Record<string, { dev?: boolean; devOptional?: boolean }>; dependencies?: Record<string, { dev?: boolean }> };
      const names: string[] = [];
      const devNames: string[] = [];
      if (lock.packages) {
        for (const [key, v] of Object.entries(lock.packages)) {
          if (!key || !key.includes('node_modules/')) continue; // the root project, workspace links
          const n = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
          (v.dev ? devNames : names).push(n);
        }
      } else if (lock.dependencies) {
        for (const [n, v] of Object.entries(lock.dependencies)) (v.dev ? devNames : names).push(n);
      }
      manifests.npmLock = { names, devNames };
    } catch {
      /* not JSON */
    }
  } else if (name === 'yarn.lock' || name === 'pnpm-lock.yaml') {
    // Entries only; neither format marks dev packages in a way worth parsing here.
    const entries = name === 'yarn.lock' ? text.match(/^"?(@?[^@\s"]+)@[^\n]*:\s*$/gm) ?? [] : text.match(/^ {2}\/?'?(@?[^@\s(']+)@[^\n]*:\s*$/gm) ?? [];
    const names = [...new Set(entries.map((e) => /^\s*\/?"?'?(@?[^@\s"']+)@/.exec(e)?.[1] ?? ''))].filter(Boolean);
    if (!manifests.npmLock) manifests.npmLock = { names, devNames: [] };
  } else return false;
  return true;
}

/** requirements*.txt, poetry.lock, uv.lock, Pipfile.lock: true when `name` is one of them. */
function parsePythonManifest(name: string, text: string, manifests: Manifests): boolean {
  if (name.startsWith('requirements')) {
    const reqs = text
      .split(/\r?\n/)
      .map((l) => l.replace(/#.*$/, '').trim())
      .filter((l) => l && !l.startsWith('-'))
      .flatMap((l) => {
        const name = l.replace(/\[.*$/, '').replace(/[<>=!~; @].*$/, '').toLowerCase();
        return /\[binary\]/i.test(l) ? [name, `${name}-binary`] : [name];
      });
    manifests.requirements = [...new Set([...(manifests.requirements ?? []), ...reqs])];
  } else if (name === 'poetry.lock' || name === 'uv.lock') {
    const names = [...text.matchAll(/^\[\[package\]\]\s*\r?\nname\s*=\s*"([^"]+)"/gm)].map((m) => m[1].toLowerCase());
    manifests.pythonLock = [...new Set([...(manifests.pythonLock ?? []), ...names])];
  } else if (name === 'Pipfile.lock') {
    try {
      const lock = JSON.parse(text) as { default?: object; develop?: object };
      manifests.pythonLock = [...new Set([...(manifests.pythonLock ?? []), ...Object.keys(lock.default ?? {}).map((n) => n.toLowerCase())])];
    } catch {
      /* not JSON */
    }
  } else return false;
  return true;
}

/** go.mod and go.sum: true when `name` is one of them. */
function parseGoManifest(name: string, text: string, manifests: Manifests): boolean {
  if (name === 'go.mod') {
    const block = /require\s*\(([\s\S]*?)\)/g;
    let n = 0;
    for (const mm of text.matchAll(block)) n += mm[1].split('\n').filter((l) => l.trim() && !l.trim().startsWith('//') && !/\/\/ indirect/.test(l)).length;
    n += (text.match(/^require\s+[^(\s]/gm) ?? []).length;
    manifests.goModules = (manifests.goModules ?? 0) + n;
  } else if (name === 'go.sum') {
    // Every module the build downloads has a line without "/go.mod" (its zip hash).
    const mods = new Set(text.split(/\r?\n/).filter((l) => l.trim() && !/\/go\.mod\s/.test(l)).map((l) => l.split(/\s+/).slice(0, 2).join('@')));
    manifests.goSumModules = (manifests.goSumModules ?? 0) + mods.size;
  } else return false;
  return true;
}

/** Cargo.toml and Cargo.lock: true when `name` is one of them. */
function parseCargoManifest(name: string, text: string, manifests: Manifests): boolean {
  if (name === 'Cargo.toml') {
    manifests.cargo = true;
    // Direct dependencies: the entries of [dependencies] and [build-dependencies] (not dev-dependencies).
    let section = '';
    let direct = 0;
    for (const line of text.split(/\r?\n/)) {
      const t = line.trim();
      const head = /^\[([^\]]+)\]/.exec(t);
      if (head) {
        section = head[1].trim();
        if (/^(.*\.)?(dependencies|build-dependencies)\.[A-Za-z0-9_-]+$/.test(section)) direct++; // [dependencies.rand]
      } else if (t && !t.startsWith('#') && /^(.*\.)?(dependencies|build-dependencies)$/.test(section) && /^[A-Za-z0-9_-]+\s*=/.test(t)) direct++;
    }
    manifests.cargoDirectDependencies = (manifests.cargoDirectDependencies ?? 0) + direct;
  } else if (name === 'Cargo.lock') {
    manifests.cargo = true;
    manifests.cargoLockPackages = (manifests.cargoLockPackages ?? 0) + (text.match(/^\[\[package\]\]/gm) ?? []).length;
  } else return false;
  return true;
}

/** Reads what the RUN estimators need from one manifest or lock file (pure; exported for tests). */
export function parseManifest(name: string, text: string, manifests: Manifests): void {
  if (parseNpmManifest(name, text, manifests) || parsePythonManifest(name, text, manifests) || parseGoManifest(name, text, manifests) || parseCargoManifest(name, text, manifests)) return;
  if (name === 'pom.xml') {
    const deps = (text.replace(/<dependencyManagement>[\s\S]*?<\/dependencyManagement>/g, '').match(/<dependency>/g) ?? []).length;
    manifests.mavenDependencies = (manifests.mavenDependencies ?? 0) + deps;
  }
}

function normalizeRel(src: string): string {
  const parts: string[] = [];
  for (const part of src.replace(/\\/g, '/').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function trimSlash(p: string): string {
  return p.length > 1 ? trimTrailingSlashes(p) : p;
}
