import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS508 EXPOSE protocol casing', () => {
  it('reports an upper-case protocol', () => {
    expectAt('DS508', lines('FROM alpine:3.20', 'EXPOSE 80/«TCP» 53/«Udp»'));
  });
  it('accepts lowercase and no protocol', () => expectNone('DS508', lines('FROM alpine:3.20', 'EXPOSE 80/tcp 443')));
  it('lowercases it', () => assert.equal(applyFix('DS508', lines('FROM alpine:3.20', 'EXPOSE 80/TCP')), lines('FROM alpine:3.20', 'EXPOSE 80/tcp')));

  it('points at the protocol when the argument runs over a line continuation', () => {
    // `7700/tcp\` + `E` is one argument, `7700/tcpE`: the protocol starts on the first line and ends on the next.
    const r = expectAt('DS508', 'FROM alpine:3.20\nEXPOSE  7700/«tcp\\\nE»');
    assert.equal(r[0].finding.fixes?.length ?? 0, 0, 'no fix across the continuation');
    expectAt('DS508', lines('FROM alpine:3.20', 'EXPOSE 7700/«tc\\', 'P» 80/«TCP»'));
  });
});
