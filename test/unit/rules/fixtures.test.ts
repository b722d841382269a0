/** Whole Dockerfiles: a typical first Dockerfile gets exactly the expected rules; well-written ones get none. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, buildModel, fixAllEdits, runRules } from '../../../server/src/core/internal';
import { defaultSettings } from '../../../common/settings';
import { fixture } from '../../support/fixtures';

/** `<line> <code>` of every rule result, by line then code. */
const found = (text: string) =>
  runRules(buildModel(text), defaultSettings)
    .map((r) => [r.finding.range.start.line + 1, r.rule.code] as const)
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .map(([line, code]) => `${line} ${code}`);

describe('rules on whole Dockerfiles', () => {
  it('a single-stage Node.js Dockerfile gets the lessons it needs', () => {
    assert.deepEqual(found(fixture('rules/node-single.Dockerfile')), [
      '2 DS201', // keeps the toolchain and dev dependencies
      '2 DS402', // runs as root
      '3 DS502', // ENV key value
      '5 DS301', // COPY . . before npm install
      '6 DS207', // npm install where npm ci fits
      '7 DS302', // mergeable RUNs
      '8 DS203', // --no-install-recommends
      '8 DS204', // apt lists left in the layer
      '8 DS302',
      '9 DS508', // 3000/TCP
      '10 DS501', // CMD in shell form
    ]);
  });

  it('fix all on it leaves the rules that need a decision, and keeps the comment', () => {
    const text = fixture('rules/node-single.Dockerfile');
    const after = applyEdits(text, fixAllEdits(runRules(buildModel(text), defaultSettings)).edits);
    assert.ok(after.startsWith('# A typical first Dockerfile'));
    assert.match(after, /^ENV NODE_ENV=production$/m);
    assert.match(after, /^EXPOSE 3000\/tcp$/m);
    assert.match(after, /apt-get install -y curl \\\n {4}&& rm -rf \/var\/lib\/apt\/lists\/\*$/m);
    assert.deepEqual(found(after), ['2 DS201', '2 DS402', '5 DS301', '6 DS207', '7 DS302', '8 DS203', '8 DS302', '11 DS501']);
  });

  it('well-written Dockerfiles get no rule diagnostic', () => {
    assert.deepEqual(found(fixture('rules/go-multistage-clean.Dockerfile')), []);
    assert.deepEqual(found(fixture('rules/python-slim-clean.Dockerfile')), []);
  });
});
