/** The other rewrites: split into dev/build/runtime, switch base to a smaller variant, name a stage, extract a shared base stage. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildModel,
  conversionsFor,
  extractBaseStage,
  nameStage,
  smallerVariants,
  splitDevBuildRuntime,
  switchBaseImage,
  validateConversion,
} from '../../server/src/core/internal';
import { converted, reasonOf } from '../support/conversions';
import { df, fixture } from '../support/fixtures';

describe('split into dev/build/runtime', () => {
  it('gives three named stages: dev (toolchain + dependencies), build FROM dev, and the runtime', () => {
    const model = buildModel(fixture('convert/go-manifest.Dockerfile'));
    const c = converted(splitDevBuildRuntime(model));
    const out = buildModel(c.text);
    assert.deepEqual(out.stages.map((s) => s.name ?? null), ['dev', 'build', null]);
    assert.equal(out.stages[1].parent, 0, 'build starts FROM dev');
    const dev = out.stages[0].instructions.map((i) => i.getKeyword());
    assert.ok(dev.includes('RUN'), 'the dependencies are installed in dev');
    assert.ok(!out.stages[0].instructions.some((i) => /go build/.test(i.getTextContent())), 'dev does not build');
    assert.ok(out.stages[1].instructions.some((i) => /go build/.test(i.getTextContent())));
    assert.ok(validateConversion(model, c).valid);
    assert.match(c.text, /^ENV CGO_ENABLED=0\nRUN go build/m, 'the build setting stays with the build step');
    assert.match(reasonOf(splitDevBuildRuntime(out)), /already multi-stage/);
  });

  it('works for every stack fixture that converts without a placeholder', () => {
    for (const name of ['node-plain', 'python-unusual', 'maven-unusual', 'rust-plain', 'dotnet-unusual', 'spa-manifest']) {
      const model = buildModel(fixture(`convert/${name}.Dockerfile`));
      const c = converted(splitDevBuildRuntime(model));
      assert.ok(c.validation.valid, name);
      assert.equal(buildModel(c.text).stages.length, 3, name);
    }
  });
});

describe('switch base image', () => {
  it('knows the smaller variants each official image publishes for a tag', () => {
    assert.deepEqual(smallerVariants('node:20').map((v) => v.image), ['node:20-slim', 'node:20-alpine']);
    assert.deepEqual(smallerVariants('python:3.12-bookworm').map((v) => v.image), ['python:3.12-slim-bookworm']);
    assert.deepEqual(smallerVariants('golang:1.22').map((v) => v.image), ['golang:1.22-alpine']);
    assert.deepEqual(smallerVariants('debian:bookworm').map((v) => v.image), ['debian:bookworm-slim']);
    assert.deepEqual(smallerVariants('eclipse-temurin:21-jdk').map((v) => v.image), ['eclipse-temurin:21-jre']);
    assert.deepEqual(smallerVariants('node:20-alpine'), []);
    assert.deepEqual(smallerVariants('myorg/node:20'), [], 'not an official image: no known variants');
    assert.deepEqual(smallerVariants('node@sha256:abc'), []);
  });

  it('switches only the base of that stage, refuses alpine for apt-get stages and ARG-set bases', () => {
    const text = df('FROM python:3.12', 'RUN apt-get update && apt-get install -y curl', 'CMD ["python"]');
    const slim = converted(switchBaseImage(buildModel(text), 0, 'python:3.12-slim'));
    assert.equal(slim.text, text.replace('python:3.12', 'python:3.12-slim'));
    assert.match(reasonOf(switchBaseImage(buildModel(text), 0, 'python:3.12-alpine')), /apt-get/);
    assert.match(reasonOf(switchBaseImage(buildModel(df('ARG V=20', 'FROM node:${V}')), 0)), /ARG/);
    assert.match(reasonOf(switchBaseImage(buildModel(df('FROM myorg/app:1')), 0)), /no smaller variant/);
  });
});

describe('name a stage', () => {
  it('adds AS <name> and updates the numeric --from references', () => {
    const text = df('FROM golang:1.22', 'RUN go build -o /app .', '', 'FROM alpine:3.20', 'COPY --from=0 /app /app', 'RUN --mount=type=cache,from=0,target=/x true');
    const c = converted(nameStage(buildModel(text), 0));
    assert.equal(c.text, df('FROM golang:1.22 AS build', 'RUN go build -o /app .', '', 'FROM alpine:3.20', 'COPY --from=build /app /app', 'RUN --mount=type=cache,from=build,target=/x true'));
    assert.ok(c.validation.valid);
    assert.match(c.title, /2 --from references/);
    assert.match(reasonOf(nameStage(buildModel(c.text), 0)), /already named/);
    assert.match(reasonOf(nameStage(buildModel(text), 0, 'bad name')), /not a valid/);
  });
});

describe('extract a shared base stage', () => {
  it('moves the repeated first instructions into one base stage', () => {
    const text = df(
      'FROM node:20 AS test',
      '# shared setup',
      'WORKDIR /app',
      'RUN npm install -g pnpm',
      'RUN pnpm test',
      '',
      'FROM node:20 AS build',
      'WORKDIR /app',
      'RUN npm install -g pnpm',
      'RUN pnpm build',
      '',
      'FROM nginx:alpine',
      'COPY --from=build /app/dist /usr/share/nginx/html',
    );
    const model = buildModel(text);
    const c = converted(extractBaseStage(model));
    const out = buildModel(c.text);
    assert.deepEqual(out.stages.map((s) => s.name ?? null), ['base', 'test', 'build', null]);
    assert.equal(out.stages[1].parent, 0);
    assert.equal(out.stages[2].parent, 0);
    assert.equal(c.text.match(/npm install -g pnpm/g)?.length, 1);
    assert.ok(c.validation.valid, JSON.stringify(c.validation.issues));
    assert.match(reasonOf(extractBaseStage(buildModel(fixture('convert/go-plain.Dockerfile')))), /only one stage/);
  });
});

describe('conversionsFor', () => {
  it('offers the conversions of a single-stage file in a fixed order', () => {
    const list = conversionsFor(buildModel(fixture('convert/node-plain.Dockerfile')));
    assert.deepEqual(
      list.offered.map((c) => c.kind),
      ['multiStage', 'devBuildRuntime', 'switchBase', 'switchBase'],
    );
    assert.deepEqual(list.offered.filter((c) => c.kind === 'switchBase').map((c) => c.title), ['Switch base to node:20-slim', 'Switch base to node:20-alpine']);
  });
});
