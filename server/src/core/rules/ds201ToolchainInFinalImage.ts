import { isToolboxImage, isTaskStage, runsToolchainTool } from './stagePurpose';
import { isSingleStageBuild, keptToolchain } from './toolchain';
import type { Rule } from './types';

/**
 * DS201: the final image of a single-stage Dockerfile keeps the build toolchain. The diagnostic carries
 * `data.stack`; the conversion to a multi-stage build (core/convert) is offered from it.
 */
export const toolchainInFinalImage: Rule = {
  code: 'DS201',
  name: 'toolchain-in-final-image',
  category: 'image size',
  defaultSeverity: 'warning',
  title: 'Toolchain in the final image',
  fix: 'conversion',
  tags: ['toolchain', 'stages'],
  description: 'The final image of a single-stage Dockerfile keeps the build toolchain; build in one stage and ship another.',
  check({ model, analysis }) {
    const final = model.finalStage;
    if (!final || !isSingleStageBuild(model)) return [];
    // The toolchain is the product: a lint/test/dev target, or a container that runs a tool needing it (go vet, cargo, protoc ...).
    // Nor a CI, toolbox or base image (no start command, nothing copied in): there is no app to split off.
    if (isTaskStage(final) || runsToolchainTool(final) || isToolboxImage(model, final)) return [];
    const toolchain = keptToolchain(model, analysis, final);
    if (!toolchain) return [];
    return [
      {
        range: toolchain.range,
        message: `the final image keeps ${toolchain.label}: build in a separate stage and copy only the artifacts into a small runtime image`,
        data: { stack: toolchain.stack },
      },
    ];
  },
};

/** The body of docs/rules/DS201.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

A single-stage Dockerfile ships its build toolchain: the Go or Rust toolchain, Maven/Gradle and the JDK, the .NET SDK, gcc/build-essential, or a Node.js image with its dev dependencies after a build step. They are hundreds of megabytes the running program never uses, and attack surface. Build in one stage, copy the artifacts into a small runtime stage. The diagnostic carries \`data.stack\` (\`go\`, \`node\`, \`python\`, \`java-maven\`, \`java-gradle\`, \`rust\`, \`dotnet\`, \`cpp\`, \`generic\`); the conversion to a multi-stage build is offered from it as a code action.

A toolchain removed in the same RUN is not kept: \`apk del .build-deps\`, \`apt-get purge\` of the compiler, or the
official images' \`apt-mark auto\` + \`apt-get purge --auto-remove\` naming no package.

## Bad

\`\`\`dockerfile
FROM golang:1.22
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .
CMD ["/app"]
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

FROM gcr.io/distroless/static-debian12
COPY --from=build /app /app
CMD ["/app"]
\`\`\`

## Quick fix

Convert to a multi-stage build (a refactoring from the conversion feature, offered on this diagnostic).
`;
