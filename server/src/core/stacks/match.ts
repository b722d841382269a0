/** Small readers of the command model the profiles' `buildCommand` share. */
import { argsOf, programIndex, programOf, subcommand, type ShellCommand } from '../commands';
import type { BuildCommand, StackId, StackStep } from './types';

/** The argument texts of a command (after its program). */
export function argTexts(cmd: ShellCommand): string[] {
  return argsOf(cmd).map((w) => w.text);
}

/** A build command, shown as the program word up to argument `last` (0-based among the arguments). */
export function built(cmd: ShellCommand, stack: StackId, last: number): BuildCommand {
  const i = programIndex(cmd);
  return { stack, shown: cmd.words.slice(i, i + 2 + Math.max(-1, last)).map((w) => w.text).join(' ') };
}

/** The first argument (0-based) that matches, or -1. */
export function argIndex(cmd: ShellCommand, test: (arg: string) => boolean): number {
  return argTexts(cmd).findIndex(test);
}

/** Whether a command is `program sub …`: the program one of `programs`, its first argument one of `subs`. */
export function hasSubcommand(cmd: ShellCommand, programs: string[], subs: string[]): boolean {
  return programs.includes(programOf(cmd)) && subs.includes(argTexts(cmd)[0] ?? '');
}

/** Whether a command is `program [flags] sub …`: the program one of `programs`, its first non-flag argument one of `subs`. */
export function runsSubcommand(cmd: ShellCommand, programs: string[], subs: string[]): boolean {
  return programs.includes(programOf(cmd)) && subs.includes(subcommand(argsOf(cmd))?.text ?? '');
}

/** The step that runs a stack's tests (`go test`, `cargo test` ...): one phrase for every stack. */
export function testStep(matches: (cmd: ShellCommand) => boolean): StackStep {
  return { kind: 'test', phrase: 'runs the tests', matches };
}

/** `program sub` with sub the first argument, one of `subs`. */
export function withSubcommand(cmd: ShellCommand, programs: string[], subs: string[], stack: StackId): BuildCommand | undefined {
  return hasSubcommand(cmd, programs, subs) ? built(cmd, stack, 0) : undefined;
}

/** Options only (`--no-cache-dir`, `--omit=dev`), no values. */
export function flagsOnly(args: string[]): boolean {
  return args.every((a) => /^--?[\w=-]+$/.test(a));
}

/** Whether a package name is in a list of names and whole-name patterns. */
export function namedIn(name: string, list: (string | RegExp)[]): boolean {
  return list.some((x) => (typeof x === 'string' ? x === name : new RegExp(`^(?:${x.source})$`).test(name)));
}
