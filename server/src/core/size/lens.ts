/** CodeLens titles of the size estimate (pure: the LSP feature and tests share them). */
import { formatBytes } from './figures';
import type { ImageEstimate, StageEstimate } from './types';

export interface StageLensTitle {
  stage: number;
  line: number;
  title: string;
  /** The title compares with the multi-stage conversion (its lens runs the conversion). */
  saving: boolean;
}

function approx(e: StageEstimate, uncompressed = true): string {
  return `≈ ${formatBytes(uncompressed ? e.uncompressedBytes : e.compressedBytes)}`;
}

/**
 * `≈ 18 MB final image (compressed ≈ 7 MB)` for the target, `build stage ≈ 850 MB · discarded` for the
 * others; `unknown base + ≈ X added` when the base is not known. `converted` (the multi-stage rewrite's
 * estimate) turns the single-stage title into `≈ 870 MB · multi-stage ≈ 20 MB (−97 %)`.
 */
export function lensTitles(estimate: ImageEstimate, converted?: ImageEstimate): StageLensTitle[] {
  const out: StageLensTitle[] = [];
  const single = estimate.stages.length === 1;
  for (const s of estimate.stages) {
    let title: string;
    let saving = false;
    const added = s.uncompressedBytes - s.base.uncompressedBytes;
    const size = s.unknownBase ? `unknown base + ≈ ${formatBytes(added)} added` : approx(s);
    if (s.isFinal) {
      if (single && converted?.final && !converted.final.unknownBase && !s.unknownBase) {
        const after = converted.final.uncompressedBytes;
        const pct = Math.round((1 - after / Math.max(1, s.uncompressedBytes)) * 100);
        saving = pct > 0;
        title = saving ? `${size} · multi-stage ≈ ${formatBytes(after)} (−${pct} %)` : `${size} final image (compressed ≈ ${formatBytes(s.compressedBytes)})`;
      } else {
        title = s.unknownBase
          ? `${size} · final image`
          : `${size} final image (compressed ≈ ${formatBytes(s.compressedBytes)})`;
      }
    } else if (s.discarded) {
      title = `${s.reachable ? 'build stage' : 'unused stage'} ${size} · discarded`;
    } else {
      title = `${s.name ? `stage ${s.name}` : 'stage'} ${size} · base of the final image`;
    }
    out.push({ stage: s.index, line: s.line, title, saving });
  }
  return out;
}
