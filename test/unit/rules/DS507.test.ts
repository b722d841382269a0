import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS507 redundant --platform=$TARGETPLATFORM', () => {
  it('reports it', () => {
    expectAt('DS507', lines('FROM --platform=«$TARGETPLATFORM» alpine:3.20', 'FROM --platform=«${TARGETPLATFORM}» alpine:3.20 AS b'));
  });
  it('accepts $BUILDPLATFORM', () => expectNone('DS507', lines('FROM --platform=$BUILDPLATFORM alpine:3.20')));
  it('removes the flag', () => {
    assert.equal(applyFix('DS507', lines('FROM --platform=$TARGETPLATFORM alpine:3.20 AS run')), lines('FROM alpine:3.20 AS run'));
  });
});
