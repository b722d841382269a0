/**
 * Stage-aware hovers (the service's `hover`): on FROM, stage names and references, base images and COPY --from
 * sources. A contributor to the hover list: where it has nothing to say, the standard hover answers.
 */
import type { Feature } from './feature';

export const stageHover: Feature = {
  name: 'stageHover',
  register(ctx) {
    // The lens's estimate (build context measured) when it is ready; until then the stage size is left out.
    ctx.contributions.hover.push((a, position) => ctx.stages.hover(a.document, position, ctx.hoverSizes?.(a)));
    return {};
  },
};
