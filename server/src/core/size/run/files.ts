/** Files: downloads (curl/wget, then tar/unzip), rm, mv, small file changes, recursive chown/chmod, known installers. */
import type { EvaluatedCommand as ShellCommand } from '../../commands';
import { KB, MB, figure, figureCompressed, item } from '../figures';
import { artifactForUrl } from '../knowledge';
import { flagValue, isUnder, positional, shortUrl } from './args';
import { HEURISTIC, type RunState } from './types';

/** cd: later relative paths resolve from there. */
export function cdCommand(s: RunState, _base: string, args: string[]): void {
  if (args[0] && !args[0].startsWith('$')) s.cwd = s.abs(args[0]);
}

/** curl/wget: a known artifact (SDK, JDK ...), a downloaded file, or an extracted download. */
export function downloadCommand(s: RunState, base: string, args: string[], next?: ShellCommand): void {
  const url = args.find((a) => /^(https?|ftp):\/\//i.test(a) || /^\$[A-Za-z_]/.test(a)) ?? '';
  let file = flagValue(args, base === 'curl' ? ['-o', '--output'] : ['-O', '--output-document']);
  const remoteName = base === 'curl' ? args.some((a) => /^-[a-zA-Z]*O/.test(a) || a === '--remote-name') : !file;
  if (!file && remoteName) file = url.split('?')[0].split('/').pop();
  const piped = !file || file === '-';
  const artifact = artifactForUrl(url, s.ctx.family, s.ctx.words);
  if (artifact && !s.artifacts.has(artifact.key)) {
    s.artifacts.add(artifact.key);
    s.push(item(artifact.label, artifact.category, figureCompressed(artifact.compressedBytes, artifact.ratio, artifact.factor), artifact.basis, artifact.paths));
  }
  if (/\.(asc|sig|sha\d*|txt|gpg|key|pem|sh|sum)$/i.test(file ?? url)) return;
  if (!piped) {
    // An unknown single file (a static binary, a script, a key): a few MB with a wide range, not an SDK.
    const dl = item(`download ${file}`, 'download', artifact ? figureCompressed(artifact.compressedBytes * 0.9, 1.02, 1.3) : figure(4 * MB, 1.5, 6), artifact ? artifact.basis : 'unknown download (a single file: default 4 MB, range 0.7–24 MB)', [s.abs(file!)]);
    s.push(dl);
    s.downloads.push({ item: dl, file: s.abs(file!) });
  } else if (!artifact && next && ['tar', 'sh', 'bash', 'unzip', 'gunzip', 'bsdtar'].includes(next.argv[0])) {
    s.push(item(`download from ${shortUrl(url)} (extracted/installed)`, 'download', figure(60 * MB, 3, 5), 'unknown download', undefined));
  }
}

/** tar -x/unzip of a file downloaded in the same RUN. */
export function extractCommand(s: RunState, base: string, args: string[]): void {
  const f = base === 'unzip' ? positional(args)[0] : flagValue(args, ['-f', '--file']) ?? args.find((a) => /^-?[a-zA-Z]*f$/.test(a) ? false : /\.(tar|tgz|gz|xz|bz2|zst|zip)$/.test(a));
  const dl = f ? s.downloads.find((d) => d.file === s.abs(f)) : undefined;
  if (dl && dl.item.basis.startsWith('unknown download') && (base === 'unzip' || args.some((a) => /^-?[a-zA-Z]*x/.test(a) || a === '--extract'))) {
    const dest = flagValue(args, ['-C', '--directory', '-d']);
    s.push(item(`extracted ${f}`, 'download', figure(60 * MB, 3, 5), 'unknown download', [dest ? s.abs(dest) : s.cwd]));
  }
}

/** rm: items under the paths are removed. */
export function rmCommand(s: RunState, _base: string, args: string[]): void {
  for (const p of positional(args, [])) {
    if (p.startsWith('$') && !p.includes('/')) continue;
    const target = s.abs(p.replace(/\/\*$/, '').replace(/\*$/, ''));
    if (target === '/' || target === '') continue;
    s.removeUnder(target);
  }
}

/** mv: items move with their paths. */
export function mvCommand(s: RunState, _base: string, args: string[]): void {
  const pos = positional(args, ['-t', '--target-directory']);
  if (pos.length === 2) {
    const from = s.abs(pos[0]);
    const to = s.abs(pos[1]);
    for (const it of s.items) if (it.paths) it.paths = it.paths.map((p) => (isUnder(p, from) ? to + p.slice(from.length) : isUnder(from, p) ? to : p));
  }
}

/** useradd, mkdir, ln, touch …: a few kB of files. */
export function smallFileCommand(s: RunState, base: string, args: string[]): void {
  s.push(item(`${base}`, 'files', figure(4 * KB, 1.5, 3), HEURISTIC));
}

/** chown -R/chmod -R: files from earlier layers under the path are copied into this one. */
export function rewriteCommand(s: RunState, base: string, args: string[]): void {
  // A recursive chown/chmod in a later layer copies the files it touches (see notes).
  if (args.some((a) => /^-[a-zA-Z]*R/.test(a))) {
    for (const p of positional(args, []).slice(1)) if (!p.startsWith('$(')) s.rewritten.push({ tool: base, path: s.abs(p) });
  }
}

/** Any other program: an installer script named after a known artifact (./rustup-init). */
export function installerCommand(s: RunState, _base: string, args: string[], _next?: ShellCommand, cmd = _base): void {
  // ./rustup-init, installer scripts named after known artifacts.
  const artifact = artifactForUrl(cmd, s.ctx.family, s.ctx.words);
  if (artifact && !s.artifacts.has(artifact.key)) {
    s.artifacts.add(artifact.key);
    s.push(item(artifact.label, artifact.category, figureCompressed(artifact.compressedBytes, artifact.ratio, artifact.factor), artifact.basis, artifact.paths));
  }
}

