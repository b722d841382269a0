/**
 * Input and output helpers shared by every CLI command: argument parsing (usage errors → exit 2), reading a
 * Dockerfile or stdin with clear messages for missing, binary and unreadable paths, output, colours only on
 * a TTY. Finding files (globs, directories) is in files.ts; `.dockerfile-stages.json` discovery in config.ts.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { formatPlatform, parsePlatform } from '../core';

/** A bad command line: main prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}
/** A path that cannot be analysed (missing, binary, unreadable): main prints the message, exit 2. */
export class InputError extends Error {}

/** Exit codes of every command. */
export const ExitCode = { ok: 0, findings: 1, usage: 2, nothingToDo: 3 } as const;

export interface Input {
  /** The path as the user wrote it (or `<stdin>`). */
  path: string;
  text: string;
  /** Whether it came from stdin. */
  stdin: boolean;
}

let stdinText: Promise<string> | undefined;
/** All of stdin, read once (several `-` arguments share it). */
export function readStdin(): Promise<string> {
  stdinText ??= (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  })();
  return stdinText;
}

function describeErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `cannot read (${code ?? String(e)})`;
  }
}

/** Reads one Dockerfile, or stdin for `-`. Throws InputError with a one-line reason. */
export async function readInput(path: string): Promise<Input> {
  if (path === '-') {
    const text = await readStdin();
    if (text.includes('\0')) throw new InputError('<stdin>: binary input, not a Dockerfile');
    return { path: '<stdin>', text, stdin: true };
  }
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (e) {
    throw new InputError(`${path}: ${describeErrno(e)}`);
  }
  if (stat.isDirectory()) throw new InputError(`${path}: is a directory (give a Dockerfile)`);
  if (!stat.isFile()) throw new InputError(`${path}: not a regular file`);
  let buf: Buffer;
  try {
    buf = await fs.readFile(path);
  } catch (e) {
    throw new InputError(`${path}: ${describeErrno(e)}`);
  }
  if (buf.includes(0)) throw new InputError(`${path}: binary file, not a Dockerfile`);
  return { path, text: buf.toString('utf8').replace(/^\uFEFF/, ''), stdin: false };
}

/**
 * parseArgs with strict options and positionals allowed; unknown or malformed options become UsageError.
 * `--help` is handled by main before a command runs.
 */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;
export type ParsedCommandArgs<T extends CommandOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;
export function parseCommandArgs<T extends CommandOptions>(args: string[], options: T): ParsedCommandArgs<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** Validates a `--format` (or similar enumerated) value. */
export function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  const v = (value ?? allowed[0]) as T;
  if (!allowed.includes(v)) throw new UsageError(`unknown ${option} '${value}' (${allowed.join(', ')})`);
  return v;
}

/** The one positional FILE argument of a command. */
export function single(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('expected exactly one FILE (or - for stdin)');
  return positionals[0];
}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`dockerfile-stages: ${text}\n`);
}

/** Colours only when stdout is a terminal and NO_COLOR is unset; FORCE_COLOR forces them. */
export function useColour(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!process.stdout.isTTY;
}
const paint = (code: string) => (s: string) => (useColour() ? `\x1b[${code}m${s}\x1b[0m` : s);
export const colour = {
  bold: paint('1'),
  dim: paint('2'),
  red: paint('31'),
  yellow: paint('33'),
  blue: paint('34'),
  green: paint('32'),
  cyan: paint('36'),
};

let version: string | undefined;
/** The package version, read from the package.json next to the bundle (dist/../package.json). */
export function packageVersion(): string {
  if (version === undefined) {
    version = '0.0.0';
    try {
      for (const candidate of [join(__dirname, '..', 'package.json'), join(__dirname, '..', '..', '..', '..', 'package.json')]) {
        try {
          const pkg = JSON.parse(readFileSync(candidate, 'utf8'));
          if (pkg.name === 'dockerfile-stages' && typeof pkg.version === 'string') {
            version = pkg.version as string;
            break;
          }
        } catch {
          // try the next location
        }
      }
    } catch {
      // keep 0.0.0
    }
  }
  return version;
}

/** The --platform value (`linux/arm64`), checked; undefined when not given. */
export function platformOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const p = parsePlatform(value);
  if (!p) throw new UsageError(`invalid --platform '${value}' (os/arch[/variant], e.g. linux/arm64)`);
  return formatPlatform(p);
}
