/**
 * Image size estimates (issue 6) over LSP: the custom request `dockerfileStages/estimate` (the structured
 * estimate; the client's status bar and breakdown view and other editors use it) and a CodeLens above each
 * FROM (`≈ 84 MB final image`, `build stage ≈ 850 MB · discarded`, and on a single-stage file
 * `≈ 870 MB · multi-stage ≈ 20 MB (−97 %)`, which runs the conversion). The service's `estimate` and
 * `codeLenses` verbs compute them (one flow: estimate, convert, re-estimate); the build context is read only in
 * a trusted workspace, exact base sizes come from the registry only when the setting is on there too.
 */
import { EstimateParams, EstimateRequest, EstimateResult, SizeArch } from '../../../../common/protocol';
import type { Settings } from '../../../../common/settings';
import type { Arch, SizeOptions, SizeFigure } from '../../core';
import type { Analysed, ServerContext } from '../context';
import { runSafe } from '../runSafe';
import type { Feature } from './feature';

/** How long after a hover the estimate it asked for starts computing (see peekEstimate). */
const BACKGROUND_DELAY_MS = 150;

/** The architecture asked for, else the setting's; undefined: the machine's (the service's default). */
export function archFor(settings: Settings, requested?: SizeArch): Arch | undefined {
  if (requested === 'amd64' || requested === 'arm64') return requested;
  const a = settings.size?.architecture;
  return a === 'amd64' || a === 'arm64' ? a : undefined;
}

/** The estimate options of a document under its settings (the lens, the request and the hover use the same). */
export function sizeOptions(ctx: ServerContext, settings: Settings, requested?: SizeArch): SizeOptions {
  return { arch: archFor(settings, requested), registryLookup: ctx.trusted && ctx.settings.size?.registryLookup === true, projectConversion: true };
}

export const estimate: Feature = {
  name: 'estimate',
  register(ctx) {
    ctx.stages.onSizesChanged(() => {
      if (ctx.clientCapabilities.workspace?.codeLens?.refreshSupport) void ctx.connection.sendRequest('workspace/codeLens/refresh');
    });
    ctx.hoverSizes = hoverSizesLater(ctx);
    ctx.contributions.codeLenses.push(async (a, settings) => {
      if (settings.size?.codeLens === false) return [];
      // The diagnostics first: the editor asks for the lenses right after opening a file.
      await ctx.whenDiagnosed(a.document.uri);
      const text = a.document.getText();
      return ctx.stages.codeLenses(a.document, { ...sizeOptions(ctx, settings), measured: (stage) => ctx.measuredSize?.(a.document.uri, text, stage)?.bytes });
    });
    ctx.connection.onRequest(EstimateRequest, (params: EstimateParams, token) =>
      runSafe(ctx.log, 'estimate', token, null as EstimateResult | null, async () => {
        const a = ctx.analyse(params.textDocument.uri);
        if (!a) return null;
        await ctx.whenDiagnosed(a.document.uri);
        // The document's own settings, as the lens reads them: the view and the lens show the same figures.
        const r = await ctx.stages.estimate(a.document, sizeOptions(ctx, await ctx.resourceSettings(a.document.uri), params.arch));
        const est = r.estimate;
        const converted = r.converted?.final ? { ...pick(r.converted.final), unknownBase: r.converted.final.unknownBase } : undefined;
        return { uri: a.document.uri, version: a.document.version, arch: r.arch, stages: est.stages, final: est.final, discardedBytes: est.discardedBytes, notes: est.notes, converted, contextMeasured: r.contextMeasured };
      }),
    );
    return {};
  },
};

/**
 * A hover asks for the estimate without waiting for it; computing it then and there would hold up the requests
 * right behind the hover (a completion, the next keystroke's diagnostics). It starts a moment later instead, if
 * the document has not changed meanwhile.
 */
function hoverSizesLater(ctx: ServerContext): (a: Analysed) => SizeOptions {
  const deferred = new Map<string, ReturnType<typeof setTimeout>>();
  ctx.documents.onDidClose((e) => {
    clearTimeout(deferred.get(e.document.uri));
    deferred.delete(e.document.uri);
  });
  return (a) => {
    const options = sizeOptions(ctx, ctx.settings);
    const uri = a.document.uri;
    if (!ctx.stages.peekEstimate(a.document, options) && !deferred.has(uri)) {
      const timer = setTimeout(() => {
        deferred.delete(uri);
        if (ctx.analyse(uri)?.model === a.model) void ctx.stages.estimate(a.document, options).catch(() => undefined);
      }, BACKGROUND_DELAY_MS);
      deferred.set(uri, timer);
    }
    return options;
  };
}

function pick(f: SizeFigure) {
  return { compressedBytes: f.compressedBytes, uncompressedBytes: f.uncompressedBytes, low: f.low, high: f.high, uncompressedLow: f.uncompressedLow, uncompressedHigh: f.uncompressedHigh };
}
