/**
 * What the conversions read from a single-stage Dockerfile: the base image, the command the container
 * runs, the packages installed, the build steps, and a classification of each RUN.
 */
import { argsOf, hasFlag, osPackagesOf, packageInstallOf, packageManagerCommand, programOf, runCommands, type ShellCommand } from '../commands';
import type { DockerfileModel, Stage } from '../model';
import { familyOf } from '../size/baseImages';
import { isStackBuildPackage, pipInstall } from '../stacks';
import { unquote } from '../model';
import { Layout, layout as cut, resolvePath } from './layout';
import type { ContextFacts, Item } from './types';

/** The distribution family the conversion chooses runtime bases by (size/baseImages.ts familyOf, coarser). */
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
  /**
   * The command is a shell script, not one program invocation (`a && b`, `sleep 2; ./app`, pipes,
   * substitutions): no word of it is taken for the program, artifacts keep their paths and CMD stays.
   */
  shellScript: boolean;
  /** The shell command starts with `VAR=value` assignments or `cd DIR &&`, left out of `command`. */
  shellPrefix: boolean;
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
  const base: BaseInfo = { text: stage.base.text, resolved: stage.base.resolvedText, registry: name.registry, repository: name.repository, short, tag, family: conversionFamily(familyOf(name, stage.base.resolvedText)) };
  const last = items[items.length - 1];
  let finalWorkdir = last.workdir;
  if (last.keyword === 'WORKDIR') finalWorkdir = resolvePath(last.args, last.workdir);
  const { command, execForm, shellScript, shellPrefix } = runCommand(stage, finalWorkdir);
  const packages = items.filter((i) => i.keyword === 'RUN').flatMap((i) => installedPackages(runCommands(model, i.instruction).commands));
  const user = stage.config.user ? unquote(stage.config.user.value) : undefined;
  return { model, layout: lay, stage, base, globalItems, items, command, execForm, shellScript, shellPrefix, finalWorkdir, packages, user, facts };
}

function conversionFamily(f: ReturnType<typeof familyOf>): Family {
  return f === 'alpine' || f === 'ubuntu' ? f : f === 'debian' || f === 'debian-slim' ? 'debian' : 'other';
}

/** The simple commands a RUN runs, from the command model (parsed once per model). */
export function commandsOf(a: Analysis, item: Item): ShellCommand[] {
  return runCommands(a.model, item.instruction).commands;
}

function runCommand(stage: Stage, workdir: string): { command: string[]; execForm: boolean; shellScript: boolean; shellPrefix: boolean } {
  const c = stage.config;
  const ep = c.entrypoint;
  const cmd = c.cmd;
  let shellScript = false;
  let shellPrefix = false;
  const tokens = (e: typeof c.cmd): string[] => {
    if (!e) return [];
    if (e.form === 'exec' && e.args) return e.args;
    const read = readScript(e.value, workdir);
    if (read.script) shellScript = true;
    if (read.prefix) shellPrefix = true;
    return read.words;
  };
  let command = [...tokens(ep), ...tokens(cmd)];
  const execForm = (!ep || ep.form === 'exec') && (!cmd || cmd.form === 'exec' || !!ep);
  if (command[0] === 'exec') command = command.slice(1);
  let viaShell = false;
  if ((command[0] === 'sh' || command[0] === '/bin/sh' || command[0] === 'bash' || command[0] === '/bin/bash') && command[1] === '-c' && command[2]) {
    viaShell = true;
    const read = readScript(command[2], workdir);
    if (read.script) shellScript = true;
    if (read.prefix) shellPrefix = true;
    command = [...read.words, ...command.slice(4)];
  }
  return { command, execForm: execForm && !viaShell, shellScript, shellPrefix };
}

