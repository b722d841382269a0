/**
 * Turns the CLI's path arguments into Dockerfiles: `-` (stdin), files, directories (searched recursively for
 * Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*) and globs (`*`, `**`, `?`, `[...]`, `{a,b}`).
 * A glob keeps only the files with a Dockerfile name; an explicit path is taken as is. node_modules, .git and
 * other hidden directories are not searched.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isDockerfileName } from '../core';

export { isDockerfileName };

export interface FoundFile {
  /** Path to show and to read (relative when the argument was), or `-` for stdin. */
  path: string;
  /** Found by searching a directory or glob (an unreadable or binary one is skipped with a warning, not an error). */
  discovered: boolean;
}

export interface Expansion {
  files: FoundFile[];
  /** One-line reasons for arguments that matched nothing (missing paths, empty globs). */
  errors: string[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export function hasGlob(p: string): boolean {
  return /[*?[{]/.test(p);
}

export async function expandPaths(args: string[]): Promise<Expansion> {
  const files: FoundFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (p: string, discovered: boolean) => {
    const key = p === '-' ? '-' : path.resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ path: p, discovered });
  };
  for (const arg of args.length ? args : ['.']) {
    if (arg === '-') {
      add('-', false);
      continue;
    }
    const stat = await fs.stat(arg).catch(() => undefined);
    if (stat?.isDirectory()) {
      const found = await walk(arg);
      if (!found.length) errors.push(`${arg}: no Dockerfiles found in this directory`);
      for (const f of found) add(f, true);
    } else if (stat) {
      add(arg, false);
    } else if (hasGlob(arg)) {
      const matched = await glob(arg);
      let count = 0;
      for (const m of matched) {
        const s = await fs.stat(m).catch(() => undefined);
        if (s?.isDirectory()) {
          for (const f of await walk(m)) {
            add(f, true);
            count++;
          }
        } else if (s && isDockerfileName(path.basename(m))) {
          add(m, true);
          count++;
        }
      }
      if (!count) errors.push(`${arg}: no files match this pattern`);
    } else {
      errors.push(`${arg}: no such file or directory`);
    }
  }
  return { files, errors };
}

async function readDir(dir: string): Promise<import('node:fs').Dirent[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}

function skipDir(name: string): boolean {
  return SKIPPED_DIRS.has(name) || name.startsWith('.');
}

/** Every Dockerfile under a directory, sorted, depth first. */
export async function walk(dir: string): Promise<string[]> {
  const outFiles: string[] = [];
  for (const entry of await readDir(dir)) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipDir(entry.name)) outFiles.push(...(await walk(p)));
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isDockerfileName(entry.name)) {
      outFiles.push(p);
    }
  }
  return outFiles;
}

/** A glob segment as a regular expression: `*`, `?`, `[...]`, `{a,b}`; a leading `*` does not match dot files. */
export function segmentRegExp(segment: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
  }
  const dotSafe = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${dotSafe}${re}$`);
}

/** Paths matching a glob pattern, sorted. */
export async function glob(pattern: string): Promise<string[]> {
  const normalized = pattern.replace(/\\/g, '/');
  const absolute = normalized.startsWith('/');
  const segments = normalized.split('/').filter((s) => s !== '' && s !== '.');
  let base = absolute ? '/' : '.';
  let i = 0;
  while (i < segments.length - 1 && !hasGlob(segments[i])) base = path.join(base, segments[i++]);
  const results = new Set<string>();
  await matchFrom(base, segments.slice(i), results);
  return [...results].sort();
}

async function matchFrom(dir: string, segments: string[], results: Set<string>): Promise<void> {
  if (!segments.length) {
    results.add(dir);
    return;
  }
  const [seg, ...rest] = segments;
  if (seg === '**') {
    await matchFrom(dir, rest, results);
    for (const entry of await readDir(dir)) {
      if (entry.isDirectory() && !skipDir(entry.name)) await matchFrom(path.join(dir, entry.name), segments, results);
    }
    return;
  }
  if (!hasGlob(seg)) {
    const p = path.join(dir, seg);
    if (await fs.stat(p).catch(() => undefined)) await matchFrom(p, rest, results);
    return;
  }
  const re = segmentRegExp(seg);
  for (const entry of await readDir(dir)) {
    if (!re.test(entry.name)) continue;
    const p = path.join(dir, entry.name);
    if (rest.length === 0) results.add(p);
    else if (entry.isDirectory()) await matchFrom(p, rest, results);
  }
}
