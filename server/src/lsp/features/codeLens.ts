import { CodeLens } from 'vscode-languageserver';
import { describeError, runSafe } from '../runSafe';
import type { Feature } from './feature';

/** Code lenses from every contributor (the size estimator adds its lenses here). */
export const codeLens: Feature = {
  name: 'codeLens',
  register(ctx) {
    ctx.connection.onCodeLens((p, token) =>
      runSafe(ctx.log, 'code lens', token, [] as CodeLens[], async () => {
        const a = ctx.analyse(p.textDocument.uri);
        if (!a || a.model.binary) return [];
        const settings = await ctx.resourceSettings(p.textDocument.uri);
        const out: CodeLens[] = [];
        for (const contributor of ctx.contributions.codeLenses) {
          try {
            out.push(...(await contributor(a, settings)));
          } catch (e) {
            ctx.log.error(`code lens contributor failed: ${describeError(e)}`);
          }
        }
        return out;
      }),
    );
    return { capabilities: { codeLensProvider: { resolveProvider: false } } };
  },
};
