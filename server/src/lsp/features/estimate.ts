/**
 * Image size estimates (issue 6) over LSP: the custom request `dockerfileStages/estimate` (the structured
 * estimate; the client's status bar and breakdown view and other editors use it) and a CodeLens above each
 * FROM (`≈ 84 MB final image`, `build stage ≈ 850 MB · discarded`, `base unknown · adds ≈ 45 MB`, and on a
 * single-stage file `≈ 870 MB · multi-stage ≈ 20 MB (−97 %)`, which runs the conversion).
 * The build context is measured through ctx.host (an in-memory host in untrusted workspaces); exact base
 * sizes come from the registry only when the setting is on and the workspace is trusted.
 */
import { fileURLToPath } from 'node:url';
import type { CodeLens } from 'vscode-languageserver';
import { Commands } from '../../../../common/ids';
import { EstimateParams, EstimateRequest, EstimateResult, SizeArch } from '../../../../common/protocol';
import type { Settings } from '../../../../common/settings';
import {
  Arch,
  BaseImageInfo,
  ContextMeasurements,
  DockerfileModel,
  ImageEstimate,
  ImageName,
  buildModel,
  conversionsFor,
  estimateImage,
  formatSize,
  lensTitles,
  measureContext,
} from '../../core';
import { RegistrySizeClient } from '../../node/registry';
import type { Analysed, ServerContext } from '../context';
import { contextFacts } from '../contextFacts';
import { runSafe } from '../runSafe';
import type { Feature } from './feature';

/** How long after a hover the estimate it asked for starts computing (see peekEstimate). */
const BACKGROUND_DELAY_MS = 150;

export function hostArch(): Arch {
  return process.arch === 'arm64' ? 'arm64' : 'amd64';
}

export function archFor(settings: Settings, requested?: SizeArch): Arch {
  if (requested === 'amd64' || requested === 'arm64') return requested;
  const a = settings.size?.architecture;
  return a === 'amd64' || a === 'arm64' ? a : hostArch();
}

interface Computed {
  estimate: ImageEstimate;
  converted?: ImageEstimate;
  contextMeasured: boolean;
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}

