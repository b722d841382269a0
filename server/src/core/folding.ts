/** Folding ranges: one per stage, one per multi-line instruction, one per block of consecutive comments. */
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import { DockerfileModel, keywordOf } from './model';

export interface FoldingOptions {
  /** The most ranges the client wants. All ranges here are whole lines, so lineFoldingOnly needs nothing. */
  rangeLimit?: number;
}

export function foldingRanges(model: DockerfileModel, options: FoldingOptions = {}): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const stage of model.stages) {
    const start = stage.range.start.line;
    const end = stage.range.end.line;
    if (end > start) ranges.push({ startLine: start, endLine: end });
  }
  for (const instruction of model.instructions) {
    const r = instruction.getRange();
    // A multi-line FROM starts on its stage's line, which the stage range already folds from.
    if (r.end.line > r.start.line && keywordOf(instruction) !== 'FROM') {
      ranges.push({ startLine: r.start.line, endLine: r.end.line });
    }
  }
  let blockStart = -1;
  let blockEnd = -1;
  const flush = () => {
    if (blockStart >= 0 && blockEnd > blockStart) ranges.push({ startLine: blockStart, endLine: blockEnd, kind: FoldingRangeKind.Comment });
  };
  for (const comment of model.dockerfile.getComments()) {
    const line = comment.getRange().start.line;
    if (line === blockEnd + 1 && blockStart >= 0) blockEnd = line;
    else {
      flush();
      blockStart = blockEnd = line;
    }
  }
  flush();
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  const limit = options.rangeLimit;
  return limit !== undefined && ranges.length > limit ? ranges.slice(0, limit) : ranges;
}
