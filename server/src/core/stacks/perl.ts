import { argTexts, hasSubcommand } from './match';
import { programOf } from '../commands';
import { defineStack } from './define';

export const perl = defineStack({
  id: 'perl',
  name: 'Perl',
  detectionOrder: 85,
  detection: { manifests: ['cpanfile', 'Makefile.PL', 'Build.PL'], images: /perl/ },
  // perl publishes `<tag>-slim` and `<tag>-slim-<release>`, no alpine images.
  imageVariants: { images: ['perl'], variants: 'slim' },
  steps: {
    deps: { kind: 'deps', phrase: 'installs the CPAN modules', matches: (cmd) => hasSubcommand(cmd, ['cpan', 'carton'], ['install']) || (programOf(cmd) === 'cpanm' && argTexts(cmd).length > 0) },
  },
  dockerignore: ['# Perl', 'blib', '_build', 'local', 'MYMETA.*', 'pm_to_blib', 'cover_db'],
  dockerignoreMadeBy: { blib: 'build', _build: 'build', pm_to_blib: 'build', local: 'deps' },
});
