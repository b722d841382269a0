import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS402 final image runs as root', () => {
  it('reports no USER, and USER root', () => {
    const r = expectAt('DS402', lines('FROM golang:1.22 AS build', '«FROM» alpine:3.20 AS runtime', 'CMD ["/app"]'));
    assert.match(r[0].finding.message, /stage 'runtime'\) runs as root/);
    expectAt('DS402', lines('FROM alpine:3.20', 'USER app', '«USER root»'));
  });
  it('accepts a USER in the final stage or its parent, and non-root base images', () => {
    expectNone('DS402', lines('FROM alpine:3.20 AS base', 'USER 65532', 'FROM base'));
    expectNone('DS402', lines('FROM gcr.io/distroless/static-debian12:nonroot'));
    expectNone('DS402', lines('FROM alpine:3.20 AS x', 'FROM golang:1.22', 'USER app:app'));
  });
  it("switches a node image to its 'node' user before CMD", () => {
    const after = applyFix('DS402', lines('FROM node:20-slim', 'COPY --chown=node . /app', 'CMD ["node", "/app/index.js"]'));
    assert.equal(after, lines('FROM node:20-slim', 'COPY --chown=node . /app', 'USER node', 'CMD ["node", "/app/index.js"]'));
  });

  it('accepts images whose own config runs as a non-root user, and official servers whose entrypoint drops root', () => {
    expectNone('DS402', lines('FROM jenkins/jenkins:lts-jdk17', 'COPY plugins.txt /usr/share/jenkins/ref/'));
    expectNone('DS402', lines('FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled', 'COPY app /app'));
    expectNone('DS402', lines('FROM nginxinc/nginx-unprivileged:1.27-alpine', 'COPY dist /usr/share/nginx/html'));
    expectNone('DS402', lines('FROM postgres:16', 'COPY init.sql /docker-entrypoint-initdb.d/'));
    expectNone('DS402', lines('FROM lscr.io/linuxserver/wireguard:1.0.20210914', 'COPY app /app'));
    // A replaced entrypoint no longer drops root.
    expectAt('DS402', lines('«FROM» postgres:16', 'ENTRYPOINT ["postgres"]'));
    expectAt('DS402', lines('«FROM» gcr.io/distroless/static-debian12', 'COPY app /app'));
  });

  it('accepts images where nothing runs, lint/test targets, toolchain tools, and entrypoints that hand over to a user', () => {
    // An artifact export: FROM scratch, no ENTRYPOINT or CMD.
    expectNone('DS402', lines('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM scratch AS binaries', 'COPY --from=build /out/ /'));
    expectNone('DS402', lines('FROM golang:1.22-alpine AS base', 'FROM base AS lint', 'RUN go vet ./...'));
    expectNone('DS402', lines('FROM golang:1.22', 'RUN go install golang.org/x/tools/cmd/goimports@v0.20.0', 'ENTRYPOINT ["goimports"]'));
    expectNone('DS402', lines('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y gosu && useradd -r app', 'COPY docker-entrypoint.sh /usr/local/bin/', 'ENTRYPOINT ["docker-entrypoint.sh"]'));
    expectNone('DS402', lines('FROM alpine:3.20', 'RUN adduser -D app', 'COPY entrypoint.sh /', 'ENTRYPOINT ["/entrypoint.sh"]', 'CMD ["server"]'));
    expectNone('DS402', lines('FROM debian:12-slim AS base2', 'RUN apt-get update && apt-get install -y --no-install-recommends curl'));
    expectNone('DS402', lines('FROM mcr.microsoft.com/mssql/server:2022-latest', 'USER root:root', 'RUN apt-get update && apt-get install -y --no-install-recommends gosu', 'COPY entrypoint.sh /', 'ENTRYPOINT ["/entrypoint.sh"]'));
    // An entrypoint script without a user created for it, and scratch images that run something, still run as root.
    expectAt('DS402', lines('«FROM» alpine:3.20', 'COPY entrypoint.sh /', 'ENTRYPOINT ["/entrypoint.sh"]'));
    expectAt('DS402', lines('FROM golang:1.22 AS build', '«FROM» scratch', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]'));
  });
});
