import { semanticTokens as compute, semanticTokensLegend } from '../../core';
import { runSafe } from '../runSafe';
import type { Feature } from './feature';

/** Semantic tokens, linear over the shared parse (core/semanticTokens.ts). */
export const semanticTokens: Feature = {
  name: 'semanticTokens',
  register(ctx) {
    ctx.connection.languages.semanticTokens.on((p, token) =>
      runSafe(ctx.log, 'semantic tokens', token, { data: [] }, async () => {
        const on = (await ctx.resourceSettings(p.textDocument.uri)).semanticHighlighting;
        const a = ctx.analyse(p.textDocument.uri);
        return a && on ? compute(a.model) : { data: [] };
      }),
    );
    return { capabilities: { semanticTokensProvider: { legend: semanticTokensLegend, full: true } } };
  },
};
