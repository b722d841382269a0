import { formatImageName } from '../imageRef';
import { lookupBaseImage } from '../size/baseImages';
import { copySources, NameMatcher } from './util';
import type { Finding, Rule } from './types';

const STAGE_LIKE = /build|compil|deps?$|dependenc|base|stage|install|prod|release|runtime|assets|dist|artifact/i;

/**
 * DS110: `COPY --from=compiler` (or `RUN --mount from=compiler`) where no stage is named `compiler` and the
 * word is not an image anyone publishes under that name: BuildKit silently pulls `docker.io/library/compiler`.
 * A near-typo of a stage name is DS101's; a reference with a tag, registry or path is an image on purpose.
 */
export const copyFromImageName: Rule = {
  code: 'DS110',
  name: 'copy-from-missing-stage',
  category: 'stage graph',
  defaultSeverity: 'warning',
  description: 'COPY --from names no stage and no known image: the build pulls an image of that name from Docker Hub.',
  hadolint: ['DL3022'],
  check({ model }) {
    const out: Finding[] = [];
    const matcher = new NameMatcher(model.stages.filter((s) => s.name).map((s) => s.name!));
    for (const ref of model.references) {
      if (ref.kind === 'from' || ref.target !== undefined || ref.numeric || ref.unresolved.length || ref.text.includes('$')) continue;
      const word = ref.resolvedText;
      if (!/^[a-z0-9][a-z0-9_.-]*$/i.test(word) || /[:/@]/.test(word)) continue;
      if (matcher.closest(word)) continue; // DS101: a misspelt stage name
      if (ref.image && lookupBaseImage(ref.image)) continue; // an official image (busybox, nginx ...)
      // Relative sources (`COPY --from=docs index.md .`) read like a named build context (--build-context docs=./docs),
      // which the command line provides; files taken from an image or stage are named by absolute path.
      // A stage-like word (compiler, builder, deps ...) is a missing stage all the same.
      if (ref.kind === 'copy' && !STAGE_LIKE.test(word) && copySources(ref.instruction).every((s) => !s.getValue().startsWith('/'))) continue;
      const what = ref.kind === 'copy' ? 'COPY --from' : 'RUN --mount from';
      out.push({
        range: ref.range,
        message: `${what}=${ref.text} names no stage of this file: the build pulls the image '${ref.image ? formatImageName(ref.image) : word}' from Docker Hub instead; name the stage (FROM … AS ${word}), write the image with its tag, or pass it as a named context (--build-context ${word}=…)`,
      });
    }
    return out;
  },
};
