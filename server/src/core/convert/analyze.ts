/**
 * What the conversions read from a single-stage Dockerfile: the base image, the command the container
 * runs, the packages installed, the build steps, and a classification of each RUN.
 */
import type { DockerfileModel, Stage } from '../model';
import { unquote } from '../model';
import { Layout, layout as cut, resolvePath } from './layout';
import type { ContextFacts, Item } from './types';

export type Family = 'alpine' | 'debian' | 'ubuntu' | 'other';

export interface BaseInfo {
  /** FROM text as written. */
  text: string;
  resolved: string;
  registry?: string;
  repository: string;
  /** Last path element of the repository (`golang`, `sdk`, `node`). */
  short: string;
  tag: string;
  family: Family;
}

export interface Analysis {
  model: DockerfileModel;
  layout: Layout;
  stage: Stage;
  base: BaseInfo;
  /** Instructions before the first FROM. */
  globalItems: Item[];
  /** FROM first. */
  items: Item[];
  /** The command the container runs: ENTRYPOINT + CMD tokens (shell form split on blanks), `exec` dropped. */
  command: string[];
  /** CMD/ENTRYPOINT are in exec form (no shell needed to start). */
  execForm: boolean;
  /** WORKDIR in effect at the end of the stage. */
  finalWorkdir: string;
  /** Packages installed by apt-get/apk/yum/dnf anywhere. */
  packages: string[];
  /** USER in effect at the end, if any. */
  user?: string;
  facts?: ContextFacts;
}

export function analyse(model: DockerfileModel, facts?: ContextFacts): Analysis | string {
  if (model.binary) return 'the file is not a Dockerfile (binary content)';
  if (model.stages.length === 0) return 'the file has no FROM instruction';
  if (model.stages.length > 1) return 'the Dockerfile is already multi-stage';
  const stage = model.stages[0];
  if (stage.base.kind !== 'image' || !stage.base.name) return stage.base.kind === 'scratch' ? 'the stage starts FROM scratch: there is no build to split' : 'the base image of the stage cannot be read';
  if (stage.base.unresolved.length) return `the base image depends on ARG ${stage.base.unresolved.join(', ')} without a default`;
  if (model.escapeChar === '`' || /windows|nanoserver|servercore|powershell/i.test(stage.base.resolvedText)) return 'Windows images are not converted';
  const lay = cut(model);
  const firstFrom = lay.items.findIndex((i) => i.keyword === 'FROM');
  const globalItems = lay.items.slice(0, firstFrom);
  const items = lay.items.slice(firstFrom);
  const name = stage.base.name;
  const short = name.repository.split('/').pop() ?? name.repository;
  const tag = name.tag ?? 'latest';
  const base: BaseInfo = { text: stage.base.text, resolved: stage.base.resolvedText, registry: name.registry, repository: name.repository, short, tag, family: familyOf(short, tag) };
  const { command, execForm } = runCommand(stage);
  const last = items[items.length - 1];
  let finalWorkdir = last.workdir;
  if (last.keyword === 'WORKDIR') finalWorkdir = resolvePath(last.args, last.workdir);
  const packages = items.filter((i) => i.keyword === 'RUN').flatMap((i) => installedPackages(runText(i)));
  const user = stage.config.user ? unquote(stage.config.user.value) : undefined;
  return { model, layout: lay, stage, base, globalItems, items, command, execForm, finalWorkdir, packages, user, facts };
}

function familyOf(short: string, tag: string): Family {
  if (short === 'alpine' || /alpine/.test(tag)) return 'alpine';
  if (short === 'ubuntu' || /jammy|noble|focal|bionic|xenial/.test(tag)) return 'ubuntu';
  if (['debian', 'golang', 'node', 'python', 'rust', 'gcc', 'buildpack-deps', 'openjdk', 'maven', 'gradle', 'eclipse-temurin', 'sdk', 'ruby'].includes(short)) return 'debian';
  return 'other';
}

/** The command text of a RUN (exec form joined with blanks). */
export function runText(item: Item): string {
  const args = item.args;
  if (args.startsWith('[')) {
    try {
      const parsed = JSON.parse(args);
      if (Array.isArray(parsed)) return parsed.join(' ');
    } catch {
      /* shell form after all */
    }
  }
  // Drop RUN flags (--mount=..., --network=...).
  return args.replace(/^(--\S+\s+)+/, '');
}

