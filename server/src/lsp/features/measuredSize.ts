/**
 * Measured image sizes (issue 16) over LSP: the client's notification `dockerfileStages/measuredSize` (sent after
 * it built an image from a document: verify conversion, "Build this stage"). One figure per document and stage,
 * kept with the text it was built from and dropped as soon as the document's text differs; the size lens
 * (estimate.ts) appends it through ctx.measuredSize.
 */
import { MeasuredSizeNotification, MeasuredSizeParams } from '../../../../common/protocol';
import type { Feature } from './feature';

interface Kept {
  params: MeasuredSizeParams;
  text: string;
}

const FINAL = '\u0000final';

export const measuredSize: Feature = {
  name: 'measuredSize',
  register(ctx) {
    const byUri = new Map<string, Map<string, Kept>>();
    ctx.connection.onNotification(MeasuredSizeNotification, (params: MeasuredSizeParams) => {
      if (!params || typeof params.uri !== 'string' || typeof params.bytes !== 'number' || !Number.isFinite(params.bytes) || params.bytes < 0) {
        ctx.log.warn(`ignored a malformed ${MeasuredSizeNotification} notification`);
        return;
      }
      const doc = ctx.documents.get(params.uri);
      if (!doc) return;
      let kept = byUri.get(params.uri);
      if (!kept) byUri.set(params.uri, (kept = new Map()));
      kept.set(params.stage ?? FINAL, { params, text: doc.getText() });
      if (ctx.clientCapabilities.workspace?.codeLens?.refreshSupport) void ctx.connection.sendRequest('workspace/codeLens/refresh');
    });
    ctx.documents.onDidChangeContent((e) => {
      const kept = byUri.get(e.document.uri);
      if (!kept) return;
      const text = e.document.getText();
      for (const [k, v] of kept) if (v.text !== text) kept.delete(k);
      if (!kept.size) byUri.delete(e.document.uri);
    });
    ctx.documents.onDidClose((e) => byUri.delete(e.document.uri));
    ctx.measuredSize = (uri, text, stage) => {
      const k = byUri.get(uri)?.get(stage ?? FINAL);
      return k && k.text === text ? k.params : undefined;
    };
    return {};
  },
};
