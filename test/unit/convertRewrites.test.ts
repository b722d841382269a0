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
      ['multiStage', 'devBuildRuntime'],
    );
    // `npm install` on slim or alpine: no compiler for a native module; the multi-stage conversion is the way.
    assert.deepEqual(
      list.skipped.filter((c) => c.kind === 'switchBase').map((c) => c.reason),
      ['the stage installs packages that may compile native code (`npm install`), and node:20-slim has no compiler: build on the full image and copy the result into a node:20-slim stage (Convert to multi-stage)', 'the stage installs packages that may compile native code (`npm install`), and node:20-alpine has no compiler: build on the full image and copy the result into a node:20-alpine stage (Convert to multi-stage)'],
    );
  });

  it('refuses a switch the build or the app could not survive, in the stage or a stage built on it', () => {
    const reason = (text: string, index: number, image: string) => reasonOf(switchBaseImage(buildModel(text), index, image));
    assert.match(reason(df('FROM eclipse-temurin:17-jdk', 'COPY Main.java .', 'RUN javac Main.java', 'CMD ["java", "Main"]'), 0, 'eclipse-temurin:17-jre'), /a JRE cannot compile, and the stage runs `javac Main.java`/);
    assert.match(reason(df('FROM maven:3-eclipse-temurin-17 AS base', 'FROM eclipse-temurin:17-jdk AS jdk', 'FROM jdk', 'RUN mvn -B package'), 1, 'eclipse-temurin:17-jre'), /runs `mvn -B package`/);
    assert.match(reason(df('FROM python:3.12', 'RUN pip install -r requirements.txt'), 0, 'python:3.12-slim'), /installs packages that may compile native code \(`pip install -r`\)/);
    assert.match(reason(df('FROM node:20 AS base', 'FROM base', 'RUN npm ci'), 0, 'node:20-slim'), /`npm ci`/);
    assert.match(reason(df('FROM node:20 AS build', 'RUN make', 'FROM node:20', 'COPY --from=build /app /app'), 1, 'node:20-alpine'), /copies from stage build, built on a glibc image: .* musl/);
    assert.match(reason(df('FROM rust:1.80', 'COPY . .', 'RUN cargo build --release'), 0, 'rust:1.80-slim'), /`cargo build --release`/);
    assert.match(reason(df('FROM golang:1.22', 'ENV CGO_ENABLED=1', 'RUN go build -o /app .'), 0, 'golang:1.22-alpine'), /cgo .* no C compiler/);
    assert.match(reason(df('FROM golang:1.22', 'RUN CGO_ENABLED=1 go build -o /app .'), 0, 'golang:1.22-alpine'), /cgo/);
    assert.equal(converted(switchBaseImage(buildModel(df('FROM golang:1.22', 'RUN CGO_ENABLED=0 go build -o /app .')), 0, 'golang:1.22-alpine')).text, df('FROM golang:1.22-alpine', 'RUN CGO_ENABLED=0 go build -o /app .'));
  });

  it('offers the switch of a stage that only runs what another stage built', () => {
    const text = df('FROM node:20 AS build', 'RUN npm ci && npm run build', 'FROM node:20', 'COPY --from=build /app /app', 'CMD ["node", "/app/main.js"]');
    const list = conversionsFor(buildModel(text), { kinds: ['switchBase'], stage: 1 });
    assert.deepEqual(list.offered.map((c) => c.title), ['Switch base to node:20-slim']);
    assert.match(list.skipped[0].reason, /glibc/);
    assert.deepEqual(conversionsFor(buildModel(df('FROM eclipse-temurin:17-jdk', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]')), { kinds: ['switchBase'] }).offered.map((c) => c.title), ['Switch base to eclipse-temurin:17-jre']);
  });
});
