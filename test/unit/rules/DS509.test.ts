import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS509 EXPOSE with host mapping', () => {
  it('reports IPs and host ports', () => {
    expectAt('DS509', lines('FROM alpine:3.20', 'EXPOSE «127.0.0.1:8080:80» «8443:443/tcp»'));
  });
  it('accepts container ports and variables', () => expectNone('DS509', lines('FROM alpine:3.20', 'EXPOSE 80 443/tcp ${PORT}')));
  it('keeps the container port', () => assert.equal(applyFix('DS509', lines('FROM alpine:3.20', 'EXPOSE 8080:80')), lines('FROM alpine:3.20', 'EXPOSE 80')));
});
