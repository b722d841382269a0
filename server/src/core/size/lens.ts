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

/** `≈ 84 MB`, or `base unknown · adds ≈ 45 MB` when the base is not known (never a made-up figure). */
export function stageSizeText(e: StageEstimate): string {
  if (e.unknownBase) return `base unknown · adds ≈ ${formatBytes(Math.max(0, e.uncompressedBytes - e.base.uncompressedBytes))}`;
  return `≈ ${formatBytes(e.uncompressedBytes)}`;
}

/** ` · base ≈ rust:1-bookworm` when the base figure is another tag's (the nearest version the table has). */
function baseMark(e: StageEstimate): string {
  return e.base.approximateFrom ? ` · base ≈ ${e.base.approximateFrom}` : '';
}

/**
 * `≈ 84 MB final image` for the target, `build stage ≈ 850 MB · discarded` for the others, and
 * `base unknown · adds ≈ 45 MB` when the base is not known. `converted` (the multi-stage rewrite's estimate)
 * turns the single-stage title into `≈ 870 MB · multi-stage ≈ 20 MB (−97 %)`. The range and what dominates
 * the figure are in the hover and the breakdown, not in the lens.
 */
export function lensTitles(estimate: ImageEstimate, converted?: ImageEstimate): StageLensTitle[] {
  const out: StageLensTitle[] = [];
  const single = estimate.stages.length === 1;
  for (const s of estimate.stages) {
    let title: string;
    let saving = false;
    const size = stageSizeText(s);
    if (s.isFinal) {
      if (single && converted?.final && !converted.final.unknownBase && !s.unknownBase) {
        const after = converted.final.uncompressedBytes;
        const pct = Math.round((1 - after / Math.max(1, s.uncompressedBytes)) * 100);
        saving = pct > 0;
        title = saving ? `${size} · multi-stage ≈ ${formatBytes(after)} (−${pct} %)` : `${size} final image`;
      } else if (single && s.unknownBase && converted?.final && !converted.final.unknownBase) {
        // No percentage against an unknown base, but the converted image's size is known: offer it.
        saving = true;
        title = `${size} · multi-stage ≈ ${formatBytes(converted.final.uncompressedBytes)}`;
      } else {
        title = s.unknownBase ? size : `${size} final image`;
      }
    } else if (s.discarded) {
      title = `${s.reachable ? 'build stage' : 'unused stage'} ${size} · discarded`;
    } else {
      title = `${s.name ? `stage ${s.name}` : 'stage'} ${size} · base of the final image`;
    }
    out.push({ stage: s.index, line: s.line, title: title + baseMark(s), saving });
  }
  return out;
}
