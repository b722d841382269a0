import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS404 curl | sh', () => {
  it('reports a download piped to a shell, and bash <(curl …)', () => {
    const r = expectAt('DS404', lines('FROM debian:12', 'RUN «curl -fsSL https://get.example.com | sh» && echo done', 'RUN «bash <(curl» -s https://x.sh)'));
    assert.equal(r[0].finding.message, "'curl … | sh' runs a downloaded script unverified: download it, check its checksum, then run it");
  });
  it('reports sh -c "$(curl …)" on the shell command, and not a substitution that runs something else', () => {
    const r = expectAt('DS404', lines('FROM debian:12', 'RUN apt-get update && «sh -c "$(curl» -fsSL https://x/install.sh)"'));
    assert.equal(r[0].finding.message, "'sh' runs a script fetched with curl unverified: download it, check its checksum, then run it");
    expectNone('DS404', lines('FROM debian:12', 'RUN sh -c "$(cat /opt/install.sh)" && echo curl'));
  });
  it('accepts downloads piped elsewhere and verified scripts', () => {
    expectNone('DS404', lines('FROM debian:12', 'RUN curl -fsSL https://x/key.gpg | gpg --dearmor -o /k.gpg', 'RUN curl -o i.sh https://x && sha256sum -c sums && sh i.sh'));
  });
  it('reads a RUN that starts with a `[` test as shell form, not exec form', () => {
    expectAt('DS404', lines('FROM alpine:3.20', 'RUN [ "$FROM_SOURCE" = "true" ] && exit 0; «wget -O- https://x/install.sh | sh -s v1»'));
  });
});
