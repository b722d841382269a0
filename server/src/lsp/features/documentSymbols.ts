import { runSafe } from '../runSafe';
import type { Feature } from './feature';

/** Outline: hierarchical by stage (the service's `symbols`). */
export const documentSymbols: Feature = {
  name: 'documentSymbols',
  register(ctx) {
    ctx.connection.onDocumentSymbol((p, token) =>
      runSafe(ctx.log, 'document symbols', token, [], () => {
        const a = ctx.analyse(p.textDocument.uri);
        return a ? ctx.stages.symbols(a.document) : [];
      }),
    );
    return { capabilities: { documentSymbolProvider: { label: 'Dockerfile stages' } } };
  },
};
