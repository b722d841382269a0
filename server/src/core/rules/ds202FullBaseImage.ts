import { formatImageName } from '../imageRef';
import { fix, replace } from './util';
import { isSingleStageBuild, keptToolchain } from './toolchain';
import { chainOf } from '../stageChain';
import type { DockerfileModel, Stage } from '../model';
import type { Rule } from './types';
import { imageParts, jreTag, slimTag, toolchainImage } from '../stacks';
import { packageInstallIn } from '../packageInstalls';

/**
 * The smaller variant of the same version, for official images that publish one (core/stacks/variants.ts): a JDK's
 * JRE, a runtime's slim tag. A toolchain image's slim tag (rust) is left to DS210, which names a runtime base.
 */
export function slimVariant(repository: string, tag: string): string | undefined {
  const jre = jreTag(repository, tag);
  if (jre) return jre;
  if (toolchainImage(imageParts({ repository, tag }))) return undefined;
  const slim = slimTag(repository, tag);
  return slim === tag ? undefined : slim;
}

/** DS202: the final stage is based on a full image where a slim (or JRE) variant of the same version exists. */
export const fullBaseImage: Rule = {
  code: 'DS202',
  name: 'full-base-image',
  category: 'image size',
  defaultSeverity: 'info',
  title: 'Full base image',
  fix: 'suggested',
  tags: ['base-image'],
  description: 'The final stage uses a full base image where a slim variant of the same version exists.',
  check({ model, analysis }) {
    const final = model.finalStage;
    if (!final || final.base.kind !== 'image' || !final.base.name?.tag || final.base.name.digest || final.base.text.includes('$')) return [];
    const { registry, repository, tag } = final.base.name;
    if (registry) return [];
    const variant = slimVariant(repository, tag);
    if (!variant) return [];
    // Installing dependencies in the final image (also from ONBUILD) may compile native modules (node-gyp,
    // gems, wheels, CPAN): the slim variant has no compiler for them.
    if (installsNativeDependencies(model, final)) return [];
    // A single-stage build keeping its toolchain is DS201's: the conversion is the better fix.
    if (isSingleStageBuild(model) && keptToolchain(model, analysis, final)) return [];
    const current = formatImageName(final.base.name);
    const next = final.base.text.replace(/:[^:/@]+$/, `:${variant}`);
    return [
      {
        range: final.base.range,
        message: `the final image is based on '${current}'; '${repository}:${variant}' is the same version without compilers and docs`,
        fixes: [fix(`Switch to '${repository}:${variant}'`, [replace(final.base.range, next)], false)],
      },
    ];
  },
};

function installsNativeDependencies(model: DockerfileModel, stage: Stage): boolean {
  return chainOf(model, stage).some((s) => packageInstallIn(model, s) !== undefined);
}

/** The body of docs/rules/DS202.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Official images publish smaller variants of the same version: \`node:20-slim\`, \`python:3.12-slim\`, \`debian:bookworm-slim\`, \`eclipse-temurin:21-jre\`. The full variant adds compilers, headers and docs (hundreds of MB) the final image rarely needs.

Not reported when the final image (or its ONBUILD) installs dependencies that may compile native code (\`npm
install\`/\`ci\`, \`yarn\`, \`bundle install\`, \`gem install\`, \`pip install\`): the slim variant has no compiler.

## Bad

\`\`\`dockerfile
FROM node:20 AS build
RUN npm ci && npm run build
FROM node:20
COPY --from=build /app /app
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20 AS build
RUN npm ci && npm run build
FROM node:20-slim
COPY --from=build /app /app
\`\`\`

## Quick fix

Switches the tag to the slim variant (check that the runtime still has the libraries it loads).
`;
