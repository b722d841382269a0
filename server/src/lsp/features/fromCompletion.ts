/**
 * Base images in FROM (the service's `completion`): the embedded table's image names and tags, offline, each
 * with its sizes and smaller variants. When the user enabled registry look-ups
 * (`dockerfileStages.size.registryLookup`, trusted workspaces only), the tags the image's registry lists are
 * added after the table's.
 */
import { archFor } from './estimate';
import type { Feature } from './feature';

export const fromCompletion: Feature = {
  name: 'fromCompletion',
  register(ctx) {
    ctx.contributions.completion.push((a, position) =>
      ctx.stages.completion(a.document, position, { arch: archFor(ctx.settings), registryLookup: ctx.trusted && ctx.settings.size?.registryLookup === true }),
    );
    return {};
  },
};
