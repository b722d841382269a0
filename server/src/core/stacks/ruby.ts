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
  dockerignore: ['# Ruby', '.bundle', 'vendor/bundle', 'log', 'tmp', 'coverage'],
  dockerignoreMadeBy: { 'vendor/bundle': 'deps' },
});
