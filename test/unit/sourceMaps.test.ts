/**
 * The bundles ship with source maps (scripts/build.mjs, .vscodeignore): a position in dist/server.js maps back to
 * its TypeScript source, so a stack trace the server prints (server/src/node/stackTraces.ts reads the map then)
 * names server/src/... lines. Reads the bundles `npm run compile` (or the production build) wrote.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_EXEC_ARGV } from '../../common/launch';
import { ROOT } from '../support/lspClient';

function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the bundle`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

describe('source maps', () => {
  for (const [bundle, needle, source] of [
    ['server.js', 'could not read the settings of', 'server/src/lsp/server.ts'],
    ['extension.js', 'language server failed to start', 'client/src/extension.ts'],
  ] as const) {
    it(`dist/${bundle} links its map, and a position in it maps back to ${source}`, () => {
      const file = path.join(ROOT, 'dist', bundle);
      assert.ok(existsSync(file), 'bundles built (npm test builds them first)');
      const text = readFileSync(file, 'utf8');
      assert.match(text, new RegExp(`//# sourceMappingURL=${bundle.replace('.', '\\.')}\\.map\\s*$`));
      const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      const { line, column } = positionOf(text, needle);
      const entry = map.findEntry(line, column) as { originalSource?: string };
      assert.ok(entry.originalSource?.replace(/\\/g, '/').endsWith(source), JSON.stringify(entry));
    });
  }

  it('the server is not started with --enable-source-maps (it maps its own traces when it prints one: test/lsp/server.test.ts)', () => {
    assert.ok(!SERVER_EXEC_ARGV.includes('--enable-source-maps'));
  });
});
