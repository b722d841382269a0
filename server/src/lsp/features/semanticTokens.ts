import { runSafe } from '../runSafe';
import type { Feature } from './feature';

/** Semantic tokens, linear over the shared parse (the service's `semanticTokens`). */
export const semanticTokens: Feature = {
  name: 'semanticTokens',
  register(ctx) {
    ctx.connection.languages.semanticTokens.on((p, token) =>
      runSafe(ctx.log, 'semantic tokens', token, { data: [] }, async () => {
        const on = (await ctx.resourceSettings(p.textDocument.uri)).semanticHighlighting;
        const a = ctx.analyse(p.textDocument.uri);
        return a && on ? ctx.stages.semanticTokens(a.document) : { data: [] };
      }),
    );
    return { capabilities: { semanticTokensProvider: { legend: ctx.stages.semanticTokensLegend, full: true } } };
  },
};
