import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slimVariant } from '../../../server/src/core/rules/ds202FullBaseImage';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS202 full base image', () => {
  it('reports a full node/python final image where a slim variant exists', () => {
    const r = expectAt('DS202', lines('FROM node:20 AS deps', 'RUN npm ci', 'FROM «node:20»', 'COPY --from=deps /app /app', 'USER node'));
    assert.match(r[0].finding.message, /'node:20-slim' is the same version/);
    expectAt('DS202', lines('FROM «python:3.12-bookworm»', 'COPY app.py .', 'CMD ["python", "app.py"]'));
  });

  it('knows the variant names', () => {
    assert.equal(slimVariant('python', '3.12-bookworm'), '3.12-slim-bookworm');
    assert.equal(slimVariant('node', '20-bookworm'), '20-bookworm-slim');
    assert.equal(slimVariant('debian', 'bookworm'), 'bookworm-slim');
    assert.equal(slimVariant('eclipse-temurin', '21-jdk-alpine'), '21-jre-alpine');
    assert.equal(slimVariant('node', '20-alpine'), undefined);
  });

  it('leaves slim bases, build stages, other registries and single-stage toolchain images (DS201) alone', () => {
    expectNone('DS202', lines('FROM node:20 AS build', 'RUN npm run build', 'FROM node:20-slim', 'COPY --from=build /app /app'));
    expectNone('DS202', lines('FROM node:20', 'COPY . .', 'RUN npm ci && npm run build'));
    expectNone('DS202', lines('FROM registry.example.com/node:20'));
    expectNone('DS202', lines('FROM python:3.12-bookworm', 'RUN python -m pip install --no-cache-dir psycopg2', 'CMD ["python", "app.py"]'));
    expectAt('DS202', lines('FROM «python:3.12-bookworm»', 'RUN echo "run pip install yourself"', 'CMD ["python", "app.py"]'));
  });

  it('switches the tag, keeping the rest of the line', () => {
    const after = applyFix('DS202', lines('FROM python:3.12 AS final', 'COPY app.py .'));
    assert.equal(after, lines('FROM python:3.12-slim AS final', 'COPY app.py .'));
  });
});
