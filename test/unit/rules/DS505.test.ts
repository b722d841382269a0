import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS505 invalid default ARG in FROM', () => {
  it('reports a FROM that is invalid with the ARG defaults', () => {
    const r = expectAt('DS505', lines('ARG TAG', 'ARG IMAGE', 'FROM «alpine:${TAG}» AS a', 'FROM «${IMAGE}»'));
    assert.match(r[0].finding.message, /the image is 'alpine:', which is not a valid reference/);
  });
  it('accepts defaults and ${VAR:-default}', () => {
    expectNone('DS505', lines('ARG TAG=3.20', 'ARG V', 'FROM alpine:${TAG} AS a', 'FROM alpine:${V:-3.20}'));
  });
});
