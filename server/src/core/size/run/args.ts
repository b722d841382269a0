import { trimTrailingSlashes } from '../../text';
/** Reading argv: positional arguments, flag values, paths. */

export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').slice(0, 60);
}

export function resolvePath(cwd: string, p: string): string {
  const raw = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function isUnder(p: string, dir: string): boolean {
  const d = trimTrailingSlashes(dir) || '/';
  return d === '/' || p === d || p.startsWith(`${d}/`);
}

/** Positional arguments (not flags, not the values of `flagsWithValue`). */
export function positional(args: string[], flagsWithValue: string[] = ['-o', '-O', '-C', '-f', '-t', '-d']): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-')) {
      if (flagsWithValue.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

export function flagValue(args: string[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (n.startsWith('--') && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
      if (!n.startsWith('--') && a.startsWith(n) && a.length > n.length && n.length === 2) return a.slice(2);
    }
  }
  return undefined;
}
