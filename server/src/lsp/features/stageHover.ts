/**
 * Stage-aware hovers (core/hover): on FROM, stage names and references, base images and COPY --from
 * sources. A contributor to the hover list: where it has nothing to say, the standard hover answers.
 */
import { hoverSizesFrom, hoverSizesWithoutStage, stageHover as computeStageHover } from '../../core';
import type { Feature } from './feature';

export const stageHover: Feature = {
  name: 'stageHover',
  register(ctx) {
    ctx.contributions.hover.push((a, position) => {
      // The lens's estimate (build context measured) when it is ready; until then the hover leaves the stage
      // size out rather than wait for it or show a different figure.
      const estimate = ctx.peekEstimate?.(a);
      return computeStageHover(a.model, position, estimate ? hoverSizesFrom(estimate) : hoverSizesWithoutStage());
    });
    return {};
  },
};
