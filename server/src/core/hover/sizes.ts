/**
 * The sizes the hovers show, behind a small interface: the size estimator (core/size) provides them when it
 * is there; without it the hovers simply leave sizes out.
 */
import type { ImageName } from '../imageRef';
import type { DockerfileModel, Stage } from '../model';

export interface ImageSizeInfo {
  /** Size of the tag, in bytes. */
  bytes: number;
  /** Smaller variants of the same version ("node:20-slim"), smallest last or in any order. */
  smallerVariants: { ref: string; bytes: number }[];
  /** What the figure measures ("compressed download", "uncompressed"), shown beside it when given. */
  measure?: string;
}

export interface HoverSizes {
  image?(name: ImageName): ImageSizeInfo | undefined;
  /** Estimated size of the image a stage produces, in bytes. */
  stage?(model: DockerfileModel, stage: Stage): number | undefined;
}

/** "48 MB", "1.2 GB", "820 kB" (decimal units, as registries and `docker images` show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : 1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** The sizes the hovers use by default: none until the size estimator provides them. */
export function defaultHoverSizes(): HoverSizes | undefined {
  return undefined;
}
