import { programOf } from '../commands';
import { argTexts, built, hasSubcommand, runsSubcommand, testStep, withSubcommand } from './match';
import { defineStack } from './define';

export const rust = defineStack({
  id: 'rust',
  name: 'Rust',
  stacks: ['rust'],
  detectionOrder: 50,
  labels: { rust: 'Rust' },
  programs: ['cargo', 'rustc'],
  compiled: ['rust'],
  baseImages: { rust: 'rust' },
  buildCommand(cmd) {
    const cargo = withSubcommand(cmd, ['cargo'], ['build', 'install'], 'rust');
    if (cargo || programOf(cmd) !== 'rustc') return cargo;
    // `rustc -O main.rs`: the first operand is a source file.
    const source = argTexts(cmd).findIndex((a) => !a.startsWith('-'));
    return source >= 0 && /^[\w./-]+\.rs$/.test(argTexts(cmd)[source]) ? built(cmd, 'rust', source) : undefined;
  },
  buildPackages: ['rustc', 'cargo', 'rust'],
  sourceFiles: [/.*\.rs/, 'Cargo.toml', 'Cargo.lock'],
  sourceDirs: ['target'],
  buildCaches: ['/root/.cargo', '/root/.rustup', '/usr/local/cargo', '/usr/local/rustup'],
  imageVariants: { images: ['rust'], variants: 'slim-alpine' },
  detection: { manifests: ['Cargo.toml'], images: /rust/ },
  toolchainImage: (i) => (i.last === 'rust' ? { stack: 'rust', label: 'the Rust toolchain', runtime: 'debian:bookworm-slim or gcr.io/distroless/cc' } : undefined),
  steps: {
    compile: { kind: 'compile', phrase: 'compiles the Rust binary', toolchain: 'Rust', matches: (cmd) => !!rust.buildCommand(cmd) },
    deps: { kind: 'deps', phrase: 'fetches the Rust crates', matches: (cmd) => hasSubcommand(cmd, ['cargo'], ['fetch']) },
    test: testStep((cmd) => runsSubcommand(cmd, ['cargo'], ['test'])),
  },
  runtimeBases: [{ key: 'glibc', image: 'gcr.io/distroless/cc-debian{debian}', when: 'a glibc binary that needs neither a shell nor OS packages' }],
  dockerignore: ['# Rust', 'target'],
  dockerignoreMadeBy: { target: 'build' },
});
