/**
 * Image builders on the user's machine (Node only; the core stays pure): find one (docker with a reachable
 * daemon, podman, buildah, or the one asked for), build a Dockerfile with cancellation (the whole process
 * group is killed), read an image's measured size and config, compare two configs, remove images.
 * Shared by `dockerfile-stages verify`, the VS Code command that runs it, and the build-and-run suite.
 */
import { spawn } from 'node:child_process';
import { buildModel } from '../core/internal';

export type BuilderName = 'docker' | 'podman' | 'buildah';
export const BUILDER_NAMES: readonly BuilderName[] = ['docker', 'podman', 'buildah'];

/** The fields of an image config that verify compares (docker's names). */
export const CONFIG_FIELDS = ['Cmd', 'Entrypoint', 'Env', 'ExposedPorts', 'User', 'WorkingDir', 'Labels', 'Healthcheck', 'Volumes', 'StopSignal'] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

/** An image config with every field present and spelled one way (see normalizeConfig). Env is by name. */
export interface ImageConfig {
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  Env: Record<string, string> | null;
  ExposedPorts: Record<string, unknown> | null;
  User: string;
  WorkingDir: string;
  Labels: Record<string, string> | null;
  Healthcheck: unknown;
  Volumes: Record<string, unknown> | null;
  StopSignal: string | null;
}

export interface ImageInfo {
  /** Measured bytes (uncompressed, as the builder stores the image). */
  size: number;
  config: ImageConfig;
}

export interface ConfigDiff {
  /** `Cmd`, or `Env.NAME` / `Labels.NAME` for one entry. */
  field: string;
  before: unknown;
  after: unknown;
  /** An Env or Labels entry each image inherits unchanged from its own base image (the Dockerfiles never set it). */
  inherited?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  cancelled: boolean;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Called with each line of output (stdout and stderr) as it comes. */
  onLine?: (line: string) => void;
}

/** Runs a command in its own process group; an abort kills the whole group (the builder and its children). */
export function runProcess(cmd: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) return resolve({ code: 130, stdout: '', stderr: 'cancelled', cancelled: true });
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    const pending = { out: '', err: '' };
    const feed = (which: 'out' | 'err', chunk: string) => {
      if (!options.onLine) return;
      const text = pending[which] + chunk;
      const lines = text.split(/\r?\n/);
      pending[which] = lines.pop() ?? '';
      for (const l of lines) options.onLine(l);
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), feed('out', d)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), feed('err', d)));
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        /* already gone */
      }
    };
    let hard: NodeJS.Timeout | undefined;
    const onAbort = () => {
      cancelled = true;
      kill('SIGTERM');
      hard = setTimeout(() => kill('SIGKILL'), 5000);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      stderr += `${cmd}: ${e.message}\n`;
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (hard) clearTimeout(hard);
      if (options.onLine) for (const rest of [pending.out, pending.err]) if (rest) options.onLine(rest);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, cancelled });
    });
  });
}

/** Whether `name` can build here: docker needs a reachable daemon, podman and buildah only the program. */
export async function builderWorks(name: BuilderName, env?: NodeJS.ProcessEnv): Promise<boolean> {
  const args = name === 'docker' ? ['info', '--format', '{{.ServerVersion}}'] : ['--version'];
  const r = await runProcess(name, args, { env });
  return r.code === 0;
}

/** The builder to use: the one asked for (undefined when it does not work), else the first of docker, podman, buildah that works. */
export async function detectBuilder(wanted?: BuilderName | 'auto', env?: NodeJS.ProcessEnv): Promise<BuilderName | undefined> {
  if (wanted && wanted !== 'auto') return (await builderWorks(wanted, env)) ? wanted : undefined;
  for (const name of BUILDER_NAMES) if (await builderWorks(name, env)) return name;
  return undefined;
}

export interface BuildRequest {
  builder: BuilderName;
  /** The Dockerfile to build (a path). */
  file: string;
  context: string;
  tag: string;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** The command line that builds a Dockerfile (docker format, so HEALTHCHECK and STOPSIGNAL are kept). */
export function buildCommand(builder: BuilderName, file: string, context: string, tag: string): string[] {
  switch (builder) {
    case 'docker':
      return ['docker', 'build', '-f', file, '-t', tag, context];
    case 'podman':
      return ['podman', 'build', '--format', 'docker', '-f', file, '-t', tag, context];
    case 'buildah':
      return ['buildah', 'bud', '--format', 'docker', '-f', file, '-t', tag, context];
  }
}

export async function buildImage(req: BuildRequest): Promise<RunResult> {
  const [cmd, ...args] = buildCommand(req.builder, req.file, req.context, req.tag);
  return runProcess(cmd, args, { signal: req.signal, onLine: req.onLine, env: req.env });
}

const emptyToNull = <T>(v: T | null | undefined): T | null => {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v) && v.length === 0) return null;
  if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0) return null;
  if (v === '') return null;
  return v;
};

/**
 * One spelling per meaning: empty lists and maps are absent; an unset working directory is `/`; root written any
 * way (unset, `root`, `0`, `0:0`) is `0:0 (root)`; Env is a map by name.
 */
