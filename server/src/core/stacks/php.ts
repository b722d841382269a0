import { hasSubcommand } from './match';
import { defineStack } from './define';

export const php = defineStack({
  id: 'php',
  name: 'PHP',
  detectionOrder: 80,
  // php publishes no -slim images; -cli, -fpm and the bare tags have -alpine ones, -apache has none.
  imageVariants: { images: ['php'], variants: 'alpine', without: /apache/ },
  detection: { manifests: ['composer.json'], images: /php/ },
  steps: {
    deps: { kind: 'deps', phrase: 'installs the PHP dependencies', matches: (cmd) => hasSubcommand(cmd, ['composer'], ['install']) },
  },
  dockerignore: ['# PHP', 'vendor', 'var/cache', 'var/log'],
  dockerignoreMadeBy: { vendor: 'deps' },
});
