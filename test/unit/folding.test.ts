import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FoldingRangeKind } from 'vscode-languageserver-types';
import { buildModel, foldingRanges } from '../../server/src/core/internal';
import { fixture } from '../support/fixtures';

describe('folding ranges', () => {
  it('has one range per stage', () => {
    const ranges = foldingRanges(buildModel(fixture('multistage-go.Dockerfile')));
    const stageRanges = ranges.filter((r) => [4, 11, 14].includes(r.startLine));
    assert.deepEqual(stageRanges.map((r) => [r.startLine, r.endLine]), [
      [4, 9],
      [11, 12],
      [14, 19],
    ]);
  });

  it('folds multi-line instructions, heredocs and comment blocks', () => {
    const ranges = foldingRanges(buildModel(fixture('continuation.Dockerfile')));
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine, r.kind]),
      [
        [0, 13, undefined],
        [1, 2, FoldingRangeKind.Comment],
        [3, 6, undefined],
        [7, 8, undefined],
      ],
    );
    const heredoc = foldingRanges(buildModel(fixture('heredoc.Dockerfile')));
    assert.ok(heredoc.some((r) => r.startLine === 2 && r.endLine === 6), 'RUN heredoc folds');
  });

  it('respects rangeLimit', () => {
    assert.equal(foldingRanges(buildModel(fixture('continuation.Dockerfile')), { rangeLimit: 2 }).length, 2);
  });
});
