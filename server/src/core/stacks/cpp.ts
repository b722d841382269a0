import { programIndex, programOf } from '../commands';
import { built } from './match';
import { defineStack } from './define';

/** OS packages that install a C/C++ compiler (apt, apk, yum names). */
export const C_PACKAGES = ['build-essential', 'gcc', 'g++', 'clang', 'build-base', 'cmake', 'gcc-c++', 'alpine-sdk', 'musl-dev'];

/** Compilers and build systems: a command that runs one builds C/C++ code. */
const BUILD_PROGRAMS = ['make', 'cmake', 'gcc', 'g++', 'cc', 'c++', 'clang++', 'clang', 'ninja', 'meson'];

export const cpp = defineStack({
  id: 'cpp',
  name: 'C/C++',
  stacks: ['cpp'],
  detectionOrder: 90,
  labels: { cpp: 'C/C++' },
  compiled: ['cpp'],
  baseImages: { gcc: 'cpp', 'gcc-cmake': 'cpp' },
  buildCommand(cmd) {
    const i = programIndex(cmd);
    return BUILD_PROGRAMS.includes(programOf(cmd)) || cmd.words[i]?.text === './configure' ? built(cmd, 'cpp', -1) : undefined;
  },
  buildPackages: [
    ...C_PACKAGES,
    /gcc-\d+/, /g\+\+-\d+/, /clang-\d+/, 'llvm', 'lld', 'make', 'ninja', 'ninja-build', 'samurai', 'meson', 'autoconf', 'automake', 'libtool',
    /pkg-?config/, 'pkgconf', 'libc-dev', 'linux-headers', 'bison', 'flex', 'dpkg-dev', 'ccache', 'gfortran', 'nasm', 'yasm',
  ],
  sourceFiles: [/.*\.(c|cc|cpp|cxx|h|hh|hpp)/, 'CMakeLists.txt', 'Makefile', 'makefile'],
  sourceDirs: ['include'],
  detection: { manifests: ['CMakeLists.txt', 'Makefile'], images: /(^|\/)(gcc|clang)\b/ },
  toolchainImage: (i) => (/(^|[-_])(gcc|clang|cmake)([-_]|$)/.test(i.last) ? { stack: 'cpp', label: 'the C/C++ compiler', runtime: 'debian:bookworm-slim' } : undefined),
  steps: {
    compile: { kind: 'compile', phrase: 'compiles C/C++ code', toolchain: 'C toolchain', matches: (cmd) => programOf(cmd) !== 'make' && !!cpp.buildCommand(cmd) },
    make: { kind: 'compile', phrase: 'builds with make', toolchain: 'build tools', matches: (cmd) => programOf(cmd) === 'make' },
  },
  dockerignore: ['# C/C++', 'build', '*.o', '*.a'],
  dockerignoreMadeBy: { build: 'build', '*.o': 'build', '*.a': 'build' },
});

/** The C/C++ compilers and build systems as programs (`make`, `gcc`, `ninja`). */
export const CPP_BUILD_PROGRAMS: readonly string[] = BUILD_PROGRAMS;
