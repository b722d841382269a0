/** C/C++ (make, cmake, gcc) and the generic fallback: the built program (or what `make install` put in /usr/local) on a slim base of the same distro. */
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe, RecipePlan } from './recipe';
import { inPath, installLine, joinPath, programPath, runtimeLibraries, shellBase, stepDir } from './common';
import type { StackId } from '../types';
import { commandsOf } from '../analyze';
import { argsOf, programIndex, programOf, subcommand, type ShellCommand } from '../../commands';
import { cpp as cppProfile } from '../../stacks/profiles.generated';

/** A command that installs what it built: `make install` (`make -C src install-strip`), `cmake --install`, `ninja install`, `cargo install`, `go install`. */
function installsBuilt(cmd: ShellCommand): boolean {
  const program = programOf(cmd);
  const args = argsOf(cmd).map((w) => w.text);
  if (program === 'make') return args.some((w) => /^install\b/.test(w));
  if (program === 'cmake') return args.includes('--install');
  return ['ninja', 'cargo', 'go'].includes(program) && subcommand(argsOf(cmd))?.text === 'install';
}

/** The install prefix a command sets (`--prefix=/opt`, `--prefix /opt`, `-DCMAKE_INSTALL_PREFIX=/opt`, `PREFIX=/opt make`). */
function prefixOf(cmd: ShellCommand): string | undefined {
  const words = cmd.words.map((w) => w.text);
  for (let k = 0; k < words.length; k++) {
    if (words[k] === '--prefix' && words[k + 1]) return words[k + 1];
    const m = /^(?:--prefix=|(?:-D)?(?:CMAKE_INSTALL_)?PREFIX(?::PATH)?=)(.+)$/.exec(words[k]);
    if (m) return m[1];
  }
  return undefined;
}

/** The build tool a command runs: a compiler or build system (the C/C++ profile's), `./configure`, a build script (`./build.sh`, `sh build.sh`, `./x`). */
function toolOf(cmd: ShellCommand): string | undefined {
  const built = cppProfile.buildCommand(cmd);
  if (built) return built.shown;
  const i = programIndex(cmd);
  const word = cmd.words[i]?.text ?? '';
  const script = /^(sh|bash)$/.test(word) ? cmd.words[i + 1]?.text ?? '' : word;
  return /^[\w./-]*build[\w.-]*\.sh$|^\.\/\w+$/.test(script) ? script : undefined;
}

function make(stack: StackId): Recipe {
  return ({ analysis: a, buildSteps }) => {
    const prog = programPath(a);
    const commands = a.items.filter((i) => i.keyword === 'RUN' && buildSteps.includes(i.position)).flatMap((i) => commandsOf(a, i));
    const installs = commands.some(installsBuilt);
    const prefixDir = commands.map(prefixOf).find((p) => p !== undefined) ?? '/usr/local';
    const notes: string[] = [];
    const placeholders = [];
    const artifacts: RecipePlan['artifacts'] = [];
    const { dir } = stepDir(a, Math.max(...buildSteps));
    const tool = commands.map(toolOf).find((t) => t !== undefined) ?? 'build';
    const haskell = commands.find((cmd) => ['stack', 'cabal'].includes(programOf(cmd)) && subcommand(argsOf(cmd))?.text === 'install');
    if (prog?.path && !inPath(prog.path)) {
      artifacts.push({ source: prog.path, destination: prog.path, producedBy: tool });
      notes.push(`Copied: the program ${prog.path}.`);
    } else if (prog && !prog.path && haskell) {
      const source = programOf(haskell) === 'cabal' ? `/root/.cabal/bin/${prog.program}` : `/root/.local/bin/${prog.program}`;
      artifacts.push({ source, destination: `/usr/local/bin/${prog.program}`, producedBy: 'install' });
      notes.push(`The program moved from ${source} to /usr/local/bin/${prog.program} (on PATH).`);
    } else if (installs && prefixDir === '/usr/local') {
      artifacts.push({ source: '/usr/local', destination: '/usr/local', producedBy: 'install' });
      notes.push('Copied: /usr/local, where `make install` put the program and its files.');
    } else {
      artifacts.push({ source: ARTIFACT_TOKEN, destination: ARTIFACT_TOKEN, producedBy: tool });
      placeholders.push(artifactPlaceholder('the built program', prog?.path ?? (installs ? `${prefixDir}/bin/${prog?.program ?? 'app'}` : joinPath(dir, prog?.program ?? 'build'))));
    }
    const sh = shellBase(a);
    if (typeof sh === 'string') return sh;
    const libs = runtimeLibraries(a, sh.shell, sh.image);
    const setup = libs.packages.length ? [installLine(sh.shell, libs.packages)] : [];
    notes.push(`The runtime is ${sh.image}, the same distribution without the compilers.`);
    if (libs.unknown.length) return `no runtime package is known for ${libs.unknown.join(', ')}: the runtime stage could not be given the libraries the program links`;
    if (sh.image === a.base.resolved && !installs && artifacts[0].source === ARTIFACT_TOKEN) notes.push('The runtime base is the original image: the gain is the build tools and sources left behind.');
    return { stack, runtimeBase: sh.image, runtimeShell: sh.shell, artifacts, runtimeSetup: setup, buildAdditions: [], configChanges: [], notes, placeholders };
  };
}

export const cpp = make('cpp');
export const generic = make('generic');
