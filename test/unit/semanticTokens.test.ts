import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, semanticTokens, semanticTokensLegend } from '../../server/src/core/internal';
import { fixture } from '../support/fixtures';

function decode(text: string) {
  const { data } = semanticTokens(buildModel(text));
  const lines = text.split('\n');
  const out: { line: number; text: string; type: string; modifiers: string[] }[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const modifiers = semanticTokensLegend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    out.push({ line, text: lines[line].slice(char, char + data[i + 2]), type: semanticTokensLegend.tokenTypes[data[i + 3]], modifiers });
  }
  return out;
}

describe('semantic tokens', () => {
  it('classifies keywords, flags, images, stage names, variables, comments and directives', () => {
    const tokens = decode(fixture('multistage-go.Dockerfile'));
    const find = (text: string, type: string) => tokens.find((t) => t.text === text && t.type === type);
    assert.ok(find('# syntax=docker/dockerfile:1', 'macro'));
    assert.ok(find('FROM', 'keyword'));
    assert.ok(find('--platform', 'parameter'));
    assert.ok(find('Build', 'namespace')?.modifiers.includes('declaration'));
    assert.ok(find('build', 'namespace'), 'FROM build names a stage');
    assert.ok(find('$BUILDPLATFORM', 'variable'));
    assert.ok(find('GO_VERSION', 'variable')?.modifiers.includes('declaration'));
    assert.ok(find('0', 'namespace'), 'COPY --from=0 names a stage');
    assert.ok(find('--mount', 'parameter'));
  });

  it('produces sorted, non-overlapping tokens that stay inside their lines', () => {
    for (const name of ['multistage-go.Dockerfile', 'heredoc.Dockerfile', 'continuation.Dockerfile', 'escape-windows.Dockerfile', 'lowercase.Dockerfile', 'binary.Dockerfile', 'empty.Dockerfile']) {
      const text = fixture(name);
      const tokens = decode(text);
      const lines = text.split('\n');
      const { data } = semanticTokens(buildModel(text));
      let line = 0;
      let char = 0;
      let prevEnd = 0;
      for (let i = 0; i < data.length; i += 5) {
        assert.ok(data[i] >= 0, `${name}: lines go forward`);
        if (data[i] > 0) prevEnd = 0;
        line += data[i];
        char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
        assert.ok(char >= prevEnd, `${name}: token at ${line}:${char} overlaps the previous one`);
        assert.ok(data[i + 2] > 0 && char + data[i + 2] <= lines[line].length, `${name}: token at ${line}:${char} leaves its line`);
        prevEnd = char + data[i + 2];
      }
      assert.ok(tokens.length > 0 || text.trim() === '' || name === 'binary.Dockerfile');
    }
  });

  it('marks MAINTAINER deprecated', () => {
    const tokens = decode('FROM alpine\nMAINTAINER me\n');
    assert.ok(tokens.find((t) => t.text === 'MAINTAINER')?.modifiers.includes('deprecated'));
  });
});
