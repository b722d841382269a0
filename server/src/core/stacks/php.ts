import type { StackProfile } from './types';

export const php: StackProfile = {
  id: 'php',
  name: 'PHP',
  stacks: ['generic'],
  detection: { manifests: ['composer.json'], images: /php/ },
  build: { deps: String.raw`composer\s+install\b` },
  artifacts: ['vendor/'],
  runtimeBases: [{ image: 'php:{php}-fpm-alpine', when: 'behind a web server' }],
  pruneDevDependencies: 'composer install --no-dev',
  dockerignore: ['# PHP', 'vendor', 'var/cache', 'var/log'],
  sizeFacts: ['php:<v>-apache is ~500 MB uncompressed'],
};
