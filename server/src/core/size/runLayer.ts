/**
 * Estimates what one RUN adds to the image: walks the commands the shell parser found, in order, and lets a
 * per-tool estimator add items (apt-get, apk, pip, npm/yarn/pnpm, go, maven/gradle, cargo, dotnet, make,
 * downloads of known artifacts); removals later in the same RUN (`rm -rf`, `apt-get purge`, `apk del`,
 * cache cleans) mark items removed. Items carry the paths they live under, so `mv`, `rm` and later
 * `COPY --from` can follow them.
 */
import type { Family } from './baseImages';
import { APT_ROWS } from './data/tables.generated';
import { KB, MB, figure, figureCompressed, item, scale } from './figures';
import { APK, BasePackages, NPM_CLOSURE, NPM_GLOBAL, NPM_PACKAGE, NPM_PACKAGE_DEFAULT, PIP, PIP_DEFAULT, artifactForUrl } from './knowledge';
import type { EvaluatedCommand as ShellCommand } from '../commands';
import type { LayerItem } from './types';

export interface Manifests {
  /** package.json files found in the copied context: direct dependencies (counts and names). */
  npm?: { dependencies: number; devDependencies: number; names?: string[]; devNames?: string[] };
  /** package-lock.json (or yarn/pnpm lock): the installed packages, production and dev-only, by name. */
  npmLock?: { names: string[]; devNames: string[] };
  /** requirements*.txt: requirement names. */
  requirements?: string[];
  /** poetry.lock / uv.lock / Pipfile.lock: every locked package, by name. */
  pythonLock?: string[];
  /** go.mod: number of required modules. */
  goModules?: number;
  /** go.sum: modules the build downloads. */
  goSumModules?: number;
  /** Cargo.toml or Cargo.lock present. */
  cargo?: boolean;
  /** Cargo.lock: packages (crates) in the lock. */
  cargoLockPackages?: number;
  /** Cargo.toml: direct dependencies (when there is no Cargo.lock). */
  cargoDirectDependencies?: number;
  /** pom.xml: declared dependencies. */
  mavenDependencies?: number;
  /** Manifest files already read (a file copied twice counts once). */
  read?: string[];
}

export interface RunContext {
  family: Family;
  cwd: string;
  /** Paths mounted as caches (`RUN --mount=type=cache,target=...`): nothing under them stays in the layer. */
  cacheMounts: string[];
  manifests: Manifests;
  /** The whole RUN text (for flags the estimators look at as a whole). */
  script: string;
  /** The stage already has these (downloaded modules etc. in earlier layers): don't count caches twice. */
  stageHas: Set<string>;
  /** Production install hinted by ENV NODE_ENV=production. */
  nodeEnvProduction: boolean;
  /** OS packages the base image already has (documented package lists; see knowledge.basePackagesOf). */
  basePackages?: BasePackages;
}

const APT_BASIS = 'Debian bookworm Installed-Size (Debian package lists)';
const APT_RATIO = 2.6;
const HEURISTIC = 'heuristic';

