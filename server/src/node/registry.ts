/**
 * Exact base-image sizes from an OCI registry (optional; off by default; never in untrusted workspaces —
 * the caller checks ctx.trusted). The distribution API: GET /v2/<repo>/manifests/<ref> → an image index /
 * manifest list → the platform's manifest → the sum of its layer sizes (the compressed download size).
 * Docker Hub's token flow (401 + WWW-Authenticate: Bearer realm/service/scope → anonymous token → retry).
 * Every request has a timeout and a response-size limit; answers are kept in memory and in an on-disk
 * JSON cache (tags for a week, digests for good).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Arch, BaseImageInfo, ImageName } from '../core/internal';
import { uncompressedRatioFor } from '../core/internal';

export interface RegistryOptions {
  /** Directory of the on-disk cache; default: $XDG_CACHE_HOME or ~/.cache, then dockerfile-stages. '' disables it. */
  cacheDir?: string;
  /** Per request (default 5000 ms). */
  timeoutMs?: number;
  /** Largest response body read (default 1 MiB); larger answers are refused. */
  maxResponseBytes?: number;
  /** Registries spoken to over plain HTTP (default: loopback ones — localhost, 127.0.0.1, [::1]). */
  plainHttp?: (host: string) => boolean;
  /** How long a tag's answer is kept (default 7 days). */
  tagTtlMs?: number;
  log?: (message: string) => void;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface RegistrySize {
  /** Sum of the platform manifest's layer sizes. */
  compressedBytes: number;
  layers: number[];
  /** The manifest digest the figure was read from, when the registry said. */
  digest?: string;
  registry: string;
  repository: string;
  reference: string;
  arch: Arch;
  fetchedAt: number;
}

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';

export class RegistryError extends Error {}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'dockerfile-stages');
}

