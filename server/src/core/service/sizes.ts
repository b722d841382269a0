/**
 * The size estimate of a document version, and what its multi-stage conversion would weigh: one flow for the
 * lens, the estimate request, the hover and the CLI. Estimate, convert (the conversion a click applies, with
 * the same context facts), re-estimate the converted text against the same build context.
 * One computation per model (document version) and key; a size that becomes known later (the registry) starts
 * a new generation.
 */
import type { FileSystemHost } from '../host';
import { buildModel, DockerfileModel } from '../model';
import { conversionsFor } from '../convert';
import type { ContextFacts } from '../convert';
import { createEstimateMemo, estimateImage, measureContext } from '../size';
import type { EstimateMemo } from '../size';
import type { Arch, BaseImageInfo, ContextMeasurements, ImageEstimate } from '../size';
import type { ImageName } from '../imageRef';
import { createModelMemo } from '../modelMemo';
import type { BuildContextLocation, SizeOptions, ServiceLogger, SizeReport } from './types';

export interface SizeDeps {
  files?: FileSystemHost;
  lookup?: (name: ImageName, arch: Arch) => BaseImageInfo | undefined;
  hostArch: Arch;
  log: ServiceLogger;
  /** The context facts the conversions read (one definition with the conversion verbs). */
  contextFacts(uri: string): Promise<ContextFacts | undefined>;
  /** The document's own build context location (its folder), when it is a file. */
  contextOf(uri: string): BuildContextLocation | undefined;
}

/** Documents whose last estimate is kept for the next (the open editors, typically). */
const MEMOS = 16;

export class SizeEstimates {
  private readonly computing = createModelMemo<Map<string, Promise<SizeReport>>>();
  private readonly settled = createModelMemo<Map<string, SizeReport>>();
  private generation = 0;
  /** The stage results of each document's last estimate (by URI and options), most recent last; a few documents. */
  private readonly memos = new Map<string, EstimateMemo>();

  constructor(private readonly deps: SizeDeps) {}

  /** Sizes became known (a registry answer): later requests compute again. */
  invalidate(): void {
    this.generation++;
    this.memos.clear();
  }

  /** A document was closed: its kept stage results go (a reopened file starts from its first estimate again). */
  forget(uri: string): void {
    const prefix = `${uri}\n`;
    for (const k of [...this.memos.keys()]) if (k.startsWith(prefix)) this.memos.delete(k);
  }

  /** The memo of a document's estimates under these options (the least recently used one dropped past MEMOS). */
  private memoFor(uri: string, key: string): EstimateMemo {
    const k = `${uri}\n${key}`;
    let memo = this.memos.get(k);
    if (memo) this.memos.delete(k);
    else memo = createEstimateMemo();
    this.memos.set(k, memo);
    if (this.memos.size > MEMOS) this.memos.delete(this.memos.keys().next().value as string);
    return memo;
  }

  arch(options: SizeOptions): Arch {
    return options.arch ?? this.deps.hostArch;
  }

  private key(uri: string, options: SizeOptions): string {
    const context = this.location(uri, options);
    return JSON.stringify([this.arch(options), this.generation, !!options.registryLookup, context ?? null, !!options.projectConversion]);
  }

  private location(uri: string, options: SizeOptions): BuildContextLocation | undefined {
    if (options.context === false || !this.deps.files) return undefined;
    return options.context ?? this.deps.contextOf(uri);
  }

  /** The report if it is computed already (hovers never wait for one). */
  peek(model: DockerfileModel, uri: string, options: SizeOptions): SizeReport | undefined {
    return this.settled.get(model)?.get(this.key(uri, options));
  }

  report(model: DockerfileModel, uri: string, options: SizeOptions): Promise<SizeReport> {
    let perModel = this.computing.get(model);
    if (!perModel) this.computing.set(model, (perModel = new Map()));
    const key = this.key(uri, options);
    let p = perModel.get(key);
    if (!p) {
      p = this.compute(model, uri, options);
      perModel.set(key, p);
      p.then(
        (r) => {
          let done = this.settled.get(model);
          if (!done) this.settled.set(model, (done = new Map()));
          done.set(key, r);
        },
        () => undefined,
      );
    }
    return p;
  }

  private async measure(model: DockerfileModel, at: BuildContextLocation | undefined): Promise<ContextMeasurements | undefined> {
    if (!at || !this.deps.files) return undefined;
    try {
      return await measureContext(model, this.deps.files, { contextDir: at.dir, dockerfilePath: at.dockerfilePath });
    } catch (e) {
      this.deps.log.warn(`could not measure the build context: ${String(e)}`);
      return undefined;
    }
  }

  private async compute(model: DockerfileModel, uri: string, options: SizeOptions): Promise<SizeReport> {
    const arch = this.arch(options);
    const at = this.location(uri, options);
    const context = await this.measure(model, at);
    const lookupImage = options.registryLookup ? this.deps.lookup : undefined;
    const estimate = estimateImage(model, { arch, context, lookupImage, memo: this.memoFor(uri, this.key(uri, options)) });
    const converted = options.projectConversion && model.stages.length === 1 ? await this.projected(model, uri, { arch, lookupImage }, context ? at : undefined) : undefined;
    return { arch, estimate, converted, contextMeasured: !!context };
  }

  /** The multi-stage conversion a click applies, estimated like the file (its context measured when the file's was). */
  private async projected(model: DockerfileModel, uri: string, options: { arch: Arch; lookupImage?: SizeDeps['lookup'] }, at: BuildContextLocation | undefined): Promise<ImageEstimate | undefined> {
    try {
      const conv = conversionsFor(model, { kinds: ['multiStage'], context: await this.deps.contextFacts(uri) }).offered[0];
      if (!conv) return undefined;
      const convertedModel = buildModel(conv.text);
      return estimateImage(convertedModel, { ...options, context: await this.measure(convertedModel, at) });
    } catch (e) {
      this.deps.log.info(`conversion for the size lens failed: ${String(e)}`);
      return undefined;
    }
  }
}
