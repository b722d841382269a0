import { runSafe } from '../runSafe';
import type { Feature } from './feature';

/** Folding: stages, multi-line instructions, comment blocks (the service's `folding`). */
export const foldingRanges: Feature = {
  name: 'foldingRanges',
  register(ctx) {
    ctx.connection.onFoldingRanges((p, token) =>
      runSafe(ctx.log, 'folding ranges', token, [], () => {
        const a = ctx.analyse(p.textDocument.uri);
        return a ? ctx.stages.folding(a.document, { rangeLimit: ctx.clientCapabilities.textDocument?.foldingRange?.rangeLimit }) : [];
      }),
    );
    return { capabilities: { foldingRangeProvider: true } };
  },
};
