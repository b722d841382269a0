import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS107 FROM/AS casing', () => {
  it("reports 'as' after FROM and 'AS' after from", () => {
    const r = expectAt('DS107', lines('FROM golang:1.22 «as» build', 'from alpine:3.20 «AS» runtime'));
    assert.equal(r[0].finding.message, "'as' does not match the casing of 'FROM': write 'AS'");
  });

  it('accepts matching casing', () => expectNone('DS107', lines('FROM golang:1.22 AS build', 'from alpine:3.20 as runtime')));

  it('fixes the keyword only', () => {
    assert.equal(applyFix('DS107', lines('FROM golang:1.22 as build', 'FROM alpine:3.20')), lines('FROM golang:1.22 AS build', 'FROM alpine:3.20'));
  });
});
