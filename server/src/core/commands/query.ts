/** Questions about one command of the command model: its program (after prefixes and `sudo`), its arguments, flags. */
import type { ShellCommand, Word } from './runCommands';
import { parseScript, type Piece } from './parser';

/** Index of the program word of a command, after `sudo`, `env`, `VAR=value` prefixes; -1 when none. */
export function programIndex(cmd: ShellCommand, skipSudo = true): number {
  let i = 0;
  while (i < cmd.words.length) {
    const w = cmd.words[i].text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (w === 'env' || (skipSudo && w === 'sudo')) {
      i++;
      while (i < cmd.words.length && cmd.words[i].text.startsWith('-')) i++;
    } else if (w === 'exec' || w === 'command' || w === 'time' || w === 'nohup') i++;
    else return i;
  }
  return -1;
}

/** The program name (basename) of a command, or ''. */
export function programOf(cmd: ShellCommand): string {
  const i = programIndex(cmd);
  return i < 0 ? '' : cmd.words[i].text.replace(/^.*\//, '');
}

/** The words after the program. */
export function argsOf(cmd: ShellCommand): Word[] {
  const i = programIndex(cmd);
  return i < 0 ? [] : cmd.words.slice(i + 1);
}

/** Whether an argument list has a flag (`--no-cache`, or a short flag among combined short flags). */
export function hasFlag(args: Word[], long: string, short?: string): boolean {
  return args.some((a) => a.text === long || a.text.startsWith(`${long}=`) || (short !== undefined && /^-[A-Za-z]+$/.test(a.text) && a.text.includes(short)));
}

/** The first non-flag argument (the subcommand): `install` in `apt-get -y install x`. */
export function subcommand(args: Word[]): Word | undefined {
  return args.find((a) => !a.text.startsWith('-'));
}

/** Whether a word of the commands (program, argument or `NAME=value` prefix) matches: a path or option they name. */
export function anyWord(cmds: ShellCommand[], re: RegExp): boolean {
  return cmds.some((c) => c.words.some((w) => re.test(w.text)));
}

/** Whether a command is `<program> <sub> <sub2>…` (flags between are skipped): `pip cache purge`, `apt-get clean`. */
export function isCommand(cmd: ShellCommand, programs: RegExp, ...subs: string[]): boolean {
  if (!programs.test(programOf(cmd))) return false;
  const words = argsOf(cmd).filter((a) => !a.text.startsWith('-')).map((a) => a.text);
  return subs.every((s, i) => words[i] === s);
}

/** The package managers whose commands the rules and the conversion read (`yum` covers dnf and microdnf). */
export type PackageManager = 'apt' | 'apk' | 'pip' | 'npm' | 'yum';

export interface PackageManagerCommand {
  manager: PackageManager;
  /** The program as run (`apt-get`, `pip3`, `python3` for `python3 -m pip`, `microdnf`). */
  program: string;
  /** The subcommand word (`install`, `add`, `update`, `del`); apt's `-o Name::x=y` options are not it. */
  verb: Word;
  /** Every argument but the verb (flags before it included). */
  args: Word[];
  /** The arguments after the verb. */
  rest: Word[];
}

const OS_MANAGERS: Record<string, PackageManager> = { 'apt-get': 'apt', apt: 'apt', apk: 'apk', yum: 'yum', dnf: 'yum', microdnf: 'yum' };

/** A package-manager command (apt-get/apt, apk, yum/dnf/microdnf, pip/`python -m pip`, npm) with its subcommand. */
export function packageManagerCommand(cmd: ShellCommand): PackageManagerCommand | undefined {
  const program = programOf(cmd);
  let args = argsOf(cmd);
  let manager: PackageManager | undefined = OS_MANAGERS[program];
  if (/^python[0-9.]*$/.test(program) && args[0]?.text === '-m' && /^pip[0-9.]*$/.test(args[1]?.text ?? '')) {
    args = args.slice(2);
    manager = 'pip';
  } else if (/^pip[0-9.]*$/.test(program)) manager = 'pip';
  else if (program === 'npm') manager = 'npm';
  if (!manager) return undefined;
  const verb = manager === 'apt' ? args.find((a, i) => !a.text.startsWith('-') && !/^[A-Za-z]+::/.test(a.text) && args[i - 1]?.text !== '-o') : subcommand(args);
  if (!verb) return undefined;
  const at = args.indexOf(verb);
  return { manager, program, verb, args: args.filter((a) => a !== verb), rest: args.slice(at + 1) };
}

/** An install: apt-get/apt install, apk add, yum/dnf/microdnf install, pip install, npm install/i/ci/add. */
export function packageInstallOf(cmd: ShellCommand): PackageManagerCommand | undefined {
  const c = packageManagerCommand(cmd);
  if (!c) return undefined;
  const verbs = c.manager === 'apk' ? ['add'] : c.manager === 'npm' ? ['install', 'i', 'ci', 'add'] : ['install'];
  return verbs.includes(c.verb.text) ? c : undefined;
}

/** Options of apt, apk and yum installs that take the next word as their value. */
const OPTION_WITH_VALUE: Record<string, RegExp> = {
  apt: /^(-o|--option|-t|--target-release|-c|--config-file)$/,
  apk: /^(-t|--virtual|-X|--repository|-p|--root|--arch|--cache-dir|--keys-dir)$/,
  yum: /^(-c|--config|--setopt|--installroot|--releasever|--enablerepo|--disablerepo|-x|--exclude)$/,
};

/**
 * The OS packages an apt/apk/yum install names, as written (version pins kept): flags and their values (`-o X=y`,
 * apk's `--virtual NAME`) are not packages, nor expansions (`$PACKAGES`), local files or URLs.
 */
export function osPackagesOf(install: PackageManagerCommand): Word[] {
  const withValue = OPTION_WITH_VALUE[install.manager];
  if (!withValue) return [];
  const out: Word[] = [];
  for (let k = 0; k < install.rest.length; k++) {
    const w = install.rest[k].text;
    if (withValue.test(w)) {
      k++;
      continue;
    }
    if (!w || w.startsWith('-') || w.includes('$') || w.includes('/') || w.endsWith('.rpm') || w.endsWith('.deb') || w.endsWith('.apk')) continue;
    out.push(install.rest[k]);
  }
  return out;
}

/**
 * The simple commands of a script a caller holds as text (offsets in that text), read by the same shell parser as
 * `runCommands` (cached by text). Code with a model and a RUN asks `runCommands` instead.
 */
export function commandsOfScript(script: string): ShellCommand[] {
  const text = (pieces: Piece[]) => pieces.map((p) => (typeof p === 'string' ? p : `$${p.v}`)).join('');
  return parseScript(script).commands.map((c) => ({
    words: [...c.assigns.map((a) => ({ text: `${a.name}=${a.value ? text(a.value) : ''}`, start: a.start, end: a.end })), ...c.args.map((w) => ({ text: text(w.pieces), start: w.start, end: w.end }))],
    assignCount: c.assigns.length,
    next: c.next,
    prev: c.prev,
    conditional: c.conditional,
    parsed: c,
  }));
}
