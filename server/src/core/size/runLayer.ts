/**
 * Estimates what one RUN adds to the image: walks the commands the shell parser found, in order, and lets a
 * per-tool estimator add items (apt-get, apk, pip, npm/yarn/pnpm, go, maven/gradle, cargo, dotnet, make,
 * downloads of known artifacts); removals later in the same RUN (`rm -rf`, `apt-get purge`, `apk del`,
 * cache cleans) mark items removed. Items carry the paths they live under, so `mv`, `rm` and later
 * `COPY --from` can follow them.
 */
import type { EvaluatedCommand as ShellCommand } from '../commands';
import { cargoToolCommand, dotnetToolCommand, goToolCommand, gradleToolCommand, makeCommand, mavenToolCommand, rustupCommand } from './run/build';
import { cdCommand, downloadCommand, extractCommand, installerCommand, mvCommand, rewriteCommand, rmCommand, smallFileCommand } from './run/files';
import { nodeToolCommand, npxCommand } from './run/node';
import { apkCommand, aptCommand, aptMarkCommand } from './run/os';
import { poetryCommand, pythonCommand } from './run/python';
import { RunState, type RunContext } from './run/types';
import { GRADLE_PROGRAMS, MAVEN_PROGRAMS, profile } from '../stacks';
import type { LayerItem } from './types';

export type { Manifests, RunContext } from './run/types';
export { isUnder, resolvePath } from './run/args';
export { aptInstall, apkAdd } from './run/os';

/** A per-tool estimator: the RUN's state, the program's basename, its arguments, the next command. */
type CommandEstimator = (s: RunState, base: string, args: string[], next: ShellCommand | undefined, cmd: string) => void;

const ESTIMATORS: Record<string, CommandEstimator> = {};
const register = (estimator: CommandEstimator, ...programs: string[]) => {
  for (const p of programs) ESTIMATORS[p] = estimator;
};
register(cdCommand, 'cd');
register(aptCommand, 'apt-get', 'apt');
register(aptMarkCommand, 'apt-mark');
register(apkCommand, 'apk');
register(pythonCommand, 'pip', 'pip3', 'python', 'python3', 'uv');
register(poetryCommand, 'poetry');
register(nodeToolCommand, 'npm', 'yarn', 'pnpm', 'bun');
register(npxCommand, 'npx');
// The language stacks' toolchain programs, by their profiles (core/stacks): the names are written once there.
// (rustc is in the rust profile too: cargoToolCommand reads only `build`/`install`/`fetch`, which rustc never has.)
register(goToolCommand, ...profile('go').programs);
register(mavenToolCommand, ...MAVEN_PROGRAMS);
register(gradleToolCommand, ...GRADLE_PROGRAMS);
register(cargoToolCommand, ...profile('rust').programs);
register(dotnetToolCommand, ...profile('dotnet').programs);
register(makeCommand, 'make', 'ninja', 'cmake');
register(downloadCommand, 'curl', 'wget');
register(extractCommand, 'tar', 'unzip');
register(rmCommand, 'rm');
register(mvCommand, 'mv');
register(smallFileCommand, 'useradd', 'adduser', 'groupadd', 'addgroup', 'mkdir', 'ln', 'touch');
register(rewriteCommand, 'chown', 'chmod');
register(rustupCommand, 'rustup');

const WRAPPERS = ['sudo', 'env', 'time', 'nice', 'nohup', 'exec', 'xargs'];

export function estimateRun(commands: ShellCommand[], ctx: RunContext): { items: LayerItem[]; notes: string[]; rewritten: { tool: string; path: string }[] } {
  const s = new RunState(ctx);
  for (let ci = 0; ci < commands.length; ci++) {
    const { argv } = commands[ci];
    let cmd = argv[0];
    let args = argv.slice(1);
    // Wrappers: sudo, env, xargs, time, nice, su-exec.
    while (WRAPPERS.includes(cmd) && args.length) {
      while (args.length && (args[0].startsWith('-') || /^[A-Za-z_]+=/.test(args[0]))) args = args.slice(1);
      cmd = args[0];
      args = args.slice(1);
    }
    if (!cmd) continue;
    const base = cmd.split('/').pop() ?? cmd;
    const estimator = Object.hasOwn(ESTIMATORS, base) ? ESTIMATORS[base] : installerCommand;
    estimator(s, base, args, commands[ci + 1], cmd);
  }
  return { items: s.items, notes: s.notes, rewritten: s.rewritten };
}