export function estimateRun(commands: ShellCommand[], ctx: RunContext): { items: LayerItem[]; notes: string[]; rewritten: { tool: string; path: string }[] } {
  const items: LayerItem[] = [];
  /** Paths a recursive chown/chmod rewrites: files from earlier layers under them are stored again. */
  const rewritten: { tool: string; path: string }[] = [];
  const notes: string[] = [];
  const artifacts = new Set<string>();
  /** Build trees and installs already counted in this RUN (`make` then `make install` of the same tree). */
  const built = new Set<string>();
  let cwd = ctx.cwd;
  let aptAutoMarked = false;
  const aptItems: { item: LayerItem; pkgs: string[] }[] = [];
  const apkItems: { item: LayerItem; pkgs: string[]; virtual?: string }[] = [];
  const downloads: { item: LayerItem; file?: string }[] = [];
  const abs = (p: string) => resolvePath(cwd, p);
  const push = (it: LayerItem) => {
    if (it.paths?.some((p) => ctx.cacheMounts.some((m) => isUnder(p, m)))) return; // lives in a cache mount
    items.push(it);
  };
  const removeUnder = (target: string) => {
    for (const it of items) {
      if (it.removed || !it.paths?.length) continue;
      if (it.paths.every((p) => isUnder(p, target))) it.removed = true;
    }
  };

  for (let ci = 0; ci < commands.length; ci++) {
    const { argv } = commands[ci];
    const next = commands[ci + 1];
    let cmd = argv[0];
    let args = argv.slice(1);
    // Wrappers: sudo, env, xargs, time, nice, su-exec.
    while (['sudo', 'env', 'time', 'nice', 'nohup', 'exec', 'xargs'].includes(cmd) && args.length) {
      while (args.length && (args[0].startsWith('-') || /^[A-Za-z_]+=/.test(args[0]))) args = args.slice(1);
      cmd = args[0];
      args = args.slice(1);
    }
    if (!cmd) continue;
    const base = cmd.split('/').pop() ?? cmd;
    switch (base) {
      case 'cd':
        if (args[0] && !args[0].startsWith('$')) cwd = abs(args[0]);
        break;
      case 'apt-get':
      case 'apt': {
        const sub = args.find((a) => !a.startsWith('-'));
        // `pkg=1.2-3` pins a version; `"postgresql-$PG_MAJOR=$PG_VERSION"` is a package whose name holds a variable.
        const pkgs = positional(args, ['-o', '-t', '-c', '--target-release', '--option']).slice(1).map((p) => p.replace(/=.*$/, '')).filter((p) => p && !/^\$[A-Za-z_{(]/.test(p));
        if (sub === 'update') {
          const lists = ctx.family === 'ubuntu' ? figure(45 * MB, 4, 1.5) : figure(20 * MB, 2.2, 1.5);
          push(item('apt package lists (/var/lib/apt/lists)', 'cache', lists, HEURISTIC, ['/var/lib/apt/lists']));
        } else if (sub === 'install') {
          if (!pkgs.length) break;
          const recommends = !args.includes('--no-install-recommends') && !/no-install-recommends|Install-Recommends[ "=]*(false|0)/i.test(ctx.script);
          const installed = ctx.stageHas;
          const present = pkgs.filter((p) => installed.has(`apt:${p}`) || ctx.basePackages?.names.has(p));
          const fresh = pkgs.filter((p) => !present.includes(p));
          for (const p of pkgs) installed.add(`apt:${p}`);
          if (!fresh.length) {
            push(item(`apt-get install ${pkgs.slice(0, 6).join(' ')} (already in ${ctx.basePackages?.label ?? 'the image'})`, 'os-packages', figure(150 * KB, 3, 3), `the base image's documented package list (${ctx.basePackages?.source ?? 'earlier RUN'}): nothing new but apt's own records`));
            break;
          }
          const it = aptInstall(fresh, ctx.family, recommends, ctx.basePackages);
          if (present.length) it.basis += `; ${present.length} of ${pkgs.length} already in ${ctx.basePackages?.label ?? 'the image'} (${present.slice(0, 4).join(', ')}${present.length > 4 ? ', …' : ''}), not counted`;
          push(it);
          aptItems.push({ item: it, pkgs: fresh });
        } else if (sub === 'purge' || sub === 'remove' || sub === 'autoremove') {
          const autoRemove = sub === 'autoremove' || args.includes('--auto-remove');
          for (const a of aptItems) {
            if (a.item.removed) continue;
            const named = a.pkgs.filter((p) => pkgs.includes(p)).length;
            if (aptAutoMarked && autoRemove) a.item.removed = true;
            else if (named === a.pkgs.length) a.item.removed = true;
            else if (named > 0) Object.assign(a.item, scale(a.item, 1 - named / a.pkgs.length));
          }
          if (aptAutoMarked && autoRemove) {
            // `apt-mark auto '.*'` ... `apt-mark manual <what the build links to>`: the runtime libraries stay.
            const removedBytes = aptItems.filter((a) => a.item.removed).reduce((s, a) => s + a.item.uncompressedBytes, 0);
            if (removedBytes > 0) push(item('runtime libraries kept after purging build dependencies', 'os-packages', figure(Math.min(removedBytes * 0.04, 25 * MB), APT_RATIO, 2), HEURISTIC));
          }
        } else if (sub === 'dist-clean') {
          removeUnder('/var/lib/apt/lists');
        }
        break;
      }
      case 'apt-mark':
        if (args[0] === 'auto' && args.some((a) => a.includes('*'))) aptAutoMarked = true;
        break;
      case 'apk': {
        const sub = args.find((a) => !a.startsWith('-'));
        const pos = positional(args, ['-t', '--virtual', '-X', '--repository', '--arch', '--root']);
        const virtual = flagValue(args, ['-t', '--virtual']);
        if (sub === 'add') {
          const pkgs = pos.slice(1).filter((p) => !p.startsWith('$') && !p.startsWith('.'));
          if (!pkgs.length) break;
          const it = apkAdd(pkgs);
          push(it);
          apkItems.push({ item: it, pkgs, virtual });
          if (!args.includes('--no-cache') && !/\/var\/cache\/apk/.test(ctx.script)) {
            push(item('apk index cache (/var/cache/apk)', 'cache', figure(2.5 * MB, 1.05, 1.5), HEURISTIC, ['/var/cache/apk']));
          }
        } else if (sub === 'del') {
          const names = pos.slice(1);
          for (const a of apkItems) {
            if ((a.virtual && names.includes(a.virtual)) || (a.pkgs.length && a.pkgs.every((p) => names.includes(p)))) a.item.removed = true;
          }
        }
        break;
      }
      case 'pip':
      case 'pip3':
      case 'python':
      case 'python3':
      case 'uv': {
        let pipArgs = args;
        if (base.startsWith('python')) {
          const m = args.indexOf('-m');
          if (m < 0) break;
          const mod = args[m + 1];
          if (mod === 'venv' || mod === 'virtualenv') {
            const dir = positional(args.slice(m + 2))[0];
            push(item('Python virtual environment (pip, setuptools)', 'dependencies', figure(20 * MB, 3, 1.5), HEURISTIC, dir ? [abs(dir)] : undefined));
            break;
          }
          if (mod !== 'pip') break;
          pipArgs = args.slice(m + 2);
        } else if (base === 'uv') {
          if (pipArgs[0] !== 'pip' && pipArgs[0] !== 'sync') break;
          if (pipArgs[0] === 'pip') pipArgs = pipArgs.slice(1);
        }
        if (pipArgs[0] === 'cache' && pipArgs[1] === 'purge') {
          removeUnder('/root/.cache/pip');
          break;
        }
        if (pipArgs[0] !== 'install' && pipArgs[0] !== 'sync') break;
        pipInstall(pipArgs.slice(1), ctx, push);
        break;
      }
      case 'poetry':
        if (args[0] === 'install') pipInstall(['-r', 'poetry.lock', '--no-cache-dir'], ctx, push);
        break;
      case 'npm':
      case 'yarn':
      case 'pnpm':
      case 'bun':
        nodeCommand(base, args, ctx, cwd, push, removeUnder);
        break;
      case 'npx':
        if (/^(tsc|vite|webpack|next|esbuild|rollup|ng|nest)$/.test(args[0] ?? '')) buildProduct(`${args[0]} build output`, cwd, push);
        break;
      case 'go':
        goCommand(args, ctx, cwd, push, removeUnder);
        break;
      case 'mvn':
      case 'mvnw':
      case './mvnw':
        mavenCommand(args, ctx, cwd, push);
        break;
      case 'gradle':
      case 'gradlew':
        gradleCommand(base, args, ctx, cwd, push);
        break;
      case 'cargo':
        cargoCommand(args, ctx, cwd, push);
        break;
      case 'dotnet':
        dotnetCommand(args, ctx, cwd, push);
        break;
      case 'make':
      case 'ninja':
      case 'cmake': {
        if (base === 'cmake' && !args.includes('--build')) break;
        const targets = positional(args, ['-C', '-f', '-j', '-l', '-o', '-W', '--directory', '--file']).filter((a) => !a.includes('='));
        // Configuration, cleaning and checks build nothing that stays.
        if (targets.length && targets.every((t) => /config$|^clean$|^distclean$|^help$|^check$|^test$|^lint$/.test(t))) break;
        const dir = flagValue(args, ['-C', '--directory']);
        const tree = dir && !dir.startsWith('$') ? abs(dir) : cwd;
        if (targets.some((t) => /^install/.test(t))) {
          // One product per RUN: `make install` after `make` installs what the build tree holds.
          if (!artifacts.size && !built.has('make-install')) {
            built.add('make-install');
            push(item('make install (built from source)', 'product', figure(20 * MB, 3, 4), HEURISTIC, ['/usr/local']));
          }
        } else if (!built.has(`make:${tree}`)) {
          built.add(`make:${tree}`);
          push(item(`build tree (make${dir ? ` -C ${dir}` : ''})`, artifacts.has('python') ? 'cache' : 'product', figure(60 * MB, 3, 4), HEURISTIC, [tree]));
        }
        break;
      }
      case 'curl':
      case 'wget': {
        const url = args.find((a) => /^(https?|ftp):\/\//i.test(a) || /^\$[A-Za-z_]/.test(a)) ?? '';
        let file = flagValue(args, base === 'curl' ? ['-o', '--output'] : ['-O', '--output-document']);
        const remoteName = base === 'curl' ? args.some((a) => /^-[a-zA-Z]*O/.test(a) || a === '--remote-name') : !file;
        if (!file && remoteName) file = url.split('?')[0].split('/').pop();
        const piped = !file || file === '-';
        const artifact = artifactForUrl(url, ctx.family, ctx.script);
        if (artifact && !artifacts.has(artifact.key)) {
          artifacts.add(artifact.key);
          push(item(artifact.label, artifact.category, figureCompressed(artifact.compressedBytes, artifact.ratio, artifact.factor), artifact.basis, artifact.paths));
        }
        if (/\.(asc|sig|sha\d*|txt|gpg|key|pem|sh|sum)$/i.test(file ?? url)) break;
        if (!piped) {
          // An unknown single file (a static binary, a script, a key): a few MB with a wide range, not an SDK.
          const dl = item(`download ${file}`, 'download', artifact ? figureCompressed(artifact.compressedBytes * 0.9, 1.02, 1.3) : figure(4 * MB, 1.5, 6), artifact ? artifact.basis : 'unknown download (a single file: default 4 MB, range 0.7–24 MB)', [abs(file!)]);
          push(dl);
          downloads.push({ item: dl, file: abs(file!) });
        } else if (!artifact && next && ['tar', 'sh', 'bash', 'unzip', 'gunzip', 'bsdtar'].includes(next.argv[0])) {
          push(item(`download from ${shortUrl(url)} (extracted/installed)`, 'download', figure(60 * MB, 3, 5), 'unknown download', undefined));
        }
        break;
      }
      case 'tar':
      case 'unzip': {
        const f = base === 'unzip' ? positional(args)[0] : flagValue(args, ['-f', '--file']) ?? args.find((a) => /^-?[a-zA-Z]*f$/.test(a) ? false : /\.(tar|tgz|gz|xz|bz2|zst|zip)$/.test(a));
        const dl = f ? downloads.find((d) => d.file === abs(f)) : undefined;
        if (dl && dl.item.basis.startsWith('unknown download') && (base === 'unzip' || args.some((a) => /^-?[a-zA-Z]*x/.test(a) || a === '--extract'))) {
          const dest = flagValue(args, ['-C', '--directory', '-d']);
          push(item(`extracted ${f}`, 'download', figure(60 * MB, 3, 5), 'unknown download', [dest ? abs(dest) : cwd]));
        }
        break;
      }
      case 'rm': {
        for (const p of positional(args, [])) {
          if (p.startsWith('$') && !p.includes('/')) continue;
          const target = abs(p.replace(/\/\*$/, '').replace(/\*$/, ''));
          if (target === '/' || target === '') continue;
          removeUnder(target);
        }
        break;
      }
      case 'mv': {
        const pos = positional(args, ['-t', '--target-directory']);
        if (pos.length === 2) {
          const from = abs(pos[0]);
          const to = abs(pos[1]);
          for (const it of items) if (it.paths) it.paths = it.paths.map((p) => (isUnder(p, from) ? to + p.slice(from.length) : isUnder(from, p) ? to : p));
        }
        break;
      }
      case 'useradd':
      case 'adduser':
      case 'groupadd':
      case 'addgroup':
      case 'mkdir':
      case 'ln':
      case 'touch':
        push(item(`${base}`, 'files', figure(4 * KB, 1.5, 3), HEURISTIC));
        break;
      case 'chown':
      case 'chmod':
        // A recursive chown/chmod in a later layer copies the files it touches (see notes).
        if (args.some((a) => /^-[a-zA-Z]*R/.test(a))) {
          for (const p of positional(args, []).slice(1)) if (!p.startsWith('$(')) rewritten.push({ tool: base, path: abs(p) });
        }
        break;
      case 'rustup':
        if (args[0] === 'target' || args[0] === 'component') push(item(`rustup ${args.slice(0, 3).join(' ')}`, 'toolchain', figure(150 * MB, 3, 2), HEURISTIC, ['/usr/local/rustup']));
        break;
      default: {
        // ./rustup-init, installer scripts named after known artifacts.
        const artifact = artifactForUrl(cmd, ctx.family, ctx.script);
        if (artifact && !artifacts.has(artifact.key)) {
          artifacts.add(artifact.key);
          push(item(artifact.label, artifact.category, figureCompressed(artifact.compressedBytes, artifact.ratio, artifact.factor), artifact.basis, artifact.paths));
        }
      }
    }
  }
  // Cleanups anywhere in the RUN by text (find ... -delete etc. are beyond the parser's view): none here.
  return { items, notes, rewritten };
}

function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').slice(0, 60);
}

export function resolvePath(cwd: string, p: string): string {
  const raw = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function isUnder(p: string, dir: string): boolean {
  const d = dir.replace(/\/+$/, '') || '/';
  return d === '/' || p === d || p.startsWith(`${d}/`);
}

/** Positional arguments (not flags, not the values of `flagsWithValue`). */
function positional(args: string[], flagsWithValue: string[] = ['-o', '-O', '-C', '-f', '-t', '-d']): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-')) {
      if (flagsWithValue.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function flagValue(args: string[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (n.startsWith('--') && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
      if (!n.startsWith('--') && a.startsWith(n) && a.length > n.length && n.length === 2) return a.slice(2);
    }
  }
  return undefined;
}

/** apt-get install: Debian Installed-Size of known sets; heuristics for the rest; shared dependencies overlap. */
export function aptInstall(pkgs: string[], family: Family, recommends: boolean, base?: BasePackages): LayerItem {
  const sorted = [...new Set(pkgs)].sort();
  const exact = APT_ROWS.find((r) => r.packages.length === sorted.length && [...r.packages].sort().every((p, i) => p === sorted[i]));
  let bytes: number;
  let known = 0;
  if (exact) {
    bytes = exact.installedBytes;
    known = sorted.length;
  } else {
    const sizes = sorted.map((p) => {
      const row = APT_ROWS.find((r) => r.packages.length === 1 && r.packages[0] === p);
      if (row) {
        known++;
        return row.installedBytes;
      }
      if (p.endsWith('-dev')) return 5 * MB;
      if (p.startsWith('lib')) return 2.5 * MB;
      if (/-doc$|^fonts-/.test(p)) return 8 * MB;
      return 6 * MB;
    });
    sizes.sort((a, b) => b - a);
    // Packages share dependencies (g++ pulls gcc): count the largest fully, the rest partly.
    bytes = (sizes[0] ?? 0) + 0.4 * sizes.slice(1).reduce((s, x) => s + x, 0);
  }
  // Slim and Ubuntu images drop /usr/share/doc, man pages and locales.
  if (family === 'debian-slim' || family === 'ubuntu') bytes *= 0.8;
  // The Installed-Size figures count the dependencies apt pulls onto a minimal system; a base with a
  // development stack (buildpack-deps) already has most shared libraries of a new package.
  if (base?.shareOfDependenciesPresent) bytes *= 1 - base.shareOfDependenciesPresent;
  if (recommends) bytes *= 1.5;
  const unknownShare = 1 - known / sorted.length;
  const factor = 1.35 + unknownShare * 1.2 + (recommends ? 0.5 : 0);
  const basis = known === sorted.length ? APT_BASIS : known ? `${APT_BASIS}; ${sorted.length - known} package(s) by heuristic` : `${HEURISTIC} (packages not in the table)`;
  const label = `apt-get install ${sorted.slice(0, 6).join(' ')}${sorted.length > 6 ? ` … (+${sorted.length - 6})` : ''}${recommends ? ' (with recommends)' : ''}`;
  return item(label, 'os-packages', figure(bytes, APT_RATIO, factor), basis, undefined);
}

export function apkAdd(pkgs: string[]): LayerItem {
  let known = 0;
  const sizes = pkgs.map((p) => {
    const name = p.replace(/[<>=~].*$/, '');
    if (APK[name] !== undefined) {
      known++;
      return APK[name];
    }
    return name.endsWith('-dev') ? 4 * MB : 3 * MB;
  });
  sizes.sort((a, b) => b - a);
  const bytes = (sizes[0] ?? 0) + 0.6 * sizes.slice(1).reduce((s, x) => s + x, 0);
  const factor = 1.6 + (1 - known / pkgs.length) * 1.5;
  const label = `apk add ${pkgs.slice(0, 6).join(' ')}${pkgs.length > 6 ? ` … (+${pkgs.length - 6})` : ''}`;
  return item(label, 'os-packages', figure(bytes, 2.3, factor), known ? 'approximate Alpine package sizes' : HEURISTIC);
}

function pipInstall(args: string[], ctx: RunContext, push: (it: LayerItem) => void): void {
  const names: string[] = [];
  let fromFile = false;
  let project = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-r' || a === '--requirement' || a === '-c') {
      fromFile = true;
      i++;
      continue;
    }
    if (a === '-e' || a === '--editable') {
      project = true;
      i++;
      continue;
    }
    if (a.startsWith('-')) {
      if (['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--target', '-t', '--prefix', '--root'].includes(a)) i++;
      continue;
    }
    if (a === '.' || a.startsWith('./') || a.startsWith('/')) project = true;
    else {
      const name = a.replace(/\[.*$/, '').replace(/[<>=!~;].*$/, '').toLowerCase();
      names.push(name);
      // `psycopg[binary]`: the extra installs the package's binary wheel as another distribution.
      if (/\[binary\]/i.test(a) && PIP[`${name}-binary`] !== undefined) names.push(`${name}-binary`);
    }
  }
  const locked = ctx.manifests.pythonLock;
  if (fromFile) names.push(...(ctx.manifests.requirements ?? locked ?? []));
  let bytes = 0;
  let known = 0;
  for (const n of names) {
    if (PIP[n] !== undefined) {
      known++;
      bytes += PIP[n];
    } else bytes += PIP_DEFAULT;
  }
  const seen = ctx.manifests.requirements ?? locked;
  if (fromFile && !seen) bytes += 80 * MB; // requirements file not seen
  if (project) bytes += 2 * MB;
  if (!bytes) return;
  const cpuOnly = /download\.pytorch\.org\/whl\/cpu/.test(ctx.script);
  if (cpuOnly && names.includes('torch')) bytes -= 900 * MB;
  const factor = fromFile && !seen ? 4 : 1.6 + (names.length ? (1 - known / names.length) * 1.4 : 1);
  const label = names.length ? `pip install ${names.slice(0, 6).join(' ')}${names.length > 6 ? ` … (+${names.length - 6})` : ''}` : 'pip install (requirements)';
  push(item(label, 'dependencies', figure(bytes, 3, factor), `${known ? `${known} of ${names.length} from the PyPI size table (with their usual dependencies)` : 'no package in the PyPI size table'}${names.length > known ? `; ${names.length - known} at the stated default of ${PIP_DEFAULT / MB} MB` : ''}`, ['/usr/local/lib', '/opt/venv', '/root/.local']));
  if (!args.includes('--no-cache-dir') && !/PIP_NO_CACHE_DIR/.test(ctx.script)) {
    push(item('pip cache (/root/.cache/pip)', 'cache', figure(bytes * 0.35, 1.05, factor), HEURISTIC, ['/root/.cache/pip']));
  }
}

function nodeCommand(tool: string, args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void, removeUnder: (p: string) => void): void {
  const sub = args.find((a) => !a.startsWith('-')) ?? (tool === 'yarn' && args.every((a) => !/^--?(version|help|v|h)$/.test(a)) ? 'install' : '');
  const pos = positional(args).slice(1);
  if (sub === 'cache' && (args.includes('clean') || args.includes('prune'))) {
    removeUnder(tool === 'npm' ? '/root/.npm' : tool === 'yarn' ? '/usr/local/share/.cache/yarn' : '/root/.local/share/pnpm');
    return;
  }
  if (sub === 'prune' || (sub === 'install' && false)) return;
  const global = args.includes('-g') || args.includes('--global') || (tool === 'yarn' && sub === 'global');
  if (global) {
    const names = pos.filter((p) => p !== 'add');
    const bytes = names.reduce((s, n) => s + (NPM_GLOBAL[n.replace(/@[^/@]*$/, '')] ?? 8 * MB), 0);
    if (bytes) push(item(`${tool} global ${names.join(' ')}`, 'toolchain', figure(bytes, 3, 2), HEURISTIC, ['/usr/local/lib/node_modules']));
    return;
  }
  if (['ci', 'install', 'i', 'add'].includes(sub) || (tool === 'yarn' && sub === 'install')) {
    const production = args.some((a) => /^--(production|prod|omit=dev|only=prod)/.test(a)) || ctx.nodeEnvProduction;
    let bytes: number;
    let factor: number;
    let basis: string;
    const lock = ctx.manifests.npmLock;
    if (pos.length && sub !== 'ci') {
      bytes = pos.reduce((n, p) => n + (NPM_PACKAGE[p.replace(/(.)@[^/@]*$/, '$1')] ?? 3 * MB), 0);
      factor = 3;
      basis = 'heuristic: named packages with their dependencies (3 MB each unless in the package table)';
    } else if (lock) {
      const names = production ? lock.names : [...lock.names, ...lock.devNames];
      let known = 0;
      bytes = 0;
      for (const n of names) {
        const k = NPM_PACKAGE[n];
        if (k !== undefined) known++;
        bytes += k ?? NPM_PACKAGE_DEFAULT;
      }
      factor = 1.8;
      basis = `lock file: ${names.length} package${names.length === 1 ? '' : 's'}${production ? ' (production only)' : ''}; ${known} from the package table, the rest at the stated default of ${Math.round(NPM_PACKAGE_DEFAULT / KB)} kB each`;
    } else if (ctx.manifests.npm) {
      const npm = ctx.manifests.npm;
      const n = npm.dependencies + (production ? 0 : npm.devDependencies);
      const direct = [...(npm.names ?? []), ...(production ? [] : npm.devNames ?? [])];
      const known = direct.filter((d) => NPM_CLOSURE[d] !== undefined);
      // A direct dependency brings its transitive ones: ~40 packages of the default size, wide range; the
      // ones known to pull in large binaries or compilers count at their known installed size instead.
      bytes = (Math.max(direct.length, n) - known.length) * 40 * NPM_PACKAGE_DEFAULT + known.reduce((t, d) => t + NPM_CLOSURE[d], 0);
      factor = 3;
      basis = `package.json, no lock file seen: ${n} direct dependencies at a stated 40 packages of ${Math.round(NPM_PACKAGE_DEFAULT / KB)} kB each${known.length ? `; ${known.join(', ')} at their installed size with dependencies` : ''}`;
    } else {
      bytes = (production ? 60 : 120) * MB;
      factor = 4;
      basis = `${HEURISTIC} (package.json not seen)`;
    }
    if (bytes === 0) {
      // Nothing to install: npm still writes package-lock.json and its logs.
      push(item(`${tool} ${sub} (no dependencies)`, 'dependencies', figure(12 * KB, 3, 3), basis, [resolvePath(cwd, 'node_modules')]));
      return;
    }
    push(item(`${tool} ${sub}${production ? ' (production)' : ''} → node_modules`, 'dependencies', figure(bytes, 3.2, factor), basis, [resolvePath(cwd, 'node_modules')]));
    const cacheDir = tool === 'npm' ? '/root/.npm' : tool === 'yarn' ? '/usr/local/share/.cache/yarn' : '/root/.local/share/pnpm';
    const cleaned = new RegExp(`${tool} cache clean|${tool} cache prune|rm -rf? [^;&]*(\\.npm|\\.cache|yarn)`).test(ctx.script);
    if (!cleaned) push(item(`${tool} cache`, 'cache', figure(bytes * (tool === 'yarn' ? 0.5 : 0.3), 1.1, factor), HEURISTIC, [cacheDir]));
    return;
  }
  if (sub === 'run' || sub === 'build' || sub === 'exec') {
    const script = sub === 'run' || sub === 'exec' ? pos[0] : 'build';
    if (script && /build|compile|bundle|dist|export/.test(script)) buildProduct(`${tool} ${sub === 'build' ? 'build' : `run ${script}`} output`, cwd, push);
  }
}

function buildProduct(label: string, cwd: string, push: (it: LayerItem) => void): void {
  push(item(label, 'product', figure(15 * MB, 3, 3), HEURISTIC, ['dist', 'build', '.next', 'out', 'public'].map((d) => resolvePath(cwd, d))));
}

/** Go: module downloads from go.sum, a binary, and the build cache `go build` keeps (unless a cache mount holds it). */
function goCommand(args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void, removeUnder: (p: string) => void): void {
  const sub = args[0];
  const m = ctx.manifests;
  const moduleCount = m.goSumModules ?? m.goModules;
  const modules = () => {
    if (ctx.stageHas.has('go-mod')) return;
    ctx.stageHas.add('go-mod');
    if (moduleCount === 0) return; // standard library only: nothing to download
    const bytes = moduleCount !== undefined ? moduleCount * 5 * MB : 150 * MB;
    push(item('Go module cache (/go/pkg/mod)', 'cache', figure(bytes, 3.5, moduleCount !== undefined ? 2.5 : 3), moduleCount !== undefined ? `${moduleCount} module${moduleCount === 1 ? '' : 's'} from ${m.goSumModules !== undefined ? 'go.sum' : 'go.mod'} at a stated 5 MB each (source and zip)` : `${HEURISTIC} (go.mod not seen)`, ['/go/pkg/mod', '/root/go/pkg/mod']));
  };
  if (sub === 'mod' && args[1] === 'download') modules();
  else if (sub === 'build' || sub === 'install') {
    modules();
    const out = flagValue(args, ['-o']);
    const target = out ? resolvePath(cwd, out) : sub === 'install' ? '/go/bin' : cwd;
    const n = moduleCount ?? 20;
    const stripped = /-s -w|-ldflags[= ]["']?-s/.test(ctx.script);
    push(item(`go ${sub} binary`, 'product', figure((stripped ? 6 : 8) * MB + n * 0.4 * MB, 2.3, 2), `heuristic: ${stripped ? 'stripped ' : ''}binary of 8 MB plus 0.4 MB per module`, [target]));
    if (!ctx.stageHas.has('go-build-cache')) {
      ctx.stageHas.add('go-build-cache');
      // The compiled standard-library packages and modules stay in GOCACHE.
      push(item('Go build cache (/root/.cache/go-build)', 'cache', figure(50 * MB + n * 3 * MB, 3.5, 2), `heuristic: 50 MB of compiled standard library plus 3 MB per module (${moduleCount ?? 'unknown, 20 assumed'})`, ['/root/.cache/go-build']));
    }
  } else if (sub === 'clean') {
    if (args.includes('-cache')) removeUnder('/root/.cache/go-build');
    if (args.includes('-modcache')) {
      removeUnder('/go/pkg/mod');
      removeUnder('/root/go/pkg/mod');
    }
  }
}

function mavenCommand(args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void): void {
  const goals = args.filter((a) => !a.startsWith('-'));
  if (!goals.length) return;
  if (!ctx.stageHas.has('m2')) {
    ctx.stageHas.add('m2');
    const n = ctx.manifests.mavenDependencies;
    push(item('Maven repository (~/.m2)', 'cache', figure(60 * MB + (n ?? 25) * 4 * MB, 1.15, 2.5), `heuristic: 60 MB of Maven plugins plus 4 MB per dependency (${n !== undefined ? `${n} in pom.xml` : 'pom.xml not seen, 25 assumed'})`, ['/root/.m2']));
  }
  if (goals.some((g) => /^(package|install|verify|deploy)$/.test(g))) {
    push(item('Maven build output (target/*.jar)', 'product', figure(45 * MB, 1.15, 2.5), HEURISTIC, [resolvePath(cwd, 'target')]));
  }
}

function gradleCommand(tool: string, args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void): void {
  const tasks = args.filter((a) => !a.startsWith('-'));
  if (!tasks.length) return;
  if (!ctx.stageHas.has('gradle')) {
    ctx.stageHas.add('gradle');
    const wrapper = tool === 'gradlew';
    push(item(`Gradle caches (~/.gradle${wrapper ? ', wrapper distribution' : ''})`, 'cache', figure((wrapper ? 330 : 180) * MB, 1.3, 2.5), HEURISTIC, ['/root/.gradle', '/home/gradle/.gradle']));
  }
  if (tasks.some((t) => /build|assemble|jar|bootJar|installDist|shadowJar/.test(t))) {
    push(item('Gradle build output (build/libs)', 'product', figure(45 * MB, 1.15, 2.5), HEURISTIC, [resolvePath(cwd, 'build')]));
  }
}

function cargoCommand(args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void): void {
  const sub = args[0];
  if (sub !== 'build' && sub !== 'install' && sub !== 'fetch') return;
  const locked = ctx.manifests.cargoLockPackages;
  const direct = ctx.manifests.cargoDirectDependencies;
  // Without a lock, a direct dependency brings about 8 crates with it (a stated default).
  const crates = locked ?? (direct !== undefined ? direct * 8 : undefined);
  const basis = locked !== undefined ? `Cargo.lock: ${locked} crates` : direct !== undefined ? `Cargo.toml: ${direct} direct dependencies, ~8 crates each assumed` : 'Cargo.toml not seen: 80 crates assumed';
  const n = crates ?? 80;
  if (!ctx.stageHas.has('cargo-registry') && n > 0) {
    ctx.stageHas.add('cargo-registry');
    push(item('Cargo registry (~/.cargo/registry)', 'cache', figure(n * 1.5 * MB, 3.5, crates !== undefined ? 2.5 : 3), `${basis}, at a stated 1.5 MB each (.crate and unpacked source)`, ['/usr/local/cargo/registry', '/root/.cargo/registry']));
  }
  if (sub === 'build') {
    const release = args.includes('--release') || args.includes('-r');
    // target/ holds every crate's compiled artifacts and the incremental/dependency data.
    const perCrate = release ? 3 : 6;
    push(item(`cargo build target dir (${release ? 'release' : 'debug'})`, 'cache', figure(5 * MB + n * perCrate * MB, 3.5, crates !== undefined ? 2.5 : 3), `${basis}; heuristic: 5 MB plus ${perCrate} MB per crate in a ${release ? 'release' : 'debug'} build`, [resolvePath(cwd, 'target')]));
    push(item('cargo build binary', 'product', figure(4 * MB + n * 0.1 * MB, 2.3, 2.5), `${basis}; heuristic: 4 MB plus 0.1 MB per crate`, [resolvePath(cwd, `target/${release ? 'release' : 'debug'}`)]));
  } else if (sub === 'install') {
    push(item(`cargo install ${positional(args).slice(1).join(' ')}`, 'product', figure(12 * MB, 2.3, 2.5), HEURISTIC, ['/usr/local/cargo/bin', '/root/.cargo/bin']));
  }
}

function dotnetCommand(args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void): void {
  const sub = args[0];
  if (!['restore', 'build', 'publish'].includes(sub)) return;
  if (!ctx.stageHas.has('nuget') && !args.includes('--no-restore')) {
    ctx.stageHas.add('nuget');
    push(item('NuGet packages (~/.nuget/packages)', 'cache', figure(150 * MB, 2.5, 2.5), HEURISTIC, ['/root/.nuget']));
  }
  if (sub === 'publish') {
    const out = flagValue(args, ['-o', '--output']);
    const selfContained = args.some((a) => a === '--self-contained' || a.startsWith('--self-contained=true')) || args.includes('-r') || args.includes('--runtime');
    push(item(`dotnet publish${selfContained ? ' (self-contained)' : ''}`, 'product', figure((selfContained ? 150 : 40) * MB, 2.5, 2.5), HEURISTIC, [out ? resolvePath(cwd, out) : resolvePath(cwd, 'bin')]));
  } else if (sub === 'build') {
    push(item('dotnet build output (bin/obj)', 'cache', figure(40 * MB, 2.5, 3), HEURISTIC, [resolvePath(cwd, 'bin'), resolvePath(cwd, 'obj')]));
  }
}
