import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS401 secret in ARG or ENV', () => {
  it('reports secret-looking names and credential-looking values', () => {
    const r = expectAt('DS401', lines('ARG «GITHUB_TOKEN»', 'FROM alpine:3.20', 'ENV «DB_PASSWORD»=changeme', 'ENV AWS_ID=«AKIAABCDEFGHIJKLMNOP»'));
    assert.match(r[0].finding.message, /ARG GITHUB_TOKEN looks like a secret.*RUN --mount=type=secret,id=github_token/);
    assert.match(r[2].finding.message, /looks like a credential/);
  });
  it('accepts ordinary and public names', () => {
    expectNone('DS401', lines('ARG VERSION=1', 'FROM alpine:3.20', 'ENV PUBLIC_KEY_URL=https://x', 'ENV MONKEY=1 TOKENIZER=fast'));
  });
});
