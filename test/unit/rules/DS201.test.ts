import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS201 toolchain in the final image', () => {
  it('reports a single-stage Go build, with the stack in data', () => {
    const r = expectAt('DS201', lines('FROM «golang:1.22»', 'WORKDIR /app', 'COPY . .', 'RUN go build -o server .', 'CMD ["./server"]'));
    assert.deepEqual(r[0].diagnostic.data, { rule: 'toolchain-in-final-image', stack: 'go', fixable: false });
    assert.match(r[0].finding.message, /keeps the Go toolchain \(golang:1\.22\)/);
  });

  it('reports node with a build step, maven, the .NET SDK, and a JDK where a JRE suffices', () => {
    assert.equal(expectAt('DS201', lines('FROM «node:20»', 'COPY . .', 'RUN npm ci && npm run build', 'CMD ["node", "dist/index.js"]'))[0].diagnostic.data.stack, 'node');
    assert.equal(expectAt('DS201', lines('FROM «maven:3.9-eclipse-temurin-21»', 'COPY . .', 'RUN mvn -B package'))[0].diagnostic.data.stack, 'java-maven');
    assert.equal(expectAt('DS201', lines('FROM «mcr.microsoft.com/dotnet/sdk:8.0»', 'COPY . /src', 'RUN dotnet publish -c Release'))[0].diagnostic.data.stack, 'dotnet');
    assert.equal(expectAt('DS201', lines('FROM «rikorose/gcc-cmake:latest»', 'COPY . /p', 'RUN cmake --build /p'))[0].diagnostic.data.stack, 'cpp');
    assert.equal(expectAt('DS201', lines('FROM «microsoft/dotnet:2.0.0-sdk»', 'COPY . /src', 'RUN dotnet publish -o /out'))[0].diagnostic.data.stack, 'dotnet');
    assert.equal(expectAt('DS201', lines('FROM «node:16-alpine»', 'COPY . .', 'RUN nest build', 'CMD node dist/main'))[0].diagnostic.data.stack, 'node');
    const jre = expectAt('DS201', lines('FROM «eclipse-temurin:21-jdk»', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]'));
    assert.equal(jre[0].diagnostic.data.stack, 'generic');
    assert.match(jre[0].finding.message, /a full JDK where a JRE suffices/);
    // A stage that compiles needs its JDK: the message says so instead of a JRE sufficing.
    assert.match(expectAt('DS201', lines('FROM «eclipse-temurin:21-jdk»', 'COPY Main.java .', 'RUN javac Main.java', 'CMD ["java", "Main"]'))[0].finding.message, /keeps the JDK and a javac build \(eclipse-temurin:21-jdk\)/);
  });

  it('reports a C toolchain installed with apt and not removed', () => {
    const r = expectAt('DS201', lines('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends «build-essential» && rm -rf /var/lib/apt/lists/*', 'COPY . /src', 'RUN make -C /src'));
    assert.equal(r[0].diagnostic.data.stack, 'cpp');
  });

  it('leaves multi-stage builds, runtime-only images and removed toolchains alone', () => {
    expectNone('DS201', lines('FROM golang:1.22 AS build', 'RUN go build -o /app', 'FROM gcr.io/distroless/static', 'COPY --from=build /app /app'));
    expectNone('DS201', lines('FROM node:20-slim', 'COPY . .', 'RUN npm ci --omit=dev', 'CMD ["node", "index.js"]'));
    expectNone('DS201', lines('FROM eclipse-temurin:21-jre', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]'));
    expectNone('DS201', lines('FROM alpine:3.20', 'RUN apk add --no-cache --virtual .build gcc musl-dev && make && apk del .build'));
  });

  it('counts the official images\' apt-mark auto + purge --auto-remove as removing the build dependencies, not a removal that names other packages', () => {
    expectNone('DS201', lines('FROM debian:bookworm-slim', "RUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; apt-get install -y --no-install-recommends gcc make; make; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*"));
    expectAt('DS201', lines('FROM debian:bookworm-slim', 'COPY . .', 'RUN apt-get update && apt-get install -y --no-install-recommends «gcc» wget && make && apt-get remove -y --auto-remove wget'));
  });

  it('leaves images whose product is the toolchain: lint/test targets and containers that run a toolchain tool', () => {
    expectNone('DS201', lines('FROM golang:1.22', 'RUN go install golang.org/x/tools/cmd/goimports@v0.20.0', 'WORKDIR /work', 'ENTRYPOINT ["goimports"]'));
    expectNone('DS201', lines('FROM golang:1.22-alpine AS base', 'WORKDIR /src', 'FROM base AS lint', 'RUN --mount=type=bind,target=. go vet ./...'));
    expectNone('DS201', lines('FROM golang:1.22', 'RUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@v1.59.1', 'ENTRYPOINT ["golangci-lint"]'));
    // CI and toolbox images: no start command of their own and nothing copied from the context; builder images.
    expectNone('DS201', lines('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends golang-go gcc make', 'WORKDIR /opt'));
    expectNone('DS201', lines('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y ghc cabal-install', 'COPY build /usr/bin/build', 'ENTRYPOINT ["/usr/bin/build"]'));
    expectNone('DS201', lines('FROM node:24', 'WORKDIR /wiki', 'CMD ["tail", "-f", "/dev/null"]'));
  });
});

