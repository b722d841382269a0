import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { buildModel, documentSymbols } from '../../server/src/core/internal';
import { fixture } from '../support/fixtures';

describe('document symbols', () => {
  it('are hierarchical by stage, with global ARGs at the top', () => {
    const symbols = documentSymbols(buildModel(fixture('multistage-go.Dockerfile')));
    assert.deepEqual(symbols.map((s) => s.name), ['ARG GO_VERSION', 'ARG RUNTIME', 'Build', 'test', 'runtime']);
    const build = symbols[2];
    assert.equal(build.kind, SymbolKind.Class);
    assert.match(build.detail ?? '', /FROM golang:\$\{GO_VERSION\}-alpine/);
    assert.deepEqual(build.children?.map((c) => c.name), ['WORKDIR', 'COPY', 'RUN', 'COPY', 'RUN']);
    assert.match(symbols[3].detail ?? '', /unused/);
    assert.match(symbols[4].detail ?? '', /final/);
    // Every child lies inside its parent's range, and every selection range inside its range.
    for (const s of symbols) {
      assert.ok(s.selectionRange.start.line >= s.range.start.line && s.selectionRange.end.line <= s.range.end.line);
      for (const c of s.children ?? []) assert.ok(c.range.start.line >= s.range.start.line && c.range.end.line <= s.range.end.line);
    }
  });

  it('names unnamed stages by index and copes with empty files', () => {
    const symbols = documentSymbols(buildModel('FROM alpine\nRUN true\n'));
    assert.equal(symbols[0].name, 'stage 0');
    assert.deepEqual(documentSymbols(buildModel('')), []);
  });
});
