import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS601 npm build', () => {
  it('reports npm build and fixes it to npm run build', () => {
    const r = expectAt('DS601', lines('FROM node:20', 'RUN npm ci && npm «build»'));
    assert.match(r[0].finding.message, /not an npm command/);
    assert.equal(applyFix('DS601', lines('FROM node:20', 'RUN npm ci && npm build')), lines('FROM node:20', 'RUN npm ci && npm run build'));
  });
  it('accepts npm run build, yarn build and pnpm build', () => {
    expectNone('DS601', lines('FROM node:20', 'RUN npm run build && yarn build && pnpm build && npm --prefix web run build'));
  });
});
