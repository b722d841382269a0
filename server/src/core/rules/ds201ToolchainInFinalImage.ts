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
