/** Python: pip/pip3, python -m pip|venv, uv, poetry. */
import { MB, figure, item } from '../figures';
import { PIP, PIP_DEFAULT } from '../knowledge';
import type { LayerItem } from '../types';
import { positional } from './args';
import { HEURISTIC, namesWord, type RunContext, type RunState } from './types';

/** pip/pip3, python -m pip|venv|virtualenv, uv pip|sync. */
export function pythonCommand(s: RunState, base: string, args: string[]): void {
  let pipArgs = args;
  if (base.startsWith('python')) {
    const m = args.indexOf('-m');
    if (m < 0) return;
    const mod = args[m + 1];
    if (mod === 'venv' || mod === 'virtualenv') {
      const dir = positional(args.slice(m + 2))[0];
      s.push(item('Python virtual environment (pip, setuptools)', 'dependencies', figure(20 * MB, 3, 1.5), HEURISTIC, dir ? [s.abs(dir)] : undefined));
      return;
    }
    if (mod !== 'pip') return;
    pipArgs = args.slice(m + 2);
  } else if (base === 'uv') {
    if (pipArgs[0] !== 'pip' && pipArgs[0] !== 'sync') return;
    if (pipArgs[0] === 'pip') pipArgs = pipArgs.slice(1);
  }
  if (pipArgs[0] === 'cache' && pipArgs[1] === 'purge') {
    s.removeUnder('/root/.cache/pip');
    return;
  }
  if (pipArgs[0] !== 'install' && pipArgs[0] !== 'sync') return;
  pipInstall(pipArgs.slice(1), s.ctx, s.push);
}

/** poetry install: the packages of the lock file. */
export function poetryCommand(s: RunState, _base: string, args: string[]): void {
  if (args[0] === 'install') pipInstall(['-r', 'poetry.lock', '--no-cache-dir'], s.ctx, s.push);
}

export function pipInstall(args: string[], ctx: RunContext, push: (it: LayerItem) => void): void {
  const names: string[] = [];
  let fromFile = false;
  let project = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-r' || a === '--requirement' || a === '-c') {
      fromFile = true;
      i++;
      continue;
    }
    if (a === '-e' || a === '--editable') {
      project = true;
      i++;
      continue;
    }
    if (a.startsWith('-')) {
      if (['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--target', '-t', '--prefix', '--root'].includes(a)) i++;
      continue;
    }
    if (a === '.' || a.startsWith('./') || a.startsWith('/')) project = true;
    else {
      const name = a.replace(/\[.*$/, '').replace(/[<>=!~;].*$/, '').toLowerCase();
      names.push(name);
      // `psycopg[binary]`: the extra installs the package's binary wheel as another distribution.
      if (/\[binary\]/i.test(a) && PIP[`${name}-binary`] !== undefined) names.push(`${name}-binary`);
    }
  }
  const locked = ctx.manifests.pythonLock;
  if (fromFile) names.push(...(ctx.manifests.requirements ?? locked ?? []));
  let bytes = 0;
  let known = 0;
  for (const n of names) {
    if (PIP[n] !== undefined) {
      known++;
      bytes += PIP[n];
    } else bytes += PIP_DEFAULT;
  }
  const seen = ctx.manifests.requirements ?? locked;
  if (fromFile && !seen) bytes += 80 * MB; // requirements file not seen
  if (project) bytes += 2 * MB;
  if (!bytes) return;
  const cpuOnly = namesWord(ctx, /download\.pytorch\.org\/whl\/cpu/);
  if (cpuOnly && names.includes('torch')) bytes -= 900 * MB;
  const factor = fromFile && !seen ? 4 : 1.6 + (names.length ? (1 - known / names.length) * 1.4 : 1);
  const label = names.length ? `pip install ${names.slice(0, 6).join(' ')}${names.length > 6 ? ` … (+${names.length - 6})` : ''}` : 'pip install (requirements)';
  push(item(label, 'dependencies', figure(bytes, 3, factor), `${known ? `${known} of ${names.length} from the PyPI size table (with their usual dependencies)` : 'no package in the PyPI size table'}${names.length > known ? `; ${names.length - known} at the stated default of ${PIP_DEFAULT / MB} MB` : ''}`, ['/usr/local/lib', '/opt/venv', '/root/.local']));
  if (!args.includes('--no-cache-dir') && !namesWord(ctx, /PIP_NO_CACHE_DIR/)) {
    push(item('pip cache (/root/.cache/pip)', 'cache', figure(bytes * 0.35, 1.05, factor), HEURISTIC, ['/root/.cache/pip']));
  }
}
