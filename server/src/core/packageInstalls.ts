/**
 * Which stages install packages that may compile native code (npm, yarn, pnpm, gem, bundle, pip, poetry, pipenv,
 * cpan, node-gyp, cargo): a slim or alpine base has no compiler for them. Read by DS202 (no slim suggestion for such a
 * final image) and by the switch to a smaller base (refused for such a stage and the stages built on it).
 */
import { argsOf, programOf, runCommands, subcommand, type ShellCommand } from './commands';
import { keywordOf, type DockerfileModel, type Stage } from './model';

/** A command that installs packages which may build native extensions (node-gyp, gems, wheels, CPAN modules, crates). */
export function installsPackages(cmd: ShellCommand): boolean {
  const p = programOf(cmd);
  const sub = subcommand(argsOf(cmd))?.text;
  if (p === 'yarn' || p === 'bundle' || p === 'cpan' || p === 'cpanm' || p === 'node-gyp') return true;
  if (p === 'npm') return ['i', 'install', 'ci', 'rebuild'].includes(sub ?? '');
  if (p === 'pnpm') return sub === 'i' || sub === 'install';
  if (['gem', 'pip', 'pip3', 'poetry', 'pipenv'].includes(p)) return sub === 'install';
  // cargo fetches the crates and compiles them, C parts included (openssl-sys, ring ...).
  if (p === 'cargo') return ['build', 'install', 'run', 'test'].includes(sub ?? '');
  // python -m pip install
  const words = argsOf(cmd).map((w) => w.text);
  return /^python[0-9.]*$/.test(p) && words[0] === '-m' && /^pip3?$/.test(words[1] ?? '') && words[2] === 'install';
}

/** ONBUILD triggers are not in the command model (it reads RUN instructions): their text is read. */
const ONBUILD_INSTALL = /\b(npm\s+(i|install|ci|rebuild)|yarn(\s+install)?|pnpm\s+(i|install)|bundle(\s+install)?|gem\s+install|pip3?\s+install|poetry\s+install|pipenv\s+install|cpanm?|node-gyp)\b/;

/** The first command of a stage's own RUNs that installs such packages (`true` for an ONBUILD trigger's), or undefined. */
export function packageInstallIn(model: DockerfileModel, stage: Stage): ShellCommand | true | undefined {
  for (const i of stage.instructions) {
    const keyword = keywordOf(i);
    if (keyword === 'RUN') {
      const found = runCommands(model, i).commands.find(installsPackages);
      if (found) return found;
    } else if (keyword === 'ONBUILD' && ONBUILD_INSTALL.test(i.getArgumentsContent() ?? '')) return true;
  }
  return undefined;
}
