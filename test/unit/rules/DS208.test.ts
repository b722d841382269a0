import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticTag } from 'vscode-languageserver-types';
import { expectAt, expectNone, lines } from './helpers';

describe('DS208 cache removed in a later layer', () => {
  it('reports a cleanup in its own RUN after the install', () => {
    const r = expectAt('DS208', lines('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', 'RUN «rm -rf /var/lib/apt/lists/*» && «apt-get clean»'));
    assert.match(r[0].finding.message, /does not shrink the image: the files stay in the layer of line 2/);
    assert.deepEqual(r[0].diagnostic.tags, [DiagnosticTag.Unnecessary]);
  });
  it('accepts the cleanup in the installing RUN, and cleanups with no earlier install', () => {
    expectNone('DS208', lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'));
    expectNone('DS208', lines('FROM debian:12', 'RUN rm -rf /var/lib/apt/lists/*'));
  });

  it('does not blame an earlier RUN that already cleaned its own cache', () => {
    expectNone('DS208', lines('FROM node:20-alpine', 'RUN npm install -g some-cli@1.0.0; npm cache clean --force', 'RUN some-cli install --dir /app; npm cache clean --force'));
  });
});
