import type { StackProfile } from './types';

export const go: StackProfile = {
  id: 'go',
  name: 'Go',
  stacks: ['go'],
  detection: { manifests: ['go.mod'], images: /golang/ },
  toolchainImage: (i) => (i.last === 'golang' ? { stack: 'go', label: 'the Go toolchain', runtime: 'gcr.io/distroless/static or alpine' } : undefined),
  build: { compile: String.raw`go\s+(?:build|install)\b`, deps: String.raw`go\s+mod\s+download\b` },
  artifacts: ['a static binary (CGO_ENABLED=0) or one linked against libc'],
  runtimeBases: [
    { image: 'gcr.io/distroless/static-debian12', when: 'CGO_ENABLED=0' },
    { image: 'alpine:3.20', when: 'the binary needs a shell or CA certificates from the OS' },
    { image: 'gcr.io/distroless/base-debian12', when: 'cgo links against glibc' },
  ],
  dockerignore: ['# Go', 'bin', 'vendor', '*.test', 'coverage.out'],
  sizeFacts: ['the golang image is ~800 MB uncompressed; a static binary on distroless/static adds ~2 MB'],
};
