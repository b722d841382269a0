import { imageParts, toolchainImage } from '../stacks';
import { isTaskStage, runsToolchainTool } from './stagePurpose';
import { isSingleStageBuild } from './toolchain';
import { chainOf } from '../stageChain';
import type { Finding, Rule } from './types';

/** Toolchain images (the stack profiles'), with what they hold and a runtime base to ship on. */
function toolchainOf(repository: string, tag: string, registry?: string): { label: string; runtime: string } | undefined {
  return toolchainImage(imageParts({ registry, repository, tag }));
}

/** The container itself runs the toolchain (a dev image): `go run`, `cargo run`, `mvn spring-boot:run` ... */
const RUNS_TOOLCHAIN = /\b(go\s+(run|test)|cargo\s+(run|watch|test)|mvn\w*\b.*\b(spring-boot:run|test|exec:java)|gradle\w*\b.*\b(bootRun|run|test)|dotnet\s+(run|watch|test)|sbt\b)/;

/**
 * DS210: a multi-stage build whose final stage is still a toolchain image (golang, rust, maven, gradle, the
 * .NET SDK ...): the build stage is there, but the image that ships carries the compiler anyway. (A single-stage
 * build keeping its toolchain is DS201's.)
 */
export const toolchainFinalStage: Rule = {
  code: 'DS210',
  name: 'toolchain-final-stage',
  category: 'image size',
  defaultSeverity: 'warning',
  title: 'Toolchain image as the final stage',
  fix: 'none',
  tags: ['toolchain', 'base-image'],
  description: 'The final stage of a multi-stage build is based on a toolchain image (SDK, JDK, golang, rust, maven, gradle).',
  check({ model }) {
    const final = model.finalStage;
    if (!final || model.stages.length < 2 || isSingleStageBuild(model)) return [];
    const root = chainOf(model, final)[0];
    if (root.base.kind !== 'image' || !root.base.name || root.base.unresolved.length) return [];
    const { repository, tag = '', registry } = root.base.name;
    const toolchain = toolchainOf(repository, tag, registry);
    if (!toolchain) return [];
    const config = final.config;
    if (RUNS_TOOLCHAIN.test(`${config.entrypoint?.value ?? ''} ${config.cmd?.value ?? ''}`.replace(/[[\]",]/g, ' '))) return [];
    if (isTaskStage(final) || runsToolchainTool(final) || (final.name && /(^|[-_.])(build|builder)([-_.]|$)/i.test(final.name))) return [];
    const out: Finding[] = [
      {
        range: root.base.range,
        message: `the final image is based on '${root.base.resolvedText}', which ships ${toolchain.label}: copy the built artifact into a runtime base (${toolchain.runtime}) instead`,
      },
    ];
    return out;
  },
};

/** The body of docs/rules/DS210.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

The build has a build stage, but the image that ships is still a toolchain image: \`golang\`, \`rust\`, \`maven\`, \`gradle\`, \`sbt\`, \`gcc\`, the .NET SDK or a full JDK. It carries the compiler, the package caches and hundreds of megabytes the program does not need at run time. Copy the artifact into a runtime base instead. Not reported when the container runs the toolchain itself (\`go run\`, \`cargo run\`, \`mvn spring-boot:run\`, tests) or when the final stage is named as a dev/test/build target; a single-stage build is DS201's.

## Bad

\`\`\`dockerfile
FROM node:20 AS assets
RUN npm ci && npm run build
FROM golang:1.22
COPY --from=assets /app/dist /srv/static
RUN go build -o /usr/local/bin/server .
CMD ["server"]
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20 AS assets
RUN npm ci && npm run build
FROM golang:1.22 AS build
COPY --from=assets /app/dist /srv/static
RUN CGO_ENABLED=0 go build -o /out/server .
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/server /server
COPY --from=assets /app/dist /srv/static
CMD ["/server"]
\`\`\`

## Quick fix

None; on a single-stage Dockerfile, DS201's conversion builds the multi-stage file.
`;
