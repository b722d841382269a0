import { foldingRanges as compute } from '../../core';
import { runSafe } from '../runSafe';
import type { Feature } from './feature';

/** Folding: stages, multi-line instructions, comment blocks (core/folding.ts). */
export const foldingRanges: Feature = {
  name: 'foldingRanges',
  register(ctx) {
    ctx.connection.onFoldingRanges((p, token) =>
      runSafe(ctx.log, 'folding ranges', token, [], () => {
        const a = ctx.analyse(p.textDocument.uri);
        return a ? compute(a.model, { rangeLimit: ctx.clientCapabilities.textDocument?.foldingRange?.rangeLimit }) : [];
      }),
    );
    return { capabilities: { foldingRangeProvider: true } };
  },
};
