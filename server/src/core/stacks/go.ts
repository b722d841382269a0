import { argTexts, built, runsSubcommand, testStep, withSubcommand } from './match';
import { programOf } from '../commands';
import { defineStack } from './define';

export const go = defineStack({
  id: 'go',
  name: 'Go',
  stacks: ['go'],
  detectionOrder: 20,
  labels: { go: 'Go' },
  detection: { manifests: ['go.mod'], images: /golang/ },
  toolchainImage: (i) => (i.last === 'golang' ? { stack: 'go', label: 'the Go toolchain', runtime: 'gcr.io/distroless/static or alpine' } : undefined),
  steps: {
    compile: { kind: 'compile', phrase: 'compiles the Go binary', toolchain: 'Go', matches: (cmd) => !!go.buildCommand(cmd) },
    deps: { kind: 'deps', phrase: 'downloads the Go modules', matches: (cmd) => !!go.manifestInstall?.(cmd) },
    test: testStep((cmd) => runsSubcommand(cmd, ['go'], ['test'])),
  },
  programs: ['go'],
  compiled: ['go'],
  baseImages: { golang: 'go' },
  buildCommand(cmd) {
    const compile = withSubcommand(cmd, ['go'], ['build', 'install'], 'go');
    if (compile || programOf(cmd) !== 'go') return compile;
    // `go get example.com/tool` (before modules: builds and installs it).
    const args = argTexts(cmd);
    if (args[0] !== 'get') return undefined;
    const target = args.findIndex((a, k) => k > 0 && !a.startsWith('-'));
    return target > 0 && /^[a-z0-9.-]+\.[a-z]+\/\S+/.test(args[target]) ? built(cmd, 'go', target) : undefined;
  },
  manifestInstall(cmd) {
    const args = argTexts(cmd);
    return programOf(cmd) === 'go' && args[0] === 'mod' && args[1] === 'download' && args.slice(2).every((a) => a.startsWith('-')) ? 'go.mod go.sum*' : undefined;
  },
  buildPackages: ['golang', 'golang-go', /golang-\d.*/, 'go'],
  sourceFiles: [/.*\.(go|mod|sum)/, 'go.work'],
  sourceDirs: ['cmd', 'internal', 'pkg', 'vendor'],
  buildCaches: ['/root/go', '/root/gocode', '/go', '/usr/local/go'],
  imageVariants: { images: ['golang'], variants: 'alpine' },
  runtimeBases: [{ key: 'static', image: 'gcr.io/distroless/static-debian{debian}', when: 'a static binary (CGO_ENABLED=0) that needs no shell' }],
  // Not vendor/: a module that vendors its dependencies builds from it (`go build` uses it by default since Go 1.14).
  dockerignore: ['# Go', 'bin', '*.test', 'coverage.out'],
  dockerignoreMadeBy: { bin: 'build' },
});
