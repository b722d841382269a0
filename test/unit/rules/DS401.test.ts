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

  it('leaves alone names and values that say where a secret is, public keys and run-time placeholders', () => {
    expectNone(
      'DS401',
      lines(
        'FROM alpine:3.20',
        'ENV MINIO_ROOT_PASSWORD_FILE=secret_key',
        'ENV TOKEN_PATH=/run/secrets/token SECRET_DIR=/secrets',
        'ENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305',
        'ARG APK_KEY=https://alpine.example.org/keys/builder.rsa.pub',
        'ENV SIGNING_KEY=/etc/apk/keys/builder.rsa.pub',
        'ENV PASSWORD=',
        'ENV AUTH_ENABLED=true',
        'ENV GLIBC_KEY=https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub GLIBC_KEY_FILE=/etc/apk/keys/sgerrand.rsa.pub',
      ),
    );
  });
  it('still reports a secret value under such a name when it is not a location', () => {
    expectAt('DS401', lines('FROM alpine:3.20', 'ENV «API_TOKEN»=abcd1234efgh', 'ENV «DB_PASSWORD»=12345'));
  });
});
