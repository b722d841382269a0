/** OS package managers: apt-get/apt (with apt-mark auto), apk. */
import type { Family } from '../baseImages';
import { aptTableRows } from '../data/tables.generated';
import { KB, MB, figure, item, scale } from '../figures';
import { APK, type BasePackages } from '../knowledge';
import type { LayerItem } from '../types';
import { flagValue, positional } from './args';
import { APT_BASIS, APT_RATIO, HEURISTIC, namesWord, type RunState } from './types';

/** apt-get/apt: update (lists), install (packages not already in the image), purge/remove/autoremove. */
export function aptCommand(s: RunState, base: string, args: string[]): void {
  const sub = args.find((a) => !a.startsWith('-'));
  // `pkg=1.2-3` pins a version; `"postgresql-$PG_MAJOR=$PG_VERSION"` is a package whose name holds a variable.
  const pkgs = positional(args, ['-o', '-t', '-c', '--target-release', '--option']).slice(1).map((p) => p.replace(/=.*$/, '')).filter((p) => p && !/^\$[A-Za-z_{(]/.test(p));
  if (sub === 'update') {
    const lists = s.ctx.family === 'ubuntu' ? figure(45 * MB, 4, 1.5) : figure(20 * MB, 2.2, 1.5);
    s.push(item('apt package lists (/var/lib/apt/lists)', 'cache', lists, HEURISTIC, ['/var/lib/apt/lists']));
  } else if (sub === 'install') {
    if (!pkgs.length) return;
    const recommends = !args.includes('--no-install-recommends') && !namesWord(s.ctx, /no-install-recommends|Install-Recommends[ "=]*(false|0)/i);
    const installed = s.ctx.stageHas;
    const present = pkgs.filter((p) => installed.has(`apt:${p}`) || s.ctx.basePackages?.names.has(p));
    const fresh = pkgs.filter((p) => !present.includes(p));
    for (const p of pkgs) installed.add(`apt:${p}`);
    if (!fresh.length) {
      s.push(item(`apt-get install ${pkgs.slice(0, 6).join(' ')} (already in ${s.ctx.basePackages?.label ?? 'the image'})`, 'os-packages', figure(150 * KB, 3, 3), `the base image's documented package list (${s.ctx.basePackages?.source ?? 'earlier RUN'}): nothing new but apt's own records`));
      return;
    }
    const it = aptInstall(fresh, s.ctx.family, recommends, s.ctx.basePackages);
    if (present.length) it.basis += `; ${present.length} of ${pkgs.length} already in ${s.ctx.basePackages?.label ?? 'the image'} (${present.slice(0, 4).join(', ')}${present.length > 4 ? ', …' : ''}), not counted`;
    s.push(it);
    s.aptItems.push({ item: it, pkgs: fresh });
  } else if (sub === 'purge' || sub === 'remove' || sub === 'autoremove') {
    const autoRemove = sub === 'autoremove' || args.includes('--auto-remove');
    for (const a of s.aptItems) {
      if (a.item.removed) continue;
      const named = a.pkgs.filter((p) => pkgs.includes(p)).length;
      if (s.aptAutoMarked && autoRemove) a.item.removed = true;
      else if (named === a.pkgs.length) a.item.removed = true;
      else if (named > 0) Object.assign(a.item, scale(a.item, 1 - named / a.pkgs.length));
    }
    if (s.aptAutoMarked && autoRemove) {
      // `apt-mark auto '.*'` ... `apt-mark manual <what the build links to>`: the runtime libraries stay.
      const removedBytes = s.aptItems.filter((a) => a.item.removed).reduce((n, a) => n + a.item.uncompressedBytes, 0);
      if (removedBytes > 0) s.push(item('runtime libraries kept after purging build dependencies', 'os-packages', figure(Math.min(removedBytes * 0.04, 25 * MB), APT_RATIO, 2), HEURISTIC));
    }
  } else if (sub === 'dist-clean') {
    s.removeUnder('/var/lib/apt/lists');
  }
}

/** `apt-mark auto '.*'`: a later purge --auto-remove removes every build dependency. */
export function aptMarkCommand(s: RunState, _base: string, args: string[]): void {
  if (args[0] === 'auto' && args.some((a) => a.includes('*'))) s.aptAutoMarked = true;
}

/** apk add (with --virtual names) and apk del. */
export function apkCommand(s: RunState, _base: string, args: string[]): void {
  const sub = args.find((a) => !a.startsWith('-'));
  const pos = positional(args, ['-t', '--virtual', '-X', '--repository', '--arch', '--root']);
  const virtual = flagValue(args, ['-t', '--virtual']);
  if (sub === 'add') {
    const pkgs = pos.slice(1).filter((p) => !p.startsWith('$') && !p.startsWith('.'));
    if (!pkgs.length) return;
    const it = apkAdd(pkgs);
    s.push(it);
    s.apkItems.push({ item: it, pkgs, virtual });
    if (!args.includes('--no-cache') && !namesWord(s.ctx, /\/var\/cache\/apk/)) {
      s.push(item('apk index cache (/var/cache/apk)', 'cache', figure(2.5 * MB, 1.05, 1.5), HEURISTIC, ['/var/cache/apk']));
    }
  } else if (sub === 'del') {
    const names = pos.slice(1);
    for (const a of s.apkItems) {
      if ((a.virtual && names.includes(a.virtual)) || (a.pkgs.length && a.pkgs.every((p) => names.includes(p)))) a.item.removed = true;
    }
  }
}

/** apt-get install: Debian Installed-Size of known sets; heuristics for the rest; shared dependencies overlap. */
export function aptInstall(pkgs: string[], family: Family, recommends: boolean, base?: BasePackages): LayerItem {
  const sorted = [...new Set(pkgs)].sort();
  const exact = aptTableRows().find((r) => r.packages.length === sorted.length && [...r.packages].sort().every((p, i) => p === sorted[i]));
  let bytes: number;
  let known = 0;
  if (exact) {
    bytes = exact.installedBytes;
    known = sorted.length;
  } else {
    const sizes = sorted.map((p) => {
      const row = aptTableRows().find((r) => r.packages.length === 1 && r.packages[0] === p);
      if (row) {
        known++;
        return row.installedBytes;
      }
      if (p.endsWith('-dev')) return 5 * MB;
      if (p.startsWith('lib')) return 2.5 * MB;
      if (/-doc$|^fonts-/.test(p)) return 8 * MB;
      return 6 * MB;
    });
    sizes.sort((a, b) => b - a);
    // Packages share dependencies (g++ pulls gcc): count the largest fully, the rest partly.
    bytes = (sizes[0] ?? 0) + 0.4 * sizes.slice(1).reduce((s, x) => s + x, 0);
  }
  // Slim and Ubuntu images drop /usr/share/doc, man pages and locales.
  if (family === 'debian-slim' || family === 'ubuntu') bytes *= 0.8;
  // The Installed-Size figures count the dependencies apt pulls onto a minimal system; a base with a
  // development stack (buildpack-deps) already has most shared libraries of a new package.
  if (base?.shareOfDependenciesPresent) bytes *= 1 - base.shareOfDependenciesPresent;
  if (recommends) bytes *= 1.5;
  const unknownShare = 1 - known / sorted.length;
  const factor = 1.35 + unknownShare * 1.2 + (recommends ? 0.5 : 0);
  const basis = known === sorted.length ? APT_BASIS : known ? `${APT_BASIS}; ${sorted.length - known} package(s) by heuristic` : `${HEURISTIC} (packages not in the table)`;
  const label = `apt-get install ${sorted.slice(0, 6).join(' ')}${sorted.length > 6 ? ` … (+${sorted.length - 6})` : ''}${recommends ? ' (with recommends)' : ''}`;
  return item(label, 'os-packages', figure(bytes, APT_RATIO, factor), basis, undefined);
}

export function apkAdd(pkgs: string[]): LayerItem {
  let known = 0;
  const sizes = pkgs.map((p) => {
    const name = p.replace(/[<>=~].*$/, '');
    if (APK[name] !== undefined) {
      known++;
      return APK[name];
    }
    return name.endsWith('-dev') ? 4 * MB : 3 * MB;
  });
  sizes.sort((a, b) => b - a);
  const bytes = (sizes[0] ?? 0) + 0.6 * sizes.slice(1).reduce((s, x) => s + x, 0);
  const factor = 1.6 + (1 - known / pkgs.length) * 1.5;
  const label = `apk add ${pkgs.slice(0, 6).join(' ')}${pkgs.length > 6 ? ` … (+${pkgs.length - 6})` : ''}`;
  return item(label, 'os-packages', figure(bytes, 2.3, factor), known ? 'approximate Alpine package sizes' : HEURISTIC);
}
