/**
 * The sizes the hovers show, behind a small interface so tests can give their own. By default they come
 * from the size estimator (core/size): the base-image table (`lookupBaseImage`) and the per-stage estimate
 * (`estimateImage`, made once per model, without build-context measurements: COPY from the context gets the
 * estimator's default range).
 */
import type { ImageName } from '../imageRef';
import type { DockerfileModel, Stage } from '../model';
import { estimateImage, formatSize, ImageEstimate, lookupBaseImage } from '../size';
import { createModelMemo } from '../modelMemo';

export interface ImageSizeInfo {
  /** Size of the tag, in bytes (compressed download, as registries show it). */
  bytes: number;
  /** Smaller variants of the same version ("node:20-slim"), smallest first. */
  smallerVariants: { ref: string; bytes: number }[];
  /** What the figure measures and rests on, shown beside it ("compressed download, ≈ 1.1 GB on disk"). */
  measure?: string;
  /** The figure is for another tag (the nearest the table has): the variants are that tag's. */
  approximate?: boolean;
  /** The tag the figure and the variants are for, when it is not the one asked. */
  figureFor?: string;
}

export interface StageSizeInfo {
  /** Uncompressed size of the stage's image (what `docker images` shows). */
  bytes: number;
  compressedBytes?: number;
  /** The base image's size is unknown: `addedBytes` is what the stage adds on top of it. */
  unknownBase?: boolean;
  addedBytes?: number;
  /** Low–high band of `bytes` (or of `addedBytes` when the base is unknown), from the sources' confidence. */
  low?: number;
  high?: number;
  /** What most of the figure is ("the base node:20", "npm ci → node_modules") and its share. */
  dominant?: { label: string; bytes: number };
  /** The base figure is another tag's (the nearest version in the table). */
  baseApproximateFrom?: string;
}

export interface HoverSizes {
  image?(name: ImageName): ImageSizeInfo | undefined;
  stage?(model: DockerfileModel, stage: Stage): StageSizeInfo | undefined;
}

/** "48 MB", "1.2 GB", "820 kB" (decimal units, as registries and `docker images` show them). */
export function formatBytes(bytes: number): string {
  return formatSize(bytes);
}

/**
 * "≈ 850 MB (700 MB–1.0 GB; compressed ≈ 300 MB), mostly the base node:20 (≈ 600 MB)", or
 * "base unknown · adds ≈ 12 MB (…)": the band comes from the confidence of each source.
 */
export function formatStageSize(size: StageSizeInfo): string {
  const band = size.low !== undefined && size.high !== undefined ? `${formatBytes(size.low)}–${formatBytes(size.high)}` : undefined;
  const inner = [band, size.compressedBytes !== undefined && !size.unknownBase ? `compressed ≈ ${formatBytes(size.compressedBytes)}` : undefined].filter(Boolean).join('; ');
  const head = size.unknownBase ? `base unknown · adds ≈ ${formatBytes(size.addedBytes ?? 0)}` : `≈ ${formatBytes(size.bytes)}`;
  const mostly = size.dominant ? `, mostly ${size.dominant.label} (≈ ${formatBytes(size.dominant.bytes)})` : '';
  const approx = size.baseApproximateFrom ? `; base figure ≈ \`${size.baseApproximateFrom}\`, the nearest version in the table` : '';
  return `${head}${inner ? ` (${inner})` : ''}${mostly}${approx}`;
}

const estimates = createModelMemo<ImageEstimate | null>();

function estimateOf(model: DockerfileModel): ImageEstimate | undefined {
  let e = estimates.get(model);
  if (e === undefined) {
    try {
      e = estimateImage(model);
    } catch {
      e = null; // the hover goes on without sizes
    }
    estimates.set(model, e);
  }
  return e ?? undefined;
}

const TABLE_SIZES: HoverSizes = {
  image(name) {
    const info = lookupBaseImage(name);
    if (!info || (info.compressedBytes === 0 && info.row === 'scratch')) return undefined;
    const notes = ['compressed download'];
    if (info.uncompressedBytes !== undefined) notes.push(`${info.uncompressedEstimated ? '≈ ' : ''}${formatBytes(info.uncompressedBytes)} on disk`);
    const nearest = info.match === 'nearest';
    if (nearest) notes.push(`figure for ${'`'}${info.row}${'`'}, the nearest tag in the table`);
    return {
      bytes: info.compressedBytes,
      measure: notes.join(', '),
      approximate: nearest,
      figureFor: nearest ? info.row : undefined,
      smallerVariants: info.variants.map((v) => ({ ref: v.ref, bytes: v.compressedBytes })),
    };
  },
  stage(model, stage) {
    return stageSize(estimateOf(model), stage);
  },
};

function stageSize(estimate: ImageEstimate | undefined, stage: Stage): StageSizeInfo | undefined {
  const s = estimate?.stages.find((x) => x.index === stage.index);
  if (!s) return undefined;
  const added = s.uncompressedBytes - s.base.uncompressedBytes;
  let dominant: { label: string; bytes: number } | undefined = s.unknownBase ? undefined : { label: s.base.source === 'stage' ? `the base stage \`${s.base.text}\`` : `the base \`${s.base.text}\``, bytes: s.base.uncompressedBytes };
  for (const l of s.layers) {
    for (const it of l.items) {
      if (it.removed || it.uncompressedBytes <= (dominant?.bytes ?? 0)) continue;
      dominant = { label: `\`${it.label.length > 60 ? `${it.label.slice(0, 59)}…` : it.label}\` (line ${l.line + 1})`, bytes: it.uncompressedBytes };
    }
  }
  const total = s.unknownBase ? added : s.uncompressedBytes;
  if (dominant && dominant.bytes < 0.3 * total) dominant = undefined; // nothing dominates
  return {
    bytes: s.uncompressedBytes,
    compressedBytes: s.compressedBytes,
    unknownBase: s.unknownBase,
    addedBytes: added,
    low: s.unknownBase ? s.uncompressedLow - s.base.uncompressedLow : s.uncompressedLow,
    high: s.unknownBase ? s.uncompressedHigh - s.base.uncompressedHigh : s.uncompressedHigh,
    dominant,
    baseApproximateFrom: s.base.approximateFrom,
  };
}

/**
 * Hover sizes over an estimate made elsewhere (the language server's, with the build context measured), so
 * the hover shows the same figure as the CodeLens.
 */
export function hoverSizesFrom(estimate: ImageEstimate): HoverSizes {
  return { image: TABLE_SIZES.image, stage: (_model, stage) => stageSize(estimate, stage) };
}

/** Base-image sizes from the table, no stage estimate (the caller has none ready). */
export function hoverSizesWithoutStage(): HoverSizes {
  return { image: TABLE_SIZES.image };
}

/** The sizes the hovers use by default: the size estimator's table and estimate. */
export function defaultHoverSizes(): HoverSizes {
  return TABLE_SIZES;
}