export function normalizeConfig(raw: Record<string, unknown> | undefined, healthcheck?: unknown): ImageConfig {
  const c = raw ?? {};
  const env = emptyToNull(c.Env as string[] | null);
  const user = (c.User as string | undefined) ?? '';
  return {
    Cmd: emptyToNull(c.Cmd as string[] | null),
    Entrypoint: emptyToNull(c.Entrypoint as string[] | null),
    Env: env ? Object.fromEntries(env.map((e) => (e.includes('=') ? [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] : [e, '']))) : null,
    ExposedPorts: emptyToNull(c.ExposedPorts as Record<string, unknown> | null),
    User: ['', 'root', '0', '0:0', 'root:root', 'root:0', '0:root'].includes(user) ? '0:0 (root)' : user,
    WorkingDir: (c.WorkingDir as string | undefined) || '/',
    Labels: emptyToNull(c.Labels as Record<string, string> | null),
    Healthcheck: emptyToNull((c.Healthcheck as unknown) ?? healthcheck ?? null),
    Volumes: emptyToNull(c.Volumes as Record<string, unknown> | null),
    StopSignal: emptyToNull(c.StopSignal as string | null),
  };
}

/** Reads the JSON one builder prints for `image inspect` into a size and a normalized config. */
export function parseInspect(builder: BuilderName, json: string): ImageInfo {
  const parsed = JSON.parse(json) as unknown;
  const j = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, any>;
  if (!j) throw new Error('the builder printed no image');
  if (builder === 'buildah') {
    // buildah inspect --type image: the docker-format config, and a manifest whose layer sizes are the stored (uncompressed) tars.
    const config = j.Docker?.config ?? j.OCIv1?.config;
    const manifest = typeof j.Manifest === 'string' ? JSON.parse(j.Manifest) : j.Manifest;
    const size = (manifest?.layers ?? []).reduce((n: number, l: { size?: number }) => n + (l.size ?? 0), 0);
    return { size, config: normalizeConfig(config, j.Docker?.config?.Healthcheck) };
  }
  // podman prints the health check at the top level (`Healthcheck`), docker inside Config.
  return { size: Number(j.Size), config: normalizeConfig(j.Config, j.Healthcheck ?? j.HealthCheck) };
}

export async function inspectImage(builder: BuilderName, ref: string, env?: NodeJS.ProcessEnv): Promise<ImageInfo> {
  const args = builder === 'buildah' ? ['inspect', '--type', 'image', ref] : ['image', 'inspect', ref];
  const r = await runProcess(builder, args, { env });
  if (r.code !== 0) throw new Error(`${builder} ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.code}`}`);
  return parseInspect(builder, r.stdout);
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));

/** Every difference between two configs: whole fields, and Env/Labels entry by entry. */
export function diffConfigs(before: ImageConfig, after: ImageConfig): ConfigDiff[] {
  const out: ConfigDiff[] = [];
  for (const f of CONFIG_FIELDS) {
    if (f === 'Env' || f === 'Labels') {
      const a = (before[f] ?? {}) as Record<string, string>;
      const b = (after[f] ?? {}) as Record<string, string>;
      for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) if (a[k] !== b[k]) out.push({ field: `${f}.${k}`, before: a[k] ?? null, after: b[k] ?? null });
      continue;
    }
    if (stable(before[f]) !== stable(after[f])) out.push({ field: f, before: before[f], after: after[f] });
  }
  return out;
}

export async function removeImages(builder: BuilderName, refs: string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return runProcess(builder, ['rmi', ...refs], { env });
}

/** The image the final stage stands on (through the stages it is built FROM), ARGs resolved; undefined for scratch or no stage. */
export function finalBaseImage(dockerfile: string): string | undefined {
  const model = buildModel(dockerfile);
  let stage = model.finalStage;
  for (let hops = 0; stage && stage.base.kind === 'stage' && hops < model.stages.length; hops++) stage = model.stages[stage.base.stage];
  return stage?.base.kind === 'image' ? stage.base.resolvedText : undefined;
}

/** The fields whose differences may come from the base images alone: environment, labels, the base's entrypoint wrapper, its stop signal. */
export const BASE_PROVIDED_FIELDS = ['Env', 'Labels', 'Entrypoint', 'StopSignal'] as const;

/**
 * Marks the differences that each image inherits unchanged from its own base: an Env or Labels entry
 * (`GOLANG_VERSION` of golang:1.22 against distroless), or the base's Entrypoint wrapper and StopSignal (node's
 * `docker-entrypoint.sh` against nginx's `/docker-entrypoint.sh`): neither Dockerfile set them. Cmd, User,
 * WorkingDir, ExposedPorts, Volumes and Healthcheck are never marked. Without both base configs nothing is marked.
 */
export function markInherited(diffs: ConfigDiff[], beforeBase?: ImageConfig, afterBase?: ImageConfig): ConfigDiff[] {
  if (!beforeBase || !afterBase) return diffs;
  return diffs.map((d) => {
    const dot = d.field.indexOf('.');
    let inherited: boolean;
    if (dot < 0) {
      const field = d.field as ConfigField;
      inherited = (BASE_PROVIDED_FIELDS as readonly string[]).includes(field) && stable(beforeBase[field]) === stable(d.before) && stable(afterBase[field]) === stable(d.after);
    } else {
      const field = d.field.slice(0, dot) as 'Env' | 'Labels';
      const key = d.field.slice(dot + 1);
      inherited = (beforeBase[field]?.[key] ?? null) === d.before && (afterBase[field]?.[key] ?? null) === d.after;
    }
    return inherited ? { ...d, inherited: true } : d;
  });
}
