/**
 * Stage-aware hovers (core/hover): on FROM, stage names and references, base images and COPY --from
 * sources. A contributor to the hover list: where it has nothing to say, the standard hover answers.
 */
import { hoverSizesFrom, stageHover as computeStageHover } from '../../core';
import type { Feature } from './feature';

export const stageHover: Feature = {
  name: 'stageHover',
  register(ctx) {
    ctx.contributions.hover.push(async (a, position) => {
      // The same estimate as the CodeLens (build context measured) when the estimate feature is there.
      const estimate = await ctx.estimateOf?.(a).catch(() => undefined);
      return computeStageHover(a.model, position, estimate ? hoverSizesFrom(estimate) : undefined);
    });
    return {};
  },
};