const SHELL_OPERATOR = /[;&|<>`()]|\$\(/;

/**
 * A shell command read as one program invocation where it is one: leading `VAR=value` assignments are not the
 * program, `cd DIR && PROG ...` runs PROG from DIR (a relative program path is resolved against it), `exec` is
 * dropped. Anything else with shell operators is a script: its words are returned as written, flagged.
 */
export function readScript(text: string, workdir: string): { words: string[]; script: boolean; prefix: boolean } {
  let s = text.trim();
  let dir: string | undefined;
  const cd = /^cd\s+("[^"$`]*"|'[^']*'|[^\s;&|<>()$`'"]+)\s*&&\s*/.exec(s);
  if (cd) {
    dir = resolvePath(cd[1].replace(/^["']|["']$/g, ''), workdir);
    s = s.slice(cd[0].length);
  }
  const unquoted = s.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""');
  if (SHELL_OPERATOR.test(unquoted)) return { words: splitWords(text), script: true, prefix: false };
  let words = splitWords(s);
  let assigned = false;
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    words = words.slice(1);
    assigned = true;
  }
  if (words[0] === 'exec') words = words.slice(1);
  if (!words.length || /^(cd|sleep|export|set|source|\.|eval|test|\[|true|false|:)$/.test(words[0]) || words[0].includes('$')) return { words: splitWords(text), script: true, prefix: false };
  if (dir && words[0].includes('/')) words = [resolvePath(words[0], dir), ...words.slice(1)];
  return { words, script: false, prefix: !!dir || assigned };
}

export function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The pip install command as the Dockerfile writes it (`pip3 install`), from the first RUN that runs one (stacks/python.ts pipInstall). */
export function pipCommand(a: Analysis): string {
  for (const i of a.items) {
    if (i.keyword !== 'RUN') continue;
    const pip = commandsOf(a, i).map(pipInstall).find((x) => x);
    if (pip) return pip.shown;
  }
  return 'pip install';
}

/** Packages named by apt-get/apt/apk/yum/dnf/microdnf install commands (version pins dropped: `curl=7.88*` is curl). */
export function installedPackages(commands: ShellCommand[]): string[] {
  return commands.flatMap((cmd) => {
    const install = packageInstallOf(cmd);
    return install ? osPackagesOf(install).map((w) => packageName(w.text)).filter(Boolean) : [];
  });
}

/** The package of an apt/apk/yum package argument: `name=version`, `name~1.2`, `name>=1.2` name the package `name`. */
function packageName(p: string): string {
  return p.replace(/[=~<>].*$/, '');
}

/**
 * Packages only a build uses: headers and the tools of no one stack here, the compilers and toolchains of each
 * stack in its profile (`buildPackages`). Everything else an image installs (git, curl, bash, tzdata,
 * ca-certificates, a client library) may be used at run time and moves with the runtime.
 */
const BUILD_ONLY_PACKAGE = /(-dev|-devel|-headers)$|^(patch|upx|upx-ucl|protobuf-compiler|swig)$/;

export function isToolchainPackage(p: string): boolean {
  const name = p.replace(/[=:].*$/, '');
  return BUILD_ONLY_PACKAGE.test(name) || isStackBuildPackage(name);
}


const USER_PROGRAMS = new Set(['adduser', 'useradd', 'addgroup', 'groupadd']);
const FILE_SETUP_PROGRAMS = new Set(['mkdir', 'chown', 'chmod', 'ln', 'touch']);
/** What a package install leaves behind that cleanup removes: the lists and caches of the package managers. */
const PACKAGE_CACHE = /^\/var\/(lib\/apt\/lists|cache\/apk)(\/|$)/;

/**
 * A RUN that prepares the runtime: creates users or groups, or installs only non-toolchain packages, with
 * directory/permission setup, package-list updates and package-cache removal around it; nothing else.
 */
export function isRuntimeSetup(a: Analysis, item: Item): boolean {
  const commands = commandsOf(a, item);
  let useful = false;
  for (const cmd of commands) {
    const program = programOf(cmd);
    if (isNoOp(cmd)) continue;
    if (USER_PROGRAMS.has(program)) {
      useful = true;
      continue;
    }
    const pm = packageManagerCommand(cmd);
    if (pm && pm.manager !== 'pip' && pm.manager !== 'npm') {
      const install = packageInstallOf(cmd);
      if (install) {
        if (installedPackages([cmd]).some(isToolchainPackage)) return false;
        useful = true;
      }
      continue;
    }
    if (program === 'rm') {
      const operands = argsOf(cmd).filter((w) => !w.text.startsWith('-'));
      if (operands.length && PACKAGE_CACHE.test(operands[0].text)) continue;
    }
    if (FILE_SETUP_PROGRAMS.has(program)) continue;
    return false;
  }
  return useful;
}

/** `set -e`, `true`, `:`: commands that change nothing the image keeps. */
function isNoOp(cmd: ShellCommand): boolean {
  const program = programOf(cmd);
  if (program === 'true' || program === ':') return true;
  return program === 'set' && argsOf(cmd).every((w) => /^[-+][A-Za-z]+$/.test(w.text) || w.text === 'pipefail') && argsOf(cmd).length > 0;
}

/** A RUN that only removes things (files, packages, package caches): nothing the runtime needs. */
export function isCleanupOnly(a: Analysis, item: Item): boolean {
  const commands = commandsOf(a, item);
  return commands.length > 0 && commands.every((cmd) => isNoOp(cmd) || isRemoval(cmd));
}

function isRemoval(cmd: ShellCommand): boolean {
  const program = programOf(cmd);
  if (program === 'rm') return true;
  const pm = packageManagerCommand(cmd);
  if (!pm) return false;
  const verb = pm.verb.text;
  if (pm.manager === 'apk') return verb === 'del';
  if (pm.manager === 'apt') return ['purge', 'autoremove', 'clean', 'remove'].includes(verb);
  if (pm.manager === 'yum') return verb === 'clean';
  if (pm.manager === 'npm') return verb === 'cache';
  return false;
}

/**
 * Whether a RUN's package installs for a manager would use package lists fetched by an earlier RUN: an
 * apt-get/apt install with no `apt-get update` before it in the RUN, an `apk add` without `--no-cache` or
 * `--update-cache` and no `apk update` before it. False when the RUN installs nothing with that manager.
 */
export function installsWithStaleLists(a: Analysis, item: Item, manager: 'apt' | 'apk'): boolean {
  let updated = false;
  for (const cmd of commandsOf(a, item)) {
    const pm = packageManagerCommand(cmd);
    if (!pm || pm.manager !== manager) continue;
    if (pm.verb.text === 'update') updated = true;
    else if (packageInstallOf(cmd) && !updated && !(manager === 'apk' && (hasFlag(pm.args, '--no-cache') || hasFlag(pm.args, '--update-cache', 'U') || hasFlag(pm.args, '--update')))) return true;
  }
  return false;
}
