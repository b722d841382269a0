import { hasSubcommand } from './match';
import { defineStack } from './define';

export const ruby = defineStack({
  id: 'ruby',
  name: 'Ruby',
  detectionOrder: 70,
  imageVariants: { images: ['ruby'], variants: 'slim-alpine' },
  detection: { manifests: ['Gemfile'], images: /ruby/ },
  steps: {
    deps: { kind: 'deps', phrase: 'installs Ruby gems', matches: (cmd) => hasSubcommand(cmd, ['bundle', 'gem'], ['install']) },
  },
  artifacts: ['vendor/bundle'],
  runtimeBases: [{ image: 'ruby:{ruby}-slim', when: 'always' }],
  pruneDevDependencies: 'bundle config set without "development test"',
  dockerignore: ['# Ruby', '.bundle', 'vendor/bundle', 'log', 'tmp', 'coverage'],
  sizeFacts: ['ruby:<v> is ~900 MB uncompressed, ruby:<v>-slim ~200 MB'],
});
