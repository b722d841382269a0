/** C/C++ (make, cmake, gcc) and the generic fallback: the built program (or what `make install` put in /usr/local) on a slim base of the same distro. */
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe, RecipePlan } from './recipe';
import { inPath, installLine, joinPath, programPath, runtimeLibraries, shellBase, stepDir } from './common';
import type { StackId } from '../types';

function make(stack: StackId): Recipe {
  return ({ analysis: a, buildSteps }) => {
    const prog = programPath(a);
    const runs = a.items.filter((i) => i.keyword === 'RUN' && buildSteps.includes(i.position)).map((i) => i.args).join('\n');
    const installs = /\bmake\s+(\S+\s+)*install\b|\bcmake\s+--install\b|\bninja\s+install\b|\bcargo\s+install\b|\bgo\s+install\b/.test(runs);
    const prefix = /--prefix[= ](\S+)|CMAKE_INSTALL_PREFIX(?::PATH)?=(\S+)|PREFIX=(\S+)/.exec(runs);
    const prefixDir = prefix ? (prefix[1] ?? prefix[2] ?? prefix[3]).replace(/["']/g, '') : '/usr/local';
    const notes: string[] = [];
    const placeholders = [];
    const artifacts: RecipePlan['artifacts'] = [];
    const { dir } = stepDir(a, Math.max(...buildSteps));
    const tool = /(?:^|[\s;&(])(make|cmake|gcc|g\+\+|cc|c\+\+|clang\+\+|clang|ninja|meson|\.\/configure|[\w./-]*build[\w.-]*\.sh|\.\/\w+)(?=\s|$)/.exec(runs)?.[1] ?? 'build';
    if (prog?.path && !inPath(prog.path)) {
      artifacts.push({ source: prog.path, destination: prog.path, producedBy: tool });
      notes.push(`Copied: the program ${prog.path}.`);
    } else if (prog && !prog.path && /\b(stack|cabal)\s+install\b/.test(runs)) {
      const source = /\bcabal\b/.test(runs) ? `/root/.cabal/bin/${prog.program}` : `/root/.local/bin/${prog.program}`;
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
