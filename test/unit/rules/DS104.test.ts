import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticTag } from 'vscode-languageserver-types';
import { resolveSettings } from '../../../common/settings';
import { expectAt, expectNone, lines } from './helpers';

describe('DS104 unused stage', () => {
  it('reports stages the final image never uses, tagged Unnecessary', () => {
    const r = expectAt('DS104', lines('FROM node:20 AS deps', 'RUN npm ci', 'FROM node:20 AS «docs»', 'RUN npm run docs', '«FROM» node:20', 'FROM node:20-slim', 'COPY --from=deps /node_modules /node_modules'));
    assert.equal(r[0].finding.message, "stage 'docs' is never used by the final image (stage 3); BuildKit skips it unless you build it with --target");
    assert.deepEqual(r[0].diagnostic.tags, [DiagnosticTag.Unnecessary]);
  });

  it('follows the configured target', () => {
    const r = expectAt('DS104', lines('FROM node:20 AS docs', 'RUN npm run docs', '«FROM» node:20-slim'), resolveSettings({ target: 'docs' }));
    assert.match(r[0].finding.message, /^stage 1 is never used by the final image \(stage 'docs'\)/);
    expectNone('DS104', lines('FROM node:20 AS deps', 'FROM node:20-slim', 'COPY --from=deps /a /a'));
  });
});
