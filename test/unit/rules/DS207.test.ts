import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS207 npm install where npm ci fits', () => {
  it('reports a bare npm install after the lockfile is copied', () => {
    const r = expectAt('DS207', lines('FROM node:20-slim', 'COPY package.json package-lock.json ./', 'RUN npm «install» --omit=dev'));
    assert.match(r[0].finding.message, /use 'npm ci'/);
  });
  it('leaves package installs, global installs and missing lockfiles alone', () => {
    expectNone('DS207', lines('FROM node:20-slim', 'COPY package*.json ./', 'RUN npm install express'));
    expectNone('DS207', lines('FROM node:20-slim', 'COPY package*.json ./', 'RUN npm install -g pnpm'));
    expectNone('DS207', lines('FROM node:20-slim', 'COPY package.json ./', 'RUN npm install'));
  });
  it('replaces install with ci', () => {
    assert.equal(applyFix('DS207', lines('FROM node:20-slim', 'COPY package*.json ./', 'RUN npm i')), lines('FROM node:20-slim', 'COPY package*.json ./', 'RUN npm ci'));
  });
});
