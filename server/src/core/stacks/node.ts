import type { StackProfile } from './types';

/** Any Node.js build step (rules, DS201): a package script named like a build, or a bundler/compiler. */
const ANY_BUILD = String.raw`(npm|pnpm|yarn)\s+(run\s+)?(build|compile|dist|bundle)\b|(tsc|ng\s+build|vite\s+build|webpack|next\s+build|nuxt\s+build|react-scripts\s+build|nest\s+build|vue-cli-service\s+build|gatsby\s+build)\b`;
/** The same as a plain regex, anywhere in a script. */
export const NODE_BUILD = new RegExp(String.raw`\b(?:${ANY_BUILD})`);

export const node: StackProfile = {
  id: 'node',
  name: 'Node.js',
  stacks: ['node', 'spa'],
  detection: { manifests: ['package.json'], images: /\bnode\b/ },
  toolchainImage: undefined,
  build: {
    any: ANY_BUILD,
    script: String.raw`(?:npm|pnpm)\s+run\s+build\b|yarn\s+(?:run\s+)?build\b|bun\s+run\s+build\b`,
    compile: String.raw`(?:npx\s+)?(?:tsc|vite\s+build|next\s+build|ng\s+build|webpack)\b`,
    deps: String.raw`(?:npm\s+(?:ci|install|i)\b|yarn(?:\s+install)?\s*(?:$|--|&&|;)|pnpm\s+(?:install|i)\b|bun\s+install\b)`,
  },
  artifacts: ['dist/ or build/ (bundlers, tsc)', '.next/ (Next.js)', 'node_modules with production dependencies only'],
  runtimeBases: [
    { image: 'node:{node}-slim', when: 'a server' },
    { image: 'nginx:alpine', when: 'a static single-page app (spa)' },
  ],
  pruneDevDependencies: 'npm ci --omit=dev (or npm prune --omit=dev after the build)',
  dockerignore: ['# Node.js', 'node_modules', 'npm-debug.log*', 'yarn-error.log', '.npm', 'coverage', 'dist', 'build', '.next'],
  sizeFacts: ['node:<v> is ~1 GB uncompressed, node:<v>-slim ~200 MB'],
};