function runCommand(stage: Stage): { command: string[]; execForm: boolean } {
  const c = stage.config;
  const tokens = (e: typeof c.cmd) => (e ? (e.form === 'exec' && e.args ? e.args : splitWords(e.value)) : []);
  const ep = c.entrypoint;
  const cmd = c.cmd;
  let command = [...tokens(ep), ...tokens(cmd)];
  const execForm = (!ep || ep.form === 'exec') && (!cmd || cmd.form === 'exec' || !!ep);
  if (command[0] === 'exec') command = command.slice(1);
  let viaShell = false;
  if ((command[0] === 'sh' || command[0] === '/bin/sh' || command[0] === 'bash' || command[0] === '/bin/bash') && command[1] === '-c' && command[2]) {
    viaShell = true;
    command = splitWords(command.slice(2).join(' '));
    if (command[0] === 'exec') command = command.slice(1);
  }
  return { command, execForm: execForm && !viaShell };
}

export function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Packages named by apt-get/apt/apk/yum/dnf install commands in a RUN. */
export function installedPackages(run: string): string[] {
  const out: string[] = [];
  const re = /\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:-\S+\s+)*(?:install|add)\b([^;&|]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(run))) {
    for (const w of m[1].split(/\s+/)) {
      if (!w || w.startsWith('-') || w === '\\' || w.includes('=') || w.startsWith('$')) continue;
      out.push(w.replace(/[\\'"]/g, ''));
    }
  }
  return out.filter(Boolean);
}

/**
 * Packages only a build uses: compilers, headers, build systems, language toolchains. Everything else an
 * image installs (git, curl, bash, tzdata, ca-certificates, a client library) may be used at run time and
 * moves with the runtime.
 */
const TOOLCHAIN_PACKAGE = /(-dev|-devel|-headers)$|^(build-essential|build-base|alpine-sdk|gcc|g\+\+|gcc-\d+|g\+\+-\d+|clang|clang-\d+|llvm|lld|make|cmake|ninja|ninja-build|samurai|meson|autoconf|automake|libtool|pkg-?config|pkgconf|golang|golang-go|golang-\d.*|go|rustc|cargo|rust|maven|gradle|ant|openjdk.*-jdk.*|default-jdk.*|dotnet-sdk.*|python3?-pip|python3?-setuptools|python3?-wheel|python3?-venv|musl-dev|libc-dev|linux-headers|bison|flex|dpkg-dev|patch|upx|upx-ucl|ccache|gfortran|nasm|yasm|protobuf-compiler|swig|nodejs|npm|yarn|yarnpkg)$/;

export function isToolchainPackage(p: string): boolean {
  return TOOLCHAIN_PACKAGE.test(p.replace(/[=:].*$/, ''));
}

/** A RUN that prepares the runtime: creates users, or installs only non-toolchain packages. */
export function isRuntimeSetup(run: string): boolean {
  const steps = run.split(/&&|;|\|\|/).map((s) => s.trim()).filter(Boolean);
  if (!steps.length) return false;
  let useful = false;
  for (const step of steps) {
    if (/^(set\s+-\S+|true|:|\\)$/.test(step)) continue;
    if (/^(adduser|useradd|addgroup|groupadd)\b/.test(step)) {
      useful = true;
      continue;
    }
    if (/^(apt-get|apt|apk|yum|dnf|microdnf)\b/.test(step)) {
      if (/\b(install|add)\b/.test(step)) {
        const pkgs = installedPackages(step);
        if (pkgs.some(isToolchainPackage)) return false;
        useful = true;
      }
      continue;
    }
    if (/^rm\s+-rf?\s+\/var\/(lib\/apt\/lists|cache\/apk)/.test(step)) continue;
    if (/^(mkdir|chown|chmod|ln|touch)\b/.test(step)) continue;
    return false;
  }
  return useful;
}

/** A RUN that only removes things (nothing the runtime needs). */
export function isCleanupOnly(run: string): boolean {
  const steps = run.split(/&&|;/).map((s) => s.trim()).filter(Boolean);
  return steps.length > 0 && steps.every((s) => /^(rm|apk\s+del|apt-get\s+(purge|autoremove|clean|remove)|yum\s+clean|npm\s+cache|set\s+-\S+)\b/.test(s));
}

/** Users a base image already has. */
export function baseHasUser(short: string, user: string): boolean {
  if (/^\d+(:\d+)?$/.test(user) || user === 'root') return true;
  if (short === 'node' && user === 'node') return true;
  if (user === 'nobody') return true;
  return false;
}
