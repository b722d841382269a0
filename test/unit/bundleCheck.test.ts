/** The bundles are Latin-1 text (scripts/build.mjs fails otherwise): V8 then keeps their source one byte a character. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { ROOT } from '../support/lspClient';

describe('bundle check', async () => {
  const { wideCharacters } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'bundle-check.mjs')).href);

  it('finds characters above U+00FF, with where they are', () => {
    assert.deepEqual(wideCharacters('const a = /é ß/;'), []);
    const found = wideCharacters('x = /a ≈ b/.test(t); y = "—";');
    assert.equal(found.length, 2);
    assert.match(found[0], /^U\+2248 in ".*a ≈ b/);
  });

  it('the built bundles have none', () => {
    const bundles = ['extension.js', 'server.js', 'cli.js'].map((f) => path.join(ROOT, 'dist', f)).filter((f) => existsSync(f));
    assert.ok(bundles.length, 'no bundle built (npm test builds them first)');
    for (const f of bundles) assert.deepEqual(wideCharacters(readFileSync(f, 'utf8')), [], f);
  });
});