function isLoopback(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

export class RegistrySizeClient {
  private readonly memory = new Map<string, RegistrySize>();
  private readonly tokens = new Map<string, string>();
  private readonly tagLists = new Map<string, { tags: string[]; fetchedAt: number }>();
  private diskLoaded?: Promise<void>;
  private readonly opts: Required<Omit<RegistryOptions, 'log' | 'fetch' | 'now' | 'plainHttp'>> & Pick<RegistryOptions, 'log'>;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly plainHttp: (host: string) => boolean;

  constructor(options: RegistryOptions = {}) {
    this.opts = {
      cacheDir: options.cacheDir ?? defaultCacheDir(),
      timeoutMs: options.timeoutMs ?? 5000,
      maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024,
      tagTtlMs: options.tagTtlMs ?? 7 * 24 * 3600 * 1000,
      log: options.log,
    };
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.plainHttp = options.plainHttp ?? isLoopback;
    void this.loadDisk();
  }

  /** Where the image lives: registry host, repository path (Docker Hub official images under library/), reference. */
  static locate(name: ImageName): { registry: string; repository: string; reference: string } {
    const registry = name.registry ?? DOCKER_HUB_REGISTRY;
    const repository = !name.registry && !name.repository.includes('/') ? `library/${name.repository}` : name.repository;
    return { registry, repository, reference: name.digest ?? name.tag ?? 'latest' };
  }

  private key(name: ImageName, arch: Arch): string {
    const l = RegistrySizeClient.locate(name);
    return `${l.registry}/${l.repository}:${l.reference}@${arch}`;
  }

  private fresh(r: RegistrySize): boolean {
    return r.reference.startsWith('sha256:') || this.now() - r.fetchedAt < this.opts.tagTtlMs;
  }

  /** A cached answer as a base-image figure (synchronous: the estimator asks while it computes). */
  cached(name: ImageName, arch: Arch): BaseImageInfo | undefined {
    const r = this.memory.get(this.key(name, arch));
    if (!r || !this.fresh(r)) return undefined;
    return toBaseImageInfo(r, name);
  }

  /** Reads the size from the registry (or the cache), undefined when the image or platform is not there. */
  async fetchSize(name: ImageName, arch: Arch): Promise<RegistrySize | undefined> {
    await this.loadDisk();
    const key = this.key(name, arch);
    const hit = this.memory.get(key);
    if (hit && this.fresh(hit)) return hit;
    const { registry, repository, reference } = RegistrySizeClient.locate(name);
    const top = await this.getManifest(registry, repository, reference);
    if (!top) return undefined;
    let manifest = top.body;
    let digest = top.digest;
    if (Array.isArray(manifest.manifests)) {
      const entry = pickPlatform(manifest.manifests, arch);
      if (!entry) return undefined;
      const m = await this.getManifest(registry, repository, entry.digest);
      if (!m) return undefined;
      manifest = m.body;
      digest = entry.digest;
    }
    if (!Array.isArray(manifest.layers)) throw new RegistryError('manifest without layers');
    const layers = manifest.layers.map((l: { size?: unknown }) => (typeof l.size === 'number' && l.size >= 0 ? l.size : 0));
    const result: RegistrySize = {
      compressedBytes: layers.reduce((s: number, x: number) => s + x, 0),
      layers,
      digest,
      registry,
      repository,
      reference,
      arch,
      fetchedAt: this.now(),
    };
    this.memory.set(key, result);
    await this.saveDisk();
    return result;
  }

  private async getManifest(registry: string, repository: string, reference: string): Promise<{ body: any; digest?: string } | undefined> {
    const url = `${this.plainHttp(registry) ? 'http' : 'https'}://${registry}/v2/${repository}/manifests/${encodeURIComponent(reference).replace(/%3A/gi, ':')}`;
    const res = await this.authorizedGet(url, registry, repository);
    if (res.status === 404) {
      await res.body?.cancel().catch(() => undefined);
      return undefined;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new RegistryError(`registry ${registry} answered ${res.status} for ${repository}:${reference}`);
    }
    const text = await this.readLimited(res);
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RegistryError('the manifest is not JSON');
    }
    return { body, digest: res.headers.get('docker-content-digest') ?? undefined };
  }

  /** A GET with the registry's anonymous token flow: a 401 with a Bearer challenge gets a token and one retry. */
  private async authorizedGet(url: string, registry: string, repository: string): Promise<Response> {
    let res = await this.request(url, registry);
    if (res.status === 401) {
      const challenge = res.headers.get('www-authenticate') ?? '';
      await res.body?.cancel().catch(() => undefined);
      const token = await this.token(challenge, registry, repository);
      if (!token) throw new RegistryError(`registry ${registry} asks for credentials`);
      res = await this.request(url, registry, token);
    }
    return res;
  }

  /**
   * The tags a repository lists (GET /v2/<repository>/tags/list, the first page of up to 1000), kept in memory
   * for the tag time-to-live; empty when the repository is not there.
   */
  async listTags(name: ImageName): Promise<string[]> {
    const { registry, repository } = RegistrySizeClient.locate(name);
    const key = `${registry}/${repository}`;
    const hit = this.tagLists.get(key);
    if (hit && this.now() - hit.fetchedAt < this.opts.tagTtlMs) return hit.tags;
    const url = `${this.plainHttp(registry) ? 'http' : 'https'}://${registry}/v2/${repository}/tags/list?n=1000`;
    const res = await this.authorizedGet(url, registry, repository);
    if (res.status === 404) {
      await res.body?.cancel().catch(() => undefined);
      return [];
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new RegistryError(`registry ${registry} answered ${res.status} for the tags of ${repository}`);
    }
    let body: { tags?: unknown };
    try {
      body = JSON.parse(await this.readLimited(res)) as { tags?: unknown };
    } catch {
      throw new RegistryError('the tag list is not JSON');
    }
    const tags = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
    this.tagLists.set(key, { tags, fetchedAt: this.now() });
    return tags;
  }

  private async request(url: string, registry: string, token?: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: ACCEPT };
    const bearer = token ?? this.tokens.get(registry);
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      return await this.fetchImpl(url, { headers, signal: controller.signal, redirect: 'follow' });
    } catch (e) {
      throw new RegistryError(controller.signal.aborted ? `registry ${registry} did not answer within ${this.opts.timeoutMs} ms` : `registry ${registry}: ${String((e as Error).message ?? e)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Docker Hub (and other registries') token flow: anonymous pull token for the repository. */
  private async token(challenge: string, registry: string, repository: string): Promise<string | undefined> {
    const m = /^Bearer\s+(.*)$/i.exec(challenge.trim());
    if (!m) return undefined;
    const params = new Map<string, string>();
    for (const part of m[1].matchAll(/(\w+)="([^"]*)"/g)) params.set(part[1].toLowerCase(), part[2]);
    const realm = params.get('realm');
    if (!realm || !/^https?:\/\//.test(realm)) return undefined;
    const u = new URL(realm);
    if (params.get('service')) u.searchParams.set('service', params.get('service')!);
    u.searchParams.set('scope', params.get('scope') ?? `repository:${repository}:pull`);
    const res = await this.request(u.toString(), registry);
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const body = JSON.parse(await this.readLimited(res)) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (token) this.tokens.set(registry, token);
    return token;
  }

  private async readLimited(res: Response): Promise<string> {
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > this.opts.maxResponseBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new RegistryError(`response of ${declared} bytes exceeds the ${this.opts.maxResponseBytes}-byte limit`);
    }
    if (!res.body) return '';
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > this.opts.maxResponseBytes) {
        await reader.cancel().catch(() => undefined);
        throw new RegistryError(`response exceeds the ${this.opts.maxResponseBytes}-byte limit`);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private cacheFile(): string | undefined {
    return this.opts.cacheDir ? path.join(this.opts.cacheDir, 'registry-sizes.json') : undefined;
  }

  private loadDisk(): Promise<void> {
    this.diskLoaded ??= (async () => {
      const file = this.cacheFile();
      if (!file) return;
      try {
        const data = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, RegistrySize>;
        for (const [k, v] of Object.entries(data)) if (v && typeof v.compressedBytes === 'number' && !this.memory.has(k)) this.memory.set(k, v);
      } catch {
        /* no cache yet, or unreadable: start empty */
      }
    })();
    return this.diskLoaded;
  }

  private async saveDisk(): Promise<void> {
    const file = this.cacheFile();
    if (!file) return;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(Object.fromEntries(this.memory)));
      await fs.rename(tmp, file);
    } catch (e) {
      this.opts.log?.(`could not write the registry size cache: ${String(e)}`);
    }
  }
}

function pickPlatform(manifests: { digest: string; platform?: { os?: string; architecture?: string; variant?: string } }[], arch: Arch) {
  const wanted = manifests.filter((m) => m.platform?.os === 'linux' && m.platform.architecture === arch);
  if (arch === 'arm64') return wanted.find((m) => !m.platform?.variant || m.platform.variant === 'v8') ?? wanted[0];
  return wanted[0];
}

function toBaseImageInfo(r: RegistrySize, name: ImageName): BaseImageInfo {
  const image = name.registry ? `${name.registry}/${name.repository}` : name.repository;
  return {
    compressedBytes: r.compressedBytes,
    uncompressedBytes: Math.round(r.compressedBytes * uncompressedRatioFor(name.repository, name.tag)),
    uncompressedEstimated: true,
    source: `registry ${r.registry} manifest${r.digest ? ` ${r.digest.slice(0, 19)}…` : ''} (${new Date(r.fetchedAt).toISOString().slice(0, 10)})`,
    match: 'exact',
    row: `${image}:${r.reference}`,
    uncertainty: 0.01,
    variants: [],
  };
}
