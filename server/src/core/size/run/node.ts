/** Node.js: npm/yarn/pnpm/bun installs, cache cleans, builds; npx bundlers. */
import { KB, MB, figure, item } from '../figures';
import { NPM_CLOSURE, NPM_GLOBAL, NPM_PACKAGE, NPM_PACKAGE_DEFAULT } from '../knowledge';
import type { LayerItem } from '../types';
import { positional, resolvePath } from './args';
import { HEURISTIC, type RunContext, type RunState } from './types';

/** npm, yarn, pnpm, bun. */
export function nodeToolCommand(s: RunState, base: string, args: string[]): void {
  nodeCommand(base, args, s.ctx, s.cwd, s.push, s.removeUnder);
}

/** npx tsc|vite|webpack…: a build product. */
export function npxCommand(s: RunState, _base: string, args: string[]): void {
  if (/^(tsc|vite|webpack|next|esbuild|rollup|ng|nest)$/.test(args[0] ?? '')) buildProduct(`${args[0]} build output`, s.cwd, s.push);
}

export function nodeCommand(tool: string, args: string[], ctx: RunContext, cwd: string, push: (it: LayerItem) => void, removeUnder: (p: string) => void): void {
  const sub = args.find((a) => !a.startsWith('-')) ?? (tool === 'yarn' && args.every((a) => !/^--?(version|help|v|h)$/.test(a)) ? 'install' : '');
  const pos = positional(args).slice(1);
  if (sub === 'cache' && (args.includes('clean') || args.includes('prune'))) {
    removeUnder(tool === 'npm' ? '/root/.npm' : tool === 'yarn' ? '/usr/local/share/.cache/yarn' : '/root/.local/share/pnpm');
    return;
  }
  if (sub === 'prune') return;
  const global = args.includes('-g') || args.includes('--global') || (tool === 'yarn' && sub === 'global');
  if (global) {
    const names = pos.filter((p) => p !== 'add');
    const bytes = names.reduce((s, n) => s + (NPM_GLOBAL[n.replace(/@[^/@]*$/, '')] ?? 8 * MB), 0);
    if (bytes) push(item(`${tool} global ${names.join(' ')}`, 'toolchain', figure(bytes, 3, 2), HEURISTIC, ['/usr/local/lib/node_modules']));
    return;
  }
  if (['ci', 'install', 'i', 'add'].includes(sub) || (tool === 'yarn' && sub === 'install')) {
    const production = args.some((a) => /^--(production|prod|omit=dev|only=prod)/.test(a)) || ctx.nodeEnvProduction;
    let bytes: number;
    let factor: number;
    let basis: string;
    const lock = ctx.manifests.npmLock;
    if (pos.length && sub !== 'ci') {
      bytes = pos.reduce((n, p) => n + (NPM_PACKAGE[p.replace(/(.)@[^/@]*$/, '$1')] ?? 3 * MB), 0);
      factor = 3;
      basis = 'heuristic: named packages with their dependencies (3 MB each unless in the package table)';
    } else if (lock) {
      const names = production ? lock.names : [...lock.names, ...lock.devNames];
      let known = 0;
      bytes = 0;
      for (const n of names) {
        const k = NPM_PACKAGE[n];
        if (k !== undefined) known++;
        bytes += k ?? NPM_PACKAGE_DEFAULT;
      }
      factor = 1.8;
      basis = `lock file: ${names.length} package${names.length === 1 ? '' : 's'}${production ? ' (production only)' : ''}; ${known} from the package table, the rest at the stated default of ${Math.round(NPM_PACKAGE_DEFAULT / KB)} kB each`;
    } else if (ctx.manifests.npm) {
      const npm = ctx.manifests.npm;
      const n = npm.dependencies + (production ? 0 : npm.devDependencies);
      const direct = [...(npm.names ?? []), ...(production ? [] : npm.devNames ?? [])];
      const known = direct.filter((d) => NPM_CLOSURE[d] !== undefined);
      // A direct dependency brings its transitive ones: ~40 packages of the default size, wide range; the
      // ones known to pull in large binaries or compilers count at their known installed size instead.
      bytes = (Math.max(direct.length, n) - known.length) * 40 * NPM_PACKAGE_DEFAULT + known.reduce((t, d) => t + NPM_CLOSURE[d], 0);
      factor = 3;
      basis = `package.json, no lock file seen: ${n} direct dependencies at a stated 40 packages of ${Math.round(NPM_PACKAGE_DEFAULT / KB)} kB each${known.length ? `; ${known.join(', ')} at their installed size with dependencies` : ''}`;
    } else {
      bytes = (production ? 60 : 120) * MB;
      factor = 4;
      basis = `${HEURISTIC} (package.json not seen)`;
    }
    if (bytes === 0) {
      // Nothing to install: npm still writes package-lock.json and its logs.
      push(item(`${tool} ${sub} (no dependencies)`, 'dependencies', figure(12 * KB, 3, 3), basis, [resolvePath(cwd, 'node_modules')]));
      return;
    }
    push(item(`${tool} ${sub}${production ? ' (production)' : ''} → node_modules`, 'dependencies', figure(bytes, 3.2, factor), basis, [resolvePath(cwd, 'node_modules')]));
    const cacheDir = tool === 'npm' ? '/root/.npm' : tool === 'yarn' ? '/usr/local/share/.cache/yarn' : '/root/.local/share/pnpm';
    // `npm cache clean`, `yarn cache clean`, `rm -rf ~/.npm …` in the same RUN.
    const cleaned = ctx.commandWords.some((c) => {
      const k = c.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) && w !== 'sudo');
      const [p, a1, a2] = k < 0 ? [] : c.slice(k);
      return (p === tool && a1 === 'cache' && (a2 === 'clean' || a2 === 'prune')) || (p === 'rm' && /^-(rf?|fr)$/.test(a1 ?? '') && c.slice(k + 2).some((w) => /\.npm|\.cache|yarn/.test(w)));
    });
    if (!cleaned) push(item(`${tool} cache`, 'cache', figure(bytes * (tool === 'yarn' ? 0.5 : 0.3), 1.1, factor), HEURISTIC, [cacheDir]));
    return;
  }
  if (sub === 'run' || sub === 'build' || sub === 'exec') {
    const script = sub === 'run' || sub === 'exec' ? pos[0] : 'build';
    if (script && /build|compile|bundle|dist|export/.test(script)) buildProduct(`${tool} ${sub === 'build' ? 'build' : `run ${script}`} output`, cwd, push);
  }
}

export function buildProduct(label: string, cwd: string, push: (it: LayerItem) => void): void {
  push(item(label, 'product', figure(15 * MB, 3, 3), HEURISTIC, ['dist', 'build', '.next', 'out', 'public'].map((d) => resolvePath(cwd, d))));
}