export const estimate: Feature = {
  name: 'estimate',
  register(ctx) {
    const cache = new WeakMap<DockerfileModel, Map<string, Promise<Computed>>>();
    let registry: RegistrySizeClient | undefined;
    const registryOn = () => ctx.trusted && ctx.settings.size?.registryLookup === true;
    const pending = new Set<string>();

    const lookupImage = (name: ImageName, arch: Arch): BaseImageInfo | undefined => {
      if (!registryOn()) return undefined;
      registry ??= new RegistrySizeClient({ log: (m) => ctx.log.info(m) });
      const hit = registry.cached(name, arch);
      if (hit) return hit;
      const key = `${JSON.stringify(name)}@${arch}`;
      if (!pending.has(key)) {
        pending.add(key);
        // Fetch in the background; lenses refresh when it lands (the table answers meanwhile).
        void registry
          .fetchSize(name, arch)
          .then((r) => {
            if (r) {
              cacheReset();
              if (ctx.clientCapabilities.workspace?.codeLens?.refreshSupport) void ctx.connection.sendRequest('workspace/codeLens/refresh');
            }
          })
          .catch((e) => ctx.log.info(`registry look-up failed: ${String(e)}`))
          .finally(() => pending.delete(key));
      }
      return undefined;
    };
    let generation = 0;
    const cacheReset = () => {
      generation++;
    };

    /** Estimates already computed, by model and key: what a hover may show without waiting. */
    const settled = new WeakMap<DockerfileModel, Map<string, Computed>>();
    const keyOf = (arch: Arch) => `${arch}:${generation}:${registryOn()}`;

    const compute = (a: Analysed, arch: Arch): Promise<Computed> => {
      let perModel = cache.get(a.model);
      if (!perModel) cache.set(a.model, (perModel = new Map()));
      const key = keyOf(arch);
      let p = perModel.get(key);
      if (!p) {
        p = (async () => {
          // The diagnostics first: the editor asks for the lenses right after opening a file.
          await ctx.whenDiagnosed(a.document.uri);
          const file = filePath(a.document.uri);
          let context: ContextMeasurements | undefined;
          // Untrusted workspaces get an empty host: say "not measured" rather than "0 bytes, not found".
          if (file && ctx.trusted) {
            const dir = file.slice(0, file.lastIndexOf('/')) || '/';
            try {
              context = await measureContext(a.model, ctx.host, { contextDir: dir, dockerfilePath: file });
            } catch (e) {
              ctx.log.warn(`could not measure the build context: ${String(e)}`);
            }
          }
          const options = { arch, context, lookupImage };
          const est = estimateImage(a.model, options);
          let converted: ImageEstimate | undefined;
          if (a.model.stages.length === 1) {
            try {
              // The conversion a click applies (same context facts as the conversion request), measured like the file.
              const conv = conversionsFor(a.model, { kinds: ['multiStage'], context: await contextFacts(ctx, a.document.uri) }).offered[0];
              if (conv) {
                const model = buildModel(conv.text);
                const measured = context && file ? await measureContext(model, ctx.host, { contextDir: file.slice(0, file.lastIndexOf('/')) || '/', dockerfilePath: file }) : undefined;
                converted = estimateImage(model, { ...options, context: measured });
              }
            } catch (e) {
              ctx.log.info(`conversion for the size lens failed: ${String(e)}`);
            }
          }
          return { estimate: est, converted, contextMeasured: !!context && ctx.trusted };
        })();
        perModel.set(key, p);
        const model = a.model;
        p.then(
          (computed) => {
            let done = settled.get(model);
            if (!done) settled.set(model, (done = new Map()));
            done.set(key, computed);
          },
          () => undefined,
        );
      }
      return p;
    };

    // A hover asks for the estimate without waiting for it; computing it then and there would hold up the
    // requests right behind the hover (a completion, the next keystroke's diagnostics). It starts a moment
    // later instead, if the document has not changed meanwhile and no lens has asked for it.
    const deferred = new Map<string, ReturnType<typeof setTimeout>>();
    ctx.peekEstimate = (a) => {
      const arch = archFor(ctx.settings);
      const done = settled.get(a.model)?.get(keyOf(arch));
      const uri = a.document.uri;
      if (!done && !deferred.has(uri)) {
        deferred.set(
          uri,
          setTimeout(() => {
            deferred.delete(uri);
            if (ctx.analyse(uri)?.model === a.model) void compute(a, arch).catch(() => undefined);
          }, BACKGROUND_DELAY_MS),
        );
      }
      return done?.estimate;
    };
    ctx.documents.onDidClose((e) => {
      clearTimeout(deferred.get(e.document.uri));
      deferred.delete(e.document.uri);
    });

    ctx.contributions.codeLenses.push(async (a, settings) => {
      if (settings.size?.codeLens === false || !a.model.stages.length) return [];
      const { estimate: est, converted } = await compute(a, archFor(settings));
      const titles = lensTitles(est, converted);
      const text = a.document.getText();
      return titles.map((t): CodeLens => {
        // A measured size of the image built from this very text: the final image's on the final stage, a stage's own on that stage.
        const s = est.stages[t.stage];
        const final = s?.isFinal ? ctx.measuredSize?.(a.document.uri, text) : undefined;
        const m = final ?? (s ? ctx.measuredSize?.(a.document.uri, text, s.name ?? String(s.index)) : undefined);
        const title = m ? `${t.title} \u00b7 measured ${formatSize(m.bytes)}` : t.title;
        const range = { start: { line: t.line, character: 0 }, end: { line: t.line, character: 0 } };
        return {
          range,
          command: t.saving
            ? { title, command: Commands.convertToMultiStage, arguments: [a.document.uri, 'multiStage'] }
            : { title, command: Commands.showSizeBreakdown, arguments: [a.document.uri] },
        };
      });
    });

    ctx.connection.onRequest(EstimateRequest, (params: EstimateParams, token) =>
      runSafe(ctx.log, 'estimate', token, null as EstimateResult | null, async () => {
        const a = ctx.analyse(params.textDocument.uri);
        if (!a) return null;
        // The document's own settings, as the lens reads them: the view and the lens show the same figures.
        const arch = archFor(await ctx.resourceSettings(params.textDocument.uri), params.arch);
        const { estimate: est, converted, contextMeasured } = await compute(a, arch);
        const result: EstimateResult = {
          uri: a.document.uri,
          version: a.document.version,
          arch,
          stages: est.stages,
          final: est.final,
          discardedBytes: est.discardedBytes,
          notes: est.notes,
          converted: converted?.final ? { ...pick(converted.final), unknownBase: converted.final.unknownBase } : undefined,
          contextMeasured,
        };
        return result;
      }),
    );
    return {};
  },
};

function pick(f: { compressedBytes: number; uncompressedBytes: number; low: number; high: number; uncompressedLow: number; uncompressedHigh: number }) {
  return { compressedBytes: f.compressedBytes, uncompressedBytes: f.uncompressedBytes, low: f.low, high: f.high, uncompressedLow: f.uncompressedLow, uncompressedHigh: f.uncompressedHigh };
}
