import type { StackProfile } from './types';

/** OS packages that install a C/C++ compiler (apt, apk, yum names). */
export const C_PACKAGES = ['build-essential', 'gcc', 'g++', 'clang', 'build-base', 'cmake', 'gcc-c++', 'alpine-sdk', 'musl-dev'];

export const cpp: StackProfile = {
  id: 'cpp',
  name: 'C/C++',
  stacks: ['cpp'],
  detection: { manifests: ['CMakeLists.txt', 'Makefile'], images: /(^|\/)(gcc|clang)\b/ },
  toolchainImage: (i) => (/^(gcc|clang)$/.test(i.last) ? { stack: 'cpp', label: 'the C/C++ compiler', runtime: 'debian:bookworm-slim' } : undefined),
  build: { compile: String.raw`(?:cmake|ninja|gcc|g\+\+|clang|cc)\b`, make: String.raw`make\b` },
  artifacts: ['the built binary and the shared libraries it links'],
  runtimeBases: [{ image: 'debian:bookworm-slim', when: 'a binary linked against glibc' }],
  dockerignore: ['# C/C++', 'build', '*.o', '*.a'],
  sizeFacts: ['build-essential adds ~250 MB to a Debian image'],
};
