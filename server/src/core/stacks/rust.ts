import type { StackProfile } from './types';

export const rust: StackProfile = {
  id: 'rust',
  name: 'Rust',
  stacks: ['rust'],
  detection: { manifests: ['Cargo.toml'], images: /rust/ },
  toolchainImage: (i) => (i.last === 'rust' ? { stack: 'rust', label: 'the Rust toolchain', runtime: 'debian:bookworm-slim or gcr.io/distroless/cc' } : undefined),
  build: { compile: String.raw`cargo\s+(?:build|install)\b`, deps: String.raw`cargo\s+fetch\b` },
  artifacts: ['target/release/<binary>'],
  runtimeBases: [
    { image: 'gcr.io/distroless/cc-debian12', when: 'a glibc binary' },
    { image: 'debian:bookworm-slim', when: 'the binary needs a shell or OS packages' },
  ],
  dockerignore: ['# Rust', 'target'],
  sizeFacts: ['the rust image is ~1.5 GB uncompressed; target/ holds GBs of intermediate objects'],
};
