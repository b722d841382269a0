import type { Copy } from 'dockerfile-ast';
import { keywordOf, type DockerfileModel, type Stage } from '../model';
import { stageLabel } from './util';
import type { Finding, Rule } from './types';

/** DS109: `COPY --from=<stage> / …` copies a whole filesystem, toolchain included. */
export const copyWholeFilesystem: Rule = {
  code: 'DS109',
  name: 'copy-whole-filesystem',
  category: 'stage graph',
  defaultSeverity: 'warning',
  title: 'COPY of a whole filesystem',
  fix: 'none',
  tags: ['stages', 'copy'],
  description: "COPY --from copies '/' (a build stage's whole filesystem) instead of the artifacts.",
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      // Stage-aware: a stage the final image does not need ships nothing, whatever it copies.
      if (!stage.reachable) continue;
      for (const instruction of analysis.instructionsOf(stage, 'COPY')) {
        const flag = (instruction as Copy).getFromFlag();
        if (!flag?.getValue()) continue;
        const ref = stage.references.find((r) => r.instruction === instruction && r.kind === 'copy');
        // Copying all of a small tool image (`COPY --from=docker/cli / /`) is a known idiom; a stage's '/' is its toolchain.
        if (ref?.target === undefined) continue;
        const from = model.stages[ref.target];
        // A stage that only names an image (`FROM tonistiigi/xx AS xx`, `FROM gcr.io/distroless/base AS rootfs`)
        // is a tool image too; a stage rooted in scratch holds only what was copied into it (an export stage).
        if (isImageAlias(from) || rootsInScratch(model, from)) continue;
        const source = stageLabel(from);
        for (const src of analysis.sources(instruction)) {
          if (!/^\/+\.?$/.test(src.getValue())) continue;
          out.push({ range: src.getRange(), message: `COPY --from=${flag.getValue()} / copies the whole filesystem of ${source}; copy only the artifacts you need` });
        }
      }
    }
    return out;
  },
};

/** Instructions that add no files: a stage of only these is its base image under a name. */
const NO_FILES = new Set(['FROM', 'ARG', 'ENV', 'LABEL', 'USER', 'WORKDIR', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'SHELL', 'STOPSIGNAL', 'HEALTHCHECK', 'VOLUME', 'ONBUILD', 'MAINTAINER']);

/** Images made to be copied whole: cross-compilation helpers, distroless and static roots, *-bin tool images. */
const WHOLE_COPY_IMAGE = /(^|\/)(xx|distroless|busybox|static|binfmt|[\w.-]+-bin)(\/|$)|^(tonistiigi|crazymax)\/|^gcr\.io\/distroless\/|^cgr\.dev\/chainguard\/static/;

function isImageAlias(stage: Stage): boolean {
  if (stage.base.kind !== 'image' || !stage.instructions.every((i) => NO_FILES.has(keywordOf(i)))) return false;
  // `FROM $ROOTFS_IMAGE AS rootfs`: an image the build is given, copied whole on purpose.
  if (stage.base.text.includes('$')) return true;
  const repository = stage.base.name?.repository ?? stage.base.resolvedText;
  return WHOLE_COPY_IMAGE.test(repository);
}

function rootsInScratch(model: DockerfileModel, stage: Stage): boolean {
  let s: Stage | undefined = stage;
  const seen = new Set<number>();
  while (s && s.base.kind === 'stage' && !seen.has(s.index)) {
    seen.add(s.index);
    s = model.stages[s.base.stage];
  }
  return s?.base.kind === 'scratch';
}

/** The body of docs/rules/DS109.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`COPY --from=<stage> / \u2026\` copies the whole filesystem of the build stage \u2014 compilers, caches, sources \u2014 into the image, which undoes the point of a multi-stage build.

Not reported: a stage that only names a helper image made to be copied whole (\`FROM tonistiigi/xx AS xx\` for
cross-compilation, distroless and static roots, \`*-bin\` tool images, an image given by a build argument), and a
stage rooted in \`FROM scratch\`, which holds only what was copied into it (an export stage). A stage the final image
does not use ships nothing and is not reported.

## Bad

\`\`\`dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app
FROM scratch
COPY --from=build / /
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app
FROM scratch
COPY --from=build /out/app /app
\`\`\`

## Quick fix

None: copy the artifacts.
`;
