/** Small helpers to build size figures with ranges. */
import type { ItemCategory, LayerItem, SizeFigure } from './types';

export const MB = 1_000_000;
export const KB = 1_000;

export const ZERO: SizeFigure = { compressedBytes: 0, uncompressedBytes: 0, low: 0, high: 0, uncompressedLow: 0, uncompressedHigh: 0 };

/**
 * A figure from an uncompressed size, its compression ratio (uncompressed ÷ compressed) and an uncertainty
 * factor f ≥ 1: the range is [x/f, x·f].
 */
export function figure(uncompressed: number, ratio: number, factor: number): SizeFigure {
  const u = Math.max(0, uncompressed);
  const c = u / Math.max(1, ratio);
  const f = Math.max(1, factor);
  return {
    compressedBytes: Math.round(c),
    uncompressedBytes: Math.round(u),
    low: Math.round(c / f),
    high: Math.round(c * f),
    uncompressedLow: Math.round(u / f),
    uncompressedHigh: Math.round(u * f),
  };
}

/** A figure from a compressed size. */
export function figureCompressed(compressed: number, ratio: number, factor: number): SizeFigure {
  return figure(compressed * ratio, ratio, factor);
}

export function item(
  label: string,
  category: ItemCategory,
  fig: SizeFigure,
  basis: string,
  paths?: string[],
): LayerItem {
  return { label, category, basis, ...(paths && paths.length ? { paths } : {}), ...fig };
}

export function add(a: SizeFigure, b: SizeFigure): SizeFigure {
  return {
    compressedBytes: a.compressedBytes + b.compressedBytes,
    uncompressedBytes: a.uncompressedBytes + b.uncompressedBytes,
    low: a.low + b.low,
    high: a.high + b.high,
    uncompressedLow: a.uncompressedLow + b.uncompressedLow,
    uncompressedHigh: a.uncompressedHigh + b.uncompressedHigh,
  };
}

export function scale(a: SizeFigure, k: number): SizeFigure {
  return {
    compressedBytes: Math.round(a.compressedBytes * k),
    uncompressedBytes: Math.round(a.uncompressedBytes * k),
    low: Math.round(a.low * k),
    high: Math.round(a.high * k),
    uncompressedLow: Math.round(a.uncompressedLow * k),
    uncompressedHigh: Math.round(a.uncompressedHigh * k),
  };
}

export function pickFigure(a: SizeFigure): SizeFigure {
  return {
    compressedBytes: a.compressedBytes,
    uncompressedBytes: a.uncompressedBytes,
    low: a.low,
    high: a.high,
    uncompressedLow: a.uncompressedLow,
    uncompressedHigh: a.uncompressedHigh,
  };
}

export function sum(figs: SizeFigure[]): SizeFigure {
  return figs.reduce(add, ZERO);
}

export { formatBytes } from '../../../../common/format';
