import { documentSymbols as compute } from '../../core';
import { runSafe } from '../runSafe';
import type { Feature } from './feature';

/** Outline: hierarchical by stage (core/symbols.ts). */
export const documentSymbols: Feature = {
  name: 'documentSymbols',
  register(ctx) {
    ctx.connection.onDocumentSymbol((p, token) =>
      runSafe(ctx.log, 'document symbols', token, [], () => {
        const a = ctx.analyse(p.textDocument.uri);
        return a ? compute(a.model) : [];
      }),
    );
    return { capabilities: { documentSymbolProvider: { label: 'Dockerfile stages' } } };
  },
};
