/**
 * Stage-aware hovers (core/hover): on FROM, stage names and references, base images and COPY --from
 * sources. A contributor to the hover list: where it has nothing to say, the standard hover answers.
 */
import { stageHover as computeStageHover } from '../../core';
import type { Feature } from './feature';

export const stageHover: Feature = {
  name: 'stageHover',
  register(ctx) {
    ctx.contributions.hover.push((a, position) => computeStageHover(a.model, position));
    return {};
  },
};
