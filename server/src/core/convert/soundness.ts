/**
 * What the runtime stage of a conversion must keep, and the facts without which no conversion is sound:
 * tool and package images (the toolchain or an installed package is the product), packages installed for
 * run time, context files copied outside the build directories, users the final USER names, files a RUN
 * writes outside what the runtime stage copies. Each check either says what the runtime stage gets or
 * returns the reason the conversion is refused.
 */
import type { Analysis } from './analyze';
import { commandsOf, isRuntimeSetup, isToolchainPackage } from './analyze';
import { argsOf, programOf, subcommand, type ShellCommand } from '../commands';
import { packageInstallOf } from '../commands';
import { resolvePath } from './layout';
import type { Item } from './types';
import { basename, stepDir } from './recipes/common';
import { CPP_BUILD_PROGRAMS, JAVA_COMPILERS, namedIn, PROFILES } from '../stacks';

const SHELLS = /^(bash|sh|zsh|ash|dash|fish|ksh)$/;
/** Programs whose presence as the command means the image is a build or packaging tool: compilers (the profiles'), packagers, image builders, build systems. */
const TOOL_PROGRAMS = [...CPP_BUILD_PROGRAMS, ...JAVA_COMPILERS, 'goreleaser', 'golangci-lint', 'fpm', 'rpmbuild', 'dpkg-buildpackage', 'debuild', 'buildah', 'kaniko', 'executor', 'bazel', 'bazelisk', 'protoc'];
/** Interpreters a Dockerfile may install from packages to run its own code (not a package image). */
const INTERPRETERS = /^(python|python3|python2|node|nodejs|java|ruby|perl|php|bash|sh)$/;

/** The line of an item (1-based) for messages. */
export function lineOf(item: Item): number {
  return item.instruction.getRange().start.line + 1;
}

/** Why the image is a tool or package image (not an app build), or undefined. */
export function toolImageReason(a: Analysis, stack: string): string | undefined {
  const words = a.command;
  if (!words.length) return 'the image sets no CMD or ENTRYPOINT: a base or tool image, not an app whose runtime can be told apart';
  const program = basename(words[0]);
  if (SHELLS.test(program) && !words.includes('-c')) return `the container starts a shell (\`${words.join(' ')}\`): a tool or CI image whose toolchain is the product, not an app build`;
  if (TOOL_PROGRAMS.includes(program)) return `the container runs the build tool \`${program}\`: a tool or packaging image whose toolchain is the product, not an app build`;
  if (stack === 'spa') return undefined;
  const packages = new Set(a.packages.map((p) => p.replace(/[=:].*$/, '')));
  for (const w of words) {
    const name = basename(w);
    if (!w.startsWith('-') && packages.has(name) && !INTERPRETERS.test(name)) {
      return `the container runs \`${name}\`, which the Dockerfile installs as a package: a package or service image (the package and its configuration are the product), not an app build`;
    }
  }
  return undefined;
}

export interface PackageInstall {
  manager: 'apt' | 'apk' | 'yum';
  packages: string[];
  virtual?: string;
}

/** Options of apt/apk/yum that take a value. */
const VALUE_OPTIONS = ['--virtual', '-t', '-o', '--option', '--target-release', '-X', '--repository'];

/** The OS package install a command runs (apt/apk/yum), its packages as written (version pins kept) and an apk virtual name. */
function osInstallOf(cmd: ShellCommand): PackageInstall | undefined {
  const install = packageInstallOf(cmd);
  if (!install || (install.manager !== 'apt' && install.manager !== 'apk' && install.manager !== 'yum')) return undefined;
  const words = install.args.map((w) => w.text);
  const packages: string[] = [];
  let virtual: string | undefined;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (VALUE_OPTIONS.includes(w)) {
      if (w === '--virtual' || w === '-t') virtual = words[k + 1];
      k++;
      continue;
    }
    if (w.startsWith('--virtual=')) virtual = w.slice('--virtual='.length);
    if (w.startsWith('-') || w.startsWith('$') || w.startsWith('.') || w.includes('/') || /^\d/.test(w)) continue;
    packages.push(w);
  }
  return { manager: install.manager, packages, virtual };
}

