import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS209 ADD instead of COPY', () => {
  it('reports ADD of local files and of an unverified URL', () => {
    const r = expectAt('DS209', lines('FROM alpine:3.20', '«ADD» app.py /app/', 'ADD «https://example.com/tool.sh» /usr/local/bin/'));
    assert.match(r[0].finding.message, /use COPY/);
    assert.match(r[1].finding.message, /--checksum/);
  });
  it('accepts local archives (extracted) and checksummed URLs', () => {
    expectNone('DS209', lines('FROM alpine:3.20', 'ADD rootfs.tar.gz /', 'ADD --checksum=sha256:abc https://example.com/x /x'));
  });
  it('replaces ADD with COPY', () => {
    assert.equal(applyFix('DS209', lines('FROM alpine:3.20', 'ADD --chown=1000 app.py /app/')), lines('FROM alpine:3.20', 'COPY --chown=1000 app.py /app/'));
  });
  it('offers no fix for a pattern: ADD extracts the archives it matches, COPY would not', () => {
    const [r] = expectAt('DS209', lines('FROM alpine:3.20', '«ADD» vendor/* /opt/'));
    assert.deepEqual(r.finding.fixes, []);
  });
});
