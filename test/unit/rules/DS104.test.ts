import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticTag } from 'vscode-languageserver-types';
import { resolveSettings } from '../../../common/settings';
import { buildModel } from '../../../server/src/core/internal';
import { expectAt, expectNone, lines } from './helpers';

describe('DS104 unused stage', () => {
  it('reports stages the final image never uses, tagged Unnecessary', () => {
    const r = expectAt('DS104', lines('FROM node:20 AS deps', 'RUN npm ci', 'FROM node:20 AS «assets»', 'RUN npm run assets', '«FROM» node:20', 'FROM node:20-slim', 'COPY --from=deps /node_modules /node_modules'));
    assert.equal(r[0].finding.message, "stage 'assets' is never used by the final image (stage 3) nor by another stage; BuildKit skips it unless you build it with --target");
    assert.deepEqual(r[0].diagnostic.tags, [DiagnosticTag.Unnecessary]);
  });

  it('follows the configured target', () => {
    const r = expectAt('DS104', lines('FROM node:20 AS docs', 'RUN npm run docs', '«FROM» node:20-slim'), resolveSettings({ target: 'docs' }));
    assert.match(r[0].finding.message, /^stage 1 is never used by the final image \(stage 'docs'\)/);
    expectNone('DS104', lines('FROM node:20 AS deps', 'FROM node:20-slim', 'COPY --from=deps /a /a'));
  });

  it('counts a stage picked by a platform ARG under another platform as used (FROM base-${TARGETARCH})', () => {
    const text = lines('FROM alpine AS base-amd64', 'RUN echo amd', 'FROM alpine AS base-arm64', 'RUN echo arm', 'FROM base-${TARGETARCH}', 'RUN echo final');
    expectNone('DS104', text);
    const amd = buildModel(text);
    assert.equal(amd.stages[2].parent, 0);
    const arm = buildModel(text, { platform: 'linux/arm64' });
    assert.equal(arm.stages[2].parent, 1);
    assert.deepEqual(arm.stages[2].baseAlternatives, [0, 1]);
  });

  it('counts stages named by COPY --from=$VAR under other values as used', () => {
    expectNone('DS104', lines('FROM alpine AS bin-linux', 'FROM alpine AS bin-windows', 'FROM scratch', 'COPY --from=bin-${TARGETOS} / /'));
  });

  it('leaves alone stages that are targets of their own: dev/test/export names, FROM scratch exports, multi-target files', () => {
    expectNone('DS104', lines('FROM node:20 AS build', 'RUN npm ci', 'FROM build AS test', 'RUN npm test', 'FROM build AS dev-envs', 'FROM nginx', 'COPY --from=build /app/dist /usr/share/nginx/html'));
    expectNone('DS104', lines('FROM golang AS gen', 'RUN go generate', 'FROM scratch AS out', 'COPY --from=gen /src /', 'FROM alpine', 'RUN true'));
    expectNone('DS104', lines('FROM alpine AS one', 'FROM alpine AS two', 'FROM alpine AS three', 'FROM alpine'));
    // Variants built FROM a shared stage (--target full / light / server), a stage published as an image tag.
    expectNone('DS104', lines('FROM ubuntu:24.04 AS base', 'FROM base AS full', 'FROM base AS light', 'FROM base AS server'));
    expectNone('DS104', lines('FROM ubuntu:24.04 AS demo1', 'CMD ["bash"]', 'FROM ubuntu:24.04 AS demo2', 'CMD ["sh"]'));
    expectNone('DS104', lines('FROM node:22-slim AS fetch', 'FROM node:22-slim AS base-slim', 'COPY --from=fetch /a /a', 'FROM acme/app:base-slim AS base'));
  });

  it('still reports a build stage the final image forgot to copy from', () => {
    const r = expectAt('DS104', lines('FROM node:20 AS «build»', 'RUN npm ci && npm run build', 'FROM nginx:alpine', 'COPY dist /usr/share/nginx/html'));
    assert.match(r[0].finding.message, /^stage 'build' is never used/);
  });
});