/** Package installs of a RUN (its commands on the command model), as written, with the package manager and an apk virtual name. */
export function packageInstallsOf(a: Analysis, item: Item): PackageInstall[] {
  return commandsOf(a, item).map(osInstallOf).filter((x): x is PackageInstall => !!x);
}

/** Packages a command removes again (apt-get purge/remove, apk del). */
function removedPackages(cmd: ShellCommand): string[] {
  const program = programOf(cmd);
  const args = argsOf(cmd);
  const verb = subcommand(args);
  const removes = ((program === 'apt-get' || program === 'apt') && (verb?.text === 'purge' || verb?.text === 'remove')) || (program === 'apk' && verb?.text === 'del');
  return removes ? args.filter((w) => w !== verb && !w.text.startsWith('-')).map((w) => w.text) : [];
}

export interface RuntimePackages {
  manager?: 'apt' | 'apk' | 'yum';
  /** Packages (as written) installed by RUNs that stay in the build stage and that a build does not need alone. */
  packages: string[];
}

/** Packages the runtime may use that a RUN staying in the build stage installs (runtime-setup RUNs move whole). */
export function runtimePackages(a: Analysis, buildSteps: number[]): RuntimePackages {
  const packages: string[] = [];
  let manager: RuntimePackages['manager'];
  const removed = new Set(a.items.filter((i) => i.keyword === 'RUN').flatMap((i) => commandsOf(a, i).flatMap(removedPackages)));
  for (const item of a.items) {
    if (item.keyword !== 'RUN') continue;
    if (!buildSteps.includes(item.position) && isRuntimeSetup(a, item)) continue;
    for (const install of packageInstallsOf(a, item)) {
      if (install.virtual && removed.has(install.virtual)) continue;
      for (const p of install.packages) {
        if (isToolchainPackage(p) || removed.has(p.replace(/[=:].*$/, '')) || packages.includes(p)) continue;
        manager = manager ?? install.manager;
        packages.push(p);
      }
    }
  }
  return { manager, packages };
}

/** Context COPY/ADD (no --from) with the paths they write, resolved. */
export function contextCopies(a: Analysis): { item: Item; destination: string }[] {
  const out: { item: Item; destination: string }[] = [];
  for (const item of a.items) {
    if (item.keyword !== 'COPY' && item.keyword !== 'ADD') continue;
    if (/(^|\s)--from[= ]/.test(item.args)) continue;
    let words: string[];
    const rest = item.args.replace(/^(--\S+\s+)+/, '').trim();
    if (rest.startsWith('[')) {
      try {
        words = JSON.parse(rest);
      } catch {
        continue;
      }
    } else words = rest.split(/\s+/);
    if (words.length < 2) continue;
    out.push({ item, destination: resolvePath(words[words.length - 1], item.workdir) });
  }
  return out;
}

/** Context copies a later whole-context copy (`COPY . <dir>`) into a directory holding them supersedes. */
export function superseded(a: Analysis): Set<number> {
  const copies = contextCopies(a);
  const out = new Set<number>();
  copies.forEach((c, k) => {
    for (const later of copies.slice(k + 1)) {
      const sources = later.item.args.replace(/^(--\S+\s+)+/, '').trim().split(/\s+/).slice(0, -1);
      if (sources.some((x) => x === '.' || x === './') && within(c.destination, later.destination)) out.add(c.item.position);
    }
  });
  return out;
}

/** Whether path p is q or inside it. */
export function within(p: string, q: string): boolean {
  return p === q || q === '/' || p.startsWith(`${q.replace(/\/$/, '')}/`);
}

/** The directories the build steps run in. */
export function buildDirs(a: Analysis, buildSteps: number[]): string[] {
  return [...new Set(buildSteps.map((p) => stepDir(a, p).dir))];
}

/**
 * Context copies whose destination lies outside every build directory (`COPY fixtures /fixtures`): the
 * build does not consume them, so the app may read them at run time; they are copied again, from the
 * context, into the runtime stage.
 */
export function runtimeContextCopies(a: Analysis, buildSteps: number[]): Item[] {
  const dirs = buildDirs(a, buildSteps);
  return contextCopies(a)
    .filter(({ destination }) => !dirs.some((d) => within(destination, d) || within(d, destination)))
    .map((c) => c.item);
}

