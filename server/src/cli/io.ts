/** Input and output helpers of the CLI: reading a Dockerfile (or stdin), colours only on a TTY. */
import { promises as fs } from 'node:fs';

export class UsageError extends Error {}
export class InputError extends Error {}

export async function readInput(path: string): Promise<{ path: string; text: string }> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { path: '<stdin>', text: Buffer.concat(chunks).toString('utf8') };
  }
  let stat;
  try {
    stat = await fs.stat(path);
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (stat.isDirectory()) throw new InputError(`${path}: is a directory`);
  let buf: Buffer;
  try {
    buf = await fs.readFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (buf.includes(0)) throw new InputError(`${path}: binary file, not a Dockerfile`);
  return { path, text: buf.toString('utf8') };
}

const useColour = () => process.stdout.isTTY && !process.env.NO_COLOR;
export const colour = {
  bold: (s: string) => (useColour() ? `\x1b[1m${s}\x1b[0m` : s),
  dim: (s: string) => (useColour() ? `\x1b[2m${s}\x1b[0m` : s),
  red: (s: string) => (useColour() ? `\x1b[31m${s}\x1b[0m` : s),
  yellow: (s: string) => (useColour() ? `\x1b[33m${s}\x1b[0m` : s),
  blue: (s: string) => (useColour() ? `\x1b[34m${s}\x1b[0m` : s),
  green: (s: string) => (useColour() ? `\x1b[32m${s}\x1b[0m` : s),
};

/** The one positional FILE argument of a command. */
export function single(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('expected exactly one FILE (or - for stdin)');
  return positionals[0];
}
