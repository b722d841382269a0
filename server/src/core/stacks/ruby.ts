import type { StackProfile } from './types';

export const ruby: StackProfile = {
  id: 'ruby',
  name: 'Ruby',
  stacks: ['generic'],
  detection: { manifests: ['Gemfile'], images: /ruby/ },
  build: { assets: String.raw`rake\s+assets:precompile\b`, deps: String.raw`bundle\s+install\b|gem\s+install\b` },
  artifacts: ['vendor/bundle'],
  runtimeBases: [{ image: 'ruby:{ruby}-slim', when: 'always' }],
  pruneDevDependencies: 'bundle config set without "development test"',
  dockerignore: ['# Ruby', '.bundle', 'vendor/bundle', 'log', 'tmp', 'coverage'],
  sizeFacts: ['ruby:<v> is ~900 MB uncompressed, ruby:<v>-slim ~200 MB'],
};