/**
 * Files of a build context that are only sources or project metadata (no assets a program reads at run time):
 * the project files any stack has, and each stack's sources (its profile's `sourceFiles`, `sourceDirs`).
 */
const SOURCE_FILES: (string | RegExp)[] = [/.*\.md/, /README.*/, /LICENSE.*/, 'COPYING', /Dockerfile.*/, '.dockerignore', '.gitignore', '.editorconfig', ...PROFILES.flatMap((p) => p.sourceFiles)];
const SOURCE_DIRS = ['src', '.git', '.github', 'build', 'test', 'tests', ...PROFILES.flatMap((p) => p.sourceDirs)];

/** Whether the build context was read and holds nothing but sources (then no asset needs copying). */
export function contextHoldsOnlySources(a: Analysis): boolean {
  const f = a.facts;
  if (!f || !f.dirs) return false;
  return f.files.every((x) => namedIn(x, SOURCE_FILES)) && f.dirs.every((d) => SOURCE_DIRS.includes(d));
}

/** Users every Debian/Ubuntu-based image has (base-passwd), and the ones official images add. */
const SYSTEM_USERS = /^(root|daemon|bin|sys|sync|games|man|lp|mail|news|uucp|proxy|www-data|backup|list|irc|gnats|nobody|_apt)$/;

/**
 * The final USER must exist in the runtime stage: created by a RUN that moves there, a system user of a
 * Debian-family runtime, or a user of the same image family. Returns the reason when that cannot be shown.
 */
export function userReason(a: Analysis, movedRuns: Set<number>, runtimeBase: string, runtimeShell: 'apk' | 'apt' | 'none'): string | undefined {
  const raw = a.user;
  if (!raw) return undefined;
  const name = raw.split(':')[0];
  if (/^\d+$/.test(name) || name === 'root' || /^\$/.test(name)) return undefined;
  const creating = a.items.find((i) => i.keyword === 'RUN' && commandsOf(a, i).some((cmd) => ['adduser', 'useradd'].includes(programOf(cmd)) && argsOf(cmd).some((w) => w.text === name)));
  if (creating) {
    if (movedRuns.has(creating.position)) return undefined;
    return `USER ${name} is created by the RUN on line ${lineOf(creating)}, which also does build work: the runtime stage would not have the user`;
  }
  if (runtimeShell === 'none') {
    if (name === 'nobody' || name === 'nonroot') return undefined;
    return `USER ${name} is not created in the Dockerfile and ${runtimeBase} does not have it`;
  }
  if (SYSTEM_USERS.test(name)) return undefined;
  if (name === 'node' && /(^|\/)node:/.test(runtimeBase)) return undefined;
  const sameRepository = runtimeBase.split(':')[0] === a.base.resolved.split(':')[0];
  if (sameRepository) return undefined;
  return `USER ${name} is not created in the Dockerfile (it comes with ${a.base.resolved}); ${runtimeBase} is not known to have it`;
}

/** Paths where a build writes only for itself: scratch, package lists, logs, and each stack's caches and toolchains (its profile's `buildCaches`). */
const BUILD_ONLY_PATHS = ['/usr/src', '/tmp', '/var/tmp', '/root/.cache', '/var/lib/apt', '/var/cache', '/etc/apt', '/usr/share/keyrings', '/etc/apk', '/var/log', '/dev/null', '/dev/stdout', '/dev/stderr', ...PROFILES.flatMap((p) => p.buildCaches)];

