/** Compiled stacks and build tools: go, maven, gradle, cargo, dotnet, rustup, make/ninja/cmake. */
import { MB, figure, item } from '../figures';
import type { LayerItem } from '../types';
import { flagValue, positional, resolvePath } from './args';
import { HEURISTIC, type RunContext, type RunState } from './types';
import { MAVEN_TARGET_GOALS } from '../../stacks';

/** go build/install/mod download. */
export function goToolCommand(s: RunState, _base: string, args: string[]): void {
  goCommand(args, s.ctx, s.cwd, s.push, s.removeUnder);
}

/** mvn, mvnw. */
export function mavenToolCommand(s: RunState, _base: string, args: string[]): void {
  mavenCommand(args, s.ctx, s.cwd, s.push);
}

/** gradle, gradlew. */
export function gradleToolCommand(s: RunState, base: string, args: string[]): void {
  gradleCommand(base, args, s.ctx, s.cwd, s.push);
}

/** cargo build/install/fetch. */
export function cargoToolCommand(s: RunState, _base: string, args: string[]): void {
  cargoCommand(args, s.ctx, s.cwd, s.push);
}

/** dotnet restore/build/publish. */
export function dotnetToolCommand(s: RunState, _base: string, args: string[]): void {
  dotnetCommand(args, s.ctx, s.cwd, s.push);
}

/** rustup target|component add. */
export function rustupCommand(s: RunState, _base: string, args: string[]): void {
  if (args[0] === 'target' || args[0] === 'component') s.push(item(`rustup ${args.slice(0, 3).join(' ')}`, 'toolchain', figure(150 * MB, 3, 2), HEURISTIC, ['/usr/local/rustup']));
}

/** make/ninja/cmake --build: a build tree, or what make install installs. */
export function makeCommand(s: RunState, base: string, args: string[]): void {
  if (base === 'cmake' && !args.includes('--build')) return;
  const targets = positional(args, ['-C', '-f', '-j', '-l', '-o', '-W', '--directory', '--file']).filter((a) => !a.includes('='));
  // Configuration, cleaning and checks build nothing that stays.
  if (targets.length && targets.every((t) => /config$|^clean$|^distclean$|^help$|^check$|^test$|^lint$/.test(t))) return;
  const dir = flagValue(args, ['-C', '--directory']);
  const tree = dir && !dir.startsWith('$') ? s.abs(dir) : s.cwd;
  if (targets.some((t) => /^install/.test(t))) {
    // One product per RUN: `make install` after `make` installs what the build tree holds.
    if (!s.artifacts.size && !s.built.has('make-install')) {
      s.built.add('make-install');
      s.push(item('make install (built from source)', 'product', figure(20 * MB, 3, 4), HEURISTIC, ['/usr/local']));
    }
  } else if (!s.built.has(`make:${tree}`)) {
    s.built.add(`make:${tree}`);
    s.push(item(`build tree (make${dir ? ` -C ${dir}` : ''})`, s.artifacts.has('python') ? 'cache' : 'product', figure(60 * MB, 3, 4), HEURISTIC, [tree]));
  }
}

/** Go: module downloads from go.sum, a binary, and the build cache `go build` keeps (unless a cache mount holds it). */
export function goCommand(args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void, removeUnder: (p: string) => void): void {
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
    // `-ldflags "-s -w"`, `-ldflags=-s`: the value is one word of the command model.
    const stripped = ctx.words.some((w, i) => /-s -w|^--?ldflags=-s/.test(w) || (/^--?ldflags$/.test(w) && /^-s\b/.test(ctx.words[i + 1] ?? '')));
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

export function mavenCommand(args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void): void {
  const goals = args.filter((a) => !a.startsWith('-'));
  if (!goals.length) return;
  if (!ctx.stageHas.has('m2')) {
    ctx.stageHas.add('m2');
    const n = ctx.manifests.mavenDependencies;
    push(item('Maven repository (~/.m2)', 'cache', figure(60 * MB + (n ?? 25) * 4 * MB, 1.15, 2.5), `heuristic: 60 MB of Maven plugins plus 4 MB per dependency (${n !== undefined ? `${n} in pom.xml` : 'pom.xml not seen, 25 assumed'})`, ['/root/.m2']));
  }
  if (goals.some((g) => MAVEN_TARGET_GOALS.includes(g))) {
    push(item('Maven build output (target/*.jar)', 'product', figure(45 * MB, 1.15, 2.5), HEURISTIC, [resolvePath(cwd, 'target')]));
  }
}

export function gradleCommand(tool: string, args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void): void {
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

export function cargoCommand(args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void): void {
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

export function dotnetCommand(args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void): void {
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
