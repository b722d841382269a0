import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS508 EXPOSE protocol casing', () => {
  it('reports an upper-case protocol', () => {
    expectAt('DS508', lines('FROM alpine:3.20', 'EXPOSE 80/«TCP» 53/«Udp»'));
  });
  it('accepts lowercase and no protocol', () => expectNone('DS508', lines('FROM alpine:3.20', 'EXPOSE 80/tcp 443')));
  it('lowercases it', () => assert.equal(applyFix('DS508', lines('FROM alpine:3.20', 'EXPOSE 80/TCP')), lines('FROM alpine:3.20', 'EXPOSE 80/tcp')));
});