/** Paths a RUN's commands write explicitly (mkdir, redirection, cp/mv/ln/install targets, -o/-O/-C/-d), resolved; `cd` followed. */
export function writtenPaths(item: Item, a: Analysis): string[] {
  const commands = commandsOf(a, item);
  let dir = item.workdir;
  const out: string[] = [];
  const add = (p: string | undefined) => {
    if (!p || /[$`*?]/.test(p) || p.startsWith('-')) return;
    out.push(resolvePath(p, dir));
  };
  commands.forEach((command, index) => {
    for (const w of command.writes ?? []) add(w.text);
    const cmd = programOf(command);
    const words = argsOf(command).map((w) => w.text);
    const args = words.filter((w) => !w.startsWith('-'));
    if (cmd === 'cd') {
      if (args[0] && !/[$`]/.test(args[0])) dir = resolvePath(args[0], dir);
    } else if (cmd === 'mkdir') {
      // A directory the same RUN builds into (`mkdir build && cd build`, `javac -d build/classes`) is scratch.
      const later = commands
        .slice(index + 1)
        .filter((c) => !['chown', 'chmod', 'chgrp', 'ln', 'touch', 'setfacl'].includes(programOf(c)))
        .map((c) => [...c.words, ...(c.writes ?? [])].map((w) => w.text).join(' '))
        .join(' ');
      args.filter((w) => !later.includes(w.replace(/\/$/, ''))).forEach(add);
    } else if (cmd === 'touch' || cmd === 'tee') args.forEach(add);
    else if (cmd === 'cp' || cmd === 'mv' || cmd === 'ln' || cmd === 'install' || cmd === 'rsync') {
      const t = words.indexOf('-t');
      add(t >= 0 ? words[t + 1] : args[args.length - 1]);
    } else if (cmd === 'sed' && words.some((w) => /^-i/.test(w))) add(args[args.length - 1]);
    else if (cmd === 'curl' || cmd === 'wget') {
      for (const w of words) {
        const joined = /^(?:-[a-zA-Z]*[oO]|--output(?:-document)?=)(\/\S+)$/.exec(w);
        if (joined) add(joined[1]);
      }
    }
    for (let k = 0; k < words.length - 1; k++) {
      if ((cmd === 'curl' && (words[k] === '-o' || words[k] === '--output')) || (cmd === 'wget' && words[k] === '-O') || (cmd === 'tar' && words[k] === '-C') || (cmd === 'unzip' && words[k] === '-d')) add(words[k + 1]);
    }
  });
  return [...new Set(out)];
}

/** Paths `rm` removes in a RUN, resolved (`cd` followed). */
function removedPaths(a: Analysis, item: Item): string[] {
  const out: string[] = [];
  let dir = item.workdir;
  for (const cmd of commandsOf(a, item)) {
    const program = programOf(cmd);
    const args = argsOf(cmd).map((w) => w.text).filter((w) => !w.startsWith('-'));
    if (program === 'cd' && args[0] && !/[$`]/.test(args[0])) dir = resolvePath(args[0], dir);
    else if (program === 'rm') out.push(...args.filter((w) => !/[$`*]/.test(w)).map((w) => resolvePath(w, dir)));
  }
  return out;
}

/**
 * A RUN that stays in the build stage and writes a path the runtime stage neither copies nor recreates: the
 * runtime would lack it. Returns the reason for the first one found.
 */
export function lostWritesReason(a: Analysis, movedRuns: Set<number>, kept: string[], droppedRuns: Set<number> = new Set()): string | undefined {
  // Paths some RUN removes again (`rm -rf /usr/src/app`, a downloaded tarball) were scratch.
  const removed = a.items.filter((i) => i.keyword === 'RUN').flatMap((i) => removedPaths(a, i));
  for (const item of a.items) {
    if (item.keyword !== 'RUN' || movedRuns.has(item.position) || droppedRuns.has(item.position)) continue;
    for (const p of writtenPaths(item, a)) {
      if (BUILD_ONLY_PATHS.some((b) => within(p, b)) || removed.some((r) => within(p, r))) continue;
      // Kept by the runtime stage, or a directory made to hold something it keeps.
      if (kept.some((k) => within(p, k) || within(k, p))) continue;
      return `the RUN on line ${lineOf(item)} writes ${p}, which the runtime stage would not have (it copies ${kept.join(', ') || 'nothing else'})`;
    }
  }
  return undefined;
}

/** A COPY destination without glob characters: the directory when only the file name is a pattern. */
export function safeDestination(destination: string): string | undefined {
  if (!/[*?[]/.test(destination)) return destination;
  const slash = destination.lastIndexOf('/');
  const dir = destination.slice(0, slash + 1);
  if (!dir || /[*?[]/.test(dir)) return undefined;
  return dir;
}
