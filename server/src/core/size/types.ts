/** The structured size estimate of a Dockerfile: what the CLI prints, the LSP request returns and the views show. */

export type Arch = 'amd64' | 'arm64';

/** A size with its uncertainty. Bytes are decimal (1 MB = 10^6 B), as registries and `docker images` count. */
export interface SizeFigure {
  /** Best estimate of the compressed download size (what a registry shows, what `docker pull` transfers). */
  compressedBytes: number;
  /** Best estimate of the uncompressed size (what `docker images` shows). */
  uncompressedBytes: number;
  /** Low end of the compressed-size range. */
  low: number;
  /** High end of the compressed-size range. */
  high: number;
  /** Low/high of the uncompressed size. */
  uncompressedLow: number;
  uncompressedHigh: number;
}

/** What a layer item is; `COPY --from` uses it to decide what a stage produced. */
export type ItemCategory =
  | 'os-packages'
  | 'toolchain'
  | 'runtime'
  | 'dependencies'
  | 'product'
  | 'context'
  | 'cache'
  | 'download'
  | 'files';

/** One contribution to a layer ("apt-get install gcc make", "node-v20 tarball", "COPY . ."). */
export interface LayerItem extends SizeFigure {
  label: string;
  category: ItemCategory;
  /** What the figure rests on ("Debian Installed-Size", "measured from the build context", "heuristic"). */
  basis: string;
  /** Paths the item lives under, when known (for `COPY --from` and `rm` in later commands). */
  paths?: string[];
  /** Removed again later in the same layer (kept for the breakdown, counted as 0). */
  removed?: boolean;
}

export interface LayerEstimate extends SizeFigure {
  /** 0-based line of the instruction. */
  line: number;
  keyword: string;
  /** The instruction shortened for display. */
  summary: string;
  items: LayerItem[];
}

export type BaseSource = 'table' | 'table-nearest' | 'registry' | 'stage' | 'scratch' | 'unknown';

export interface BaseEstimate extends SizeFigure {
  /** As written (after ARG substitution). */
  text: string;
  source: BaseSource;
  /** The stage index when the base is a stage. */
  stage?: number;
  /** The table row or registry the figure came from, and how it was matched. */
  note: string;
  /** Smaller variants of the same version (for hovers and hints). */
  variants?: BaseImageVariant[];
  /** The figure is another tag's (the nearest version of the same variant the table has): shown as `≈ <tag>`. */
  approximateFrom?: string;
}

export interface StageEstimate extends SizeFigure {
  index: number;
  name?: string;
  /** 0-based line of the FROM. */
  line: number;
  base: BaseEstimate;
  layers: LayerEstimate[];
  /** The stage is the build target: its image is what ships. */
  isFinal: boolean;
  /** Not the target: built only to feed others (or not at all), its layers are discarded. */
  discarded: boolean;
  /** BuildKit builds it (the target depends on it). */
  reachable: boolean;
  /** The base size is unknown: the figures count only what the stage adds (the base counts as 0, never a guess). */
  unknownBase: boolean;
  notes: string[];
}

export interface ImageEstimate {
  arch: Arch;
  stages: StageEstimate[];
  /** The target stage's figures; undefined for a file without FROM. */
  final?: SizeFigure & { stage: number; unknownBase: boolean };
  /** Sum of the reachable non-target stages: built and thrown away. */
  discardedBytes: number;
  notes: string[];
}

export interface BaseImageVariant {
  /** `node:20-alpine` */
  ref: string;
  compressedBytes: number;
  uncompressedBytes?: number;
}

export interface BaseImageInfo {
  compressedBytes: number;
  /** Published uncompressed size, or one derived from the compressed size (see uncompressedEstimated). */
  uncompressedBytes?: number;
  uncompressedEstimated?: boolean;
  /** Citation: repo-info file and commit, or a registry. */
  source: string;
  /** How the row was matched: `exact` tag, same `version`, or `nearest` (another version or variant). */
  match: 'exact' | 'version' | 'nearest';
  /** The table row's image:tag and the concrete version it pointed at. */
  row: string;
  resolved?: string;
  /** The figure is for another architecture than asked (amd64 when arm64 is not in the table). */
  archFallback?: boolean;
  /** Relative uncertainty of the compressed figure (0.05 = ±5 %). */
  uncertainty: number;
  /** How the table row was obtained: high (registry manifest), medium (derived or published, rounded), low (third-party). */
  confidence?: 'high' | 'medium' | 'low';
  /** Smaller variants of the same version, smallest first. */
  variants: BaseImageVariant[];
}
