import { hasSubcommand } from './match';
import type { StackProfile } from './types';

export const php: StackProfile = {
  id: 'php',
  name: 'PHP',
  stacks: ['generic'],
  detectionOrder: 80,
  labels: {},
  programs: [],
  compiled: [],
  baseImages: {},
  buildCommand: () => undefined,
  buildPackages: [],
  sourceFiles: [],
  sourceDirs: [],
  buildCaches: [],
  imageVariants: { images: ['php'], variants: 'slim-alpine' },
  detection: { manifests: ['composer.json'], images: /php/ },
  steps: {
    deps: { kind: 'deps', phrase: 'installs the PHP dependencies', matches: (cmd) => hasSubcommand(cmd, ['composer'], ['install']) },
  },
  artifacts: ['vendor/'],
  runtimeBases: [{ image: 'php:{php}-fpm-alpine', when: 'behind a web server' }],
  pruneDevDependencies: 'composer install --no-dev',
  dockerignore: ['# PHP', 'vendor', 'var/cache', 'var/log'],
  sizeFacts: ['php:<v>-apache is ~500 MB uncompressed'],
};
