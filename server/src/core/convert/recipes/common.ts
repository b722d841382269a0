/** Helpers the recipes share: runtime bases per distro family, runtime libraries, the command's program. */
import type { Analysis } from '../analyze';
import { argsOf, programOf, type ShellCommand } from '../../commands';
import { commandsOf, isToolchainPackage } from '../analyze';
import { normalizePath, resolvePath } from '../layout';
import type { Item } from '../types';
import { DEBIAN_RELEASES, slimTag } from '../../stacks';
import { trimTrailingSlashes } from '../../text';

/** Debian release used when the original base does not name one: the newest, whose glibc runs binaries linked against older ones. */
export const DEFAULT_CODENAME = 'trixie';
export const ALPINE_RUNTIME = 'alpine:3.20';

export function codenameOf(tag: string): string | undefined {
  return Object.keys(DEBIAN_RELEASES).find((c) => tag.includes(c));
}

export function debianVersion(codename: string): string {
  return DEBIAN_RELEASES[codename] ?? '12';
}

/**
 * The Debian release of a Debian-based base image: named in the tag, or the release the image's tags
 * without a release name were built on for versions released before Debian 13 (golang <= 1.23,
 * rust <= 1.88, gcc <= 14: bookworm). Undefined when it cannot be told.
 */
export function debianReleaseOf(a: Analysis): string | undefined {
  const named = codenameOf(a.base.tag);
  if (named) return named;
  const m = /^(\d+)(?:\.(\d+))?/.exec(a.base.tag);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = m[2] !== undefined ? Number(m[2]) : undefined;
  if (a.base.short === 'golang' && major === 1 && minor !== undefined && minor >= 20 && minor <= 23) return 'bookworm';
  if (a.base.short === 'rust' && major === 1 && minor !== undefined && minor >= 70 && minor <= 88) return 'bookworm';
  if (a.base.short === 'gcc' && major >= 12 && major <= 14) return 'bookworm';
  if (a.base.short === 'debian' && /^\d+$/.test(a.base.tag)) return { 13: 'trixie', 12: 'bookworm', 11: 'bullseye', 10: 'buster' }[major];
  return undefined;
}

/**
 * A small base with a shell, in the original's distro family and Debian release (so its apt/apk RUN lines
 * and the binaries built on it still work); a reason when the release cannot be told.
 */
export function shellBase(a: Analysis): { image: string; shell: 'apk' | 'apt' } | string {
  if (a.base.family === 'alpine') {
    if (a.base.short === 'alpine') return { image: a.base.resolved, shell: 'apk' };
    const m = /alpine(3\.\d+)/.exec(a.base.tag);
    return { image: m ? `alpine:${m[1]}` : ALPINE_RUNTIME, shell: 'apk' };
  }
  if (a.base.family === 'ubuntu' && a.base.short === 'ubuntu') return { image: a.base.resolved, shell: 'apt' };
  if (a.base.short === 'debian') {
    const slim = slimTag('debian', a.base.tag);
    return { image: slim === undefined || slim === a.base.tag ? a.base.resolved : `debian:${slim}`, shell: 'apt' };
  }
  if (a.base.family === 'other') return `the distribution of ${a.base.resolved} cannot be told from its name: no runtime base of the same distribution and release is known`;
  const release = debianReleaseOf(a);
  if (!release) return `the Debian release of ${a.base.resolved} is not named in its tag (add -bookworm or -trixie to the FROM): the runtime base must be the same release`;
  return { image: `debian:${slimTag('debian', release)}`, shell: 'apt' };
}

/** Runtime packages for the -dev packages a build installed (Debian names per release; Alpine mostly drops -dev). */
const DEBIAN_RUNTIME: Record<string, string> = {
  'libsqlite3-dev': 'libsqlite3-0',
  'libpq-dev': 'libpq5',
  'zlib1g-dev': 'zlib1g',
  'libcurl4-openssl-dev': 'libcurl4',
  'libjpeg-dev': 'libjpeg62-turbo',
  'libpng-dev': 'libpng16-16',
  'libxml2-dev': 'libxml2',
  'libffi-dev': 'libffi8',
  'libyaml-dev': 'libyaml-0-2',
  'libpcap-dev': 'libpcap0.8',
  'libmariadb-dev': 'libmariadb3',
  'default-libmysqlclient-dev': 'libmariadb3',
  'libgmp-dev': 'libgmp10',
  'libzmq3-dev': 'libzmq5',
  'libsodium-dev': 'libsodium23',
  'libev-dev': 'libev4',
  'libevent-dev': 'libevent-2.1-7',
  'libpcre3-dev': 'libpcre3',
  'nlohmann-json3-dev': '',
  'libboost-all-dev': 'libboost-all-dev',
};
const DEBIAN_SSL: Record<string, string> = { trixie: 'libssl3t64', bookworm: 'libssl3', bullseye: 'libssl1.1', buster: 'libssl1.1', stretch: 'libssl1.1' };
const ALPINE_RUNTIME_PKG: Record<string, string> = { 'sqlite-dev': 'sqlite-libs', 'openssl-dev': 'libssl3', 'libressl-dev': 'libressl', 'postgresql-dev': 'libpq', 'libpq-dev': 'libpq', 'musl-dev': '', 'linux-headers': '', 'libc-dev': '' };

