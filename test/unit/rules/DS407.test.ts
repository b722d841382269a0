import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS407 secret build argument copied into ENV', () => {
  it('reports ENV X=${SECRET_ARG} in a stage that ships, saying through which stages', () => {
    const r = expectAt('DS407', lines('FROM python:3.12-slim', 'ARG PYPIPASS', 'ENV PYPIPASS=«${PYPIPASS}»'));
    assert.match(r[0].finding.message, /copies the build argument PYPIPASS into the image config/);
    const via = expectAt('DS407', lines('FROM python:3.12-slim AS base', 'ARG NPM_TOKEN', 'ENV NPM_TOKEN=«$NPM_TOKEN»', 'FROM base AS runtime', 'CMD ["python"]'));
    assert.match(via[0].finding.message, /reaches the final image via 'runtime' \u2190 'base'/);
  });
  it('accepts ordinary arguments, secret locations and build-only stages', () => {
    expectNone('DS407', lines('FROM python:3.12-slim', 'ARG VERSION', 'ARG TOKEN_FILE', 'ENV APP_VERSION=${VERSION} TOKEN_FILE=${TOKEN_FILE}'));
    expectNone('DS407', lines('FROM node:20 AS build', 'ARG NPM_TOKEN', 'ENV NPM_TOKEN=${NPM_TOKEN}', 'RUN npm ci', 'FROM node:20-slim', 'COPY --from=build /app /app'));
  });
});
