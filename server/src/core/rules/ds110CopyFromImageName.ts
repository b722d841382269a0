import { formatImageName } from '../imageRef';
import { lookupBaseImage } from '../size/baseImages';
import { NameMatcher } from './util';
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
  title: 'COPY --from a missing stage',
  fix: 'none',
  tags: ['stages', 'copy'],
  description: 'COPY --from names no stage and no known image: the build pulls an image of that name from Docker Hub.',
  hadolint: ['DL3022'],
  check({ model, analysis }) {
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
      if (ref.kind === 'copy' && !STAGE_LIKE.test(word) && analysis.sources(ref.instruction).every((s) => !s.getValue().startsWith('/'))) continue;
      const what = ref.kind === 'copy' ? 'COPY --from' : 'RUN --mount from';
      out.push({
        range: ref.range,
        message: `${what}=${ref.text} names no stage of this file: the build pulls the image '${ref.image ? formatImageName(ref.image) : word}' from Docker Hub instead; name the stage (FROM … AS ${word}), write the image with its tag, or pass it as a named context (--build-context ${word}=…)`,
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS110.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`COPY --from=compiler\` takes files from the stage named \`compiler\`. When no stage has that name, BuildKit does not fail: it treats the word as an image reference and pulls \`docker.io/library/compiler:latest\`. The build then fails with "pull access denied", or worse, copies from an unrelated public image. A near-typo of a stage name is DS101 (with a fix); a word that is a known official image (\`busybox\`, \`nginx\`) or a reference with a tag, registry or path is taken as the image you meant.

## Bad

\`\`\`dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM alpine:3.20
COPY --from=compiler /out/app /app
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS compiler
RUN go build -o /out/app .
FROM alpine:3.20
COPY --from=compiler /out/app /app
\`\`\`

## Quick fix

None: name the stage, or write the image with its tag (\`--from=registry.example.com/tools/compiler:1.0\`).
`;