export interface RuntimeLibs {
  packages: string[];
  /** -dev packages whose runtime library is not known. */
  unknown: string[];
}

export function runtimeLibraries(a: Analysis, shell: 'apk' | 'apt', image: string): RuntimeLibs {
  const packages: string[] = [];
  const unknown: string[] = [];
  const dev = [...new Set(a.packages.filter((p) => /-dev$/.test(p)))].sort();
  const codename = codenameOf(image) ?? DEFAULT_CODENAME;
  for (const p of dev) {
    if (shell === 'apk') {
      const mapped = p in ALPINE_RUNTIME_PKG ? ALPINE_RUNTIME_PKG[p] : p.replace(/-dev$/, '');
      if (mapped) packages.push(mapped);
    } else if (p === 'libssl-dev') packages.push(DEBIAN_SSL[codename] ?? 'libssl3');
    else if (p in DEBIAN_RUNTIME) {
      if (DEBIAN_RUNTIME[p]) packages.push(DEBIAN_RUNTIME[p]);
    } else if (!/^(libc6-dev|linux-libc-dev|python3?-dev)$/.test(p)) unknown.push(p);
  }
  if (shell === 'apk' && a.packages.some((p) => /^(g\+\+|build-base|clang)$/.test(p))) packages.push('libstdc++', 'libgcc');
  return { packages: [...new Set(packages)].sort(), unknown };
}

export function installLine(shell: 'apk' | 'apt', packages: string[]): string {
  if (shell === 'apk') return `RUN apk add --no-cache ${packages.join(' ')}`;
  return `RUN apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')} && rm -rf /var/lib/apt/lists/*`;
}

/** The program the container starts, resolved to an absolute path when it is written as a path. */
export function programPath(a: Analysis): { program: string; path?: string } | undefined {
  // A shell script (`cd x && ./a`, `sleep 2; ./a`) has no single program: artifacts keep their paths.
  if (a.shellScript) return undefined;
  const program = a.command[0];
  if (!program) return undefined;
  if (program.includes('/')) return { program, path: resolvePath(program, a.finalWorkdir) };
  return { program };
}

export const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function inPath(p: string): boolean {
  return PATH_DIRS.includes(dirname(p));
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  return trimTrailingSlashes(p).split('/').pop() ?? p;
}

/** The build step item and the directory its last command runs in (its `cd DIR` commands followed). */
export function stepDir(a: Analysis, position: number): { item: Item; dir: string } {
  const item = a.items.find((i) => i.position === position)!;
  let dir = item.workdir;
  for (const cmd of commandsOf(a, item)) dir = cdTarget(cmd, dir);
  return { item, dir };
}

/** The directory after a command: a `cd DIR` moves there, anything else stays. */
function cdTarget(cmd: ShellCommand, dir: string): string {
  const to = programOf(cmd) === 'cd' ? argsOf(cmd)[0]?.text : undefined;
  return to && !to.startsWith('-') ? resolvePath(to, dir) : dir;
}

/** The first command of a RUN that `match` accepts, and the directory it runs in (the `cd DIR` commands before it followed). */
export function commandDir(a: Analysis, item: Item, match: (cmd: ShellCommand) => boolean): { cmd: ShellCommand; dir: string } | undefined {
  let dir = item.workdir;
  for (const cmd of commandsOf(a, item)) {
    if (match(cmd)) return { cmd, dir };
    dir = cdTarget(cmd, dir);
  }
  return undefined;
}

/**
 * The build command of the RUN at `position` (its first command `match` accepts): its program, argument texts
 * and the directory it runs in. A RUN without one gives no program, no arguments and its WORKDIR.
 */
export function buildCommandAt(a: Analysis, position: number, match: (cmd: ShellCommand) => boolean): { program: string; args: string[]; dir: string } {
  const item = a.items.find((i) => i.position === position)!;
  const found = commandDir(a, item, match);
  return found ? { program: programOf(found.cmd), args: argsOf(found.cmd).map((w) => w.text), dir: found.dir } : { program: '', args: [], dir: item.workdir };
}

/** The value of an option (`-o out`, `-o=out`, `--output=out`), for the first of `names` given. */
export function optionValue(args: string[], names: string[]): string | undefined {
  for (let k = 0; k < args.length; k++) {
    if (names.includes(args[k]) && k + 1 < args.length) return args[k + 1];
    const eq = args[k].indexOf('=');
    if (eq > 0 && names.includes(args[k].slice(0, eq))) return args[k].slice(eq + 1);
  }
  return undefined;
}

export function hasToolchain(a: Analysis): boolean {
  return a.packages.some(isToolchainPackage);
}

export function joinPath(dir: string, rel: string): string {
  return normalizePath(`${dir}/${rel}`);
}

/** Whether the text sets CGO_ENABLED to 1 or installs a C toolchain next to Go. */
export function mentions(a: Analysis, re: RegExp): boolean {
  return a.items.some((i) => re.test(i.args));
}
