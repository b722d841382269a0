/** Questions about one command of the command model: its program (after prefixes and `sudo`), its arguments, flags. */
import type { ShellCommand, Word } from './runCommands';

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
