import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS409 sensitive file copied into the image', () => {
  it('reports .env, .git and keys copied into a stage that ships', () => {
    const r = expectAt('DS409', lines('FROM node:20-slim', 'COPY package.json «.env» ./', 'ADD «.git» /app/.git', 'COPY «id_rsa» /root/.ssh/id_rsa'));
    assert.match(r[0].finding.message, /puts an environment file/);
    assert.match(r[1].finding.message, /the git repository/);
  });
  it('accepts templates, build-only stages and files from other stages', () => {
    expectNone('DS409', lines('FROM node:20 AS build', 'COPY .npmrc .env ./', 'RUN npm ci', 'FROM node:20-slim', 'COPY .env.example .env.production ./', 'COPY --from=build /app/.env /app/config'));
  });
});
