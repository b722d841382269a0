import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MB, buildModel, estimateImage, lensTitles } from '../../server/src/core/internal';
import { df } from '../support/fixtures';

describe('image size estimate', () => {
  const multi = [
    'FROM golang:1.26-alpine AS build',
    'WORKDIR /src',
    'RUN go mod download',
    'RUN go build -o /out/server ./cmd/server',
    '',
    'FROM alpine:3.24 AS unused',
    'RUN apk add --no-cache git',
    '',
    'FROM alpine:3.24',
    'ENV APP=1',
    'LABEL x=y',
    'EXPOSE 8080',
    'COPY --from=build /out/server /usr/local/bin/server',
    'CMD ["server"]',
  ].join('\n');

  it('accounts the final stage as what ships and the others as discarded', () => {
    const est = estimateImage(buildModel(multi));
    const [build, unused, fin] = est.stages;
    assert.equal(fin.isFinal, true);
    assert.equal(fin.discarded, false);
    assert.equal(build.discarded, true);
    assert.equal(build.reachable, true);
    assert.equal(unused.discarded, true);
    assert.equal(unused.reachable, false);
    assert.equal(est.final!.stage, 2);
    assert.equal(est.final!.compressedBytes, fin.compressedBytes);
    // The build stage (Go toolchain + caches) is far larger than what ships.
    assert.ok(build.compressedBytes > 5 * fin.compressedBytes);
    // Only reachable discarded stages count as built-and-thrown-away.
    assert.equal(est.discardedBytes, build.compressedBytes);
    // final = alpine + the binary copied from the build stage
    const copy = fin.layers.find((l) => l.keyword === 'COPY')!;
    assert.match(copy.items[0].basis, /what stage build produced under \/out\/server/);
    assert.ok(Math.abs(fin.compressedBytes - (fin.base.compressedBytes + copy.compressedBytes)) <= 1);
  });

  it('metadata-only instructions add no layer; ranges enclose the estimate', () => {
    const est = estimateImage(buildModel(multi));
    const fin = est.stages[2];
    assert.deepEqual(fin.layers.map((l) => l.keyword), ['COPY']);
    for (const s of est.stages) {
      assert.ok(s.low <= s.compressedBytes && s.compressedBytes <= s.high);
      assert.ok(s.uncompressedLow <= s.uncompressedBytes && s.uncompressedBytes <= s.uncompressedHigh);
      assert.ok(s.uncompressedBytes >= s.compressedBytes);
    }
  });

  it('FROM <stage> inherits the parent stage size', () => {
    const est = estimateImage(buildModel('FROM node:24-slim AS base\nRUN npm ci\nFROM base\nCOPY . .\n'));
    const [base, child] = est.stages;
    assert.equal(child.base.source, 'stage');
    assert.equal(child.base.compressedBytes, base.compressedBytes);
    assert.equal(base.discarded, false, 'its layers ship inside the final image');
  });

  it('unknown bases: "base unknown", the base counted as 0 and never a made-up figure', () => {
    const est = estimateImage(buildModel('FROM mycorp/base:7\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'));
    const s = est.stages[0];
    assert.equal(s.unknownBase, true);
    assert.equal(est.final!.unknownBase, true);
    assert.equal(s.base.source, 'unknown');
    assert.match(s.base.note, /^base unknown: mycorp\/base:7 is not in the size table/);
    assert.equal(s.base.compressedBytes, 0);
    assert.equal(s.base.high, 0);
    assert.equal(s.compressedBytes, s.layers.reduce((n, l) => n + l.compressedBytes, 0), 'only what the stage adds');
    assert.match(lensTitles(est)[0].title, /^base unknown · adds ≈ \d/);
    const distroless = estimateImage(buildModel('FROM gcr.io/distroless/cc-debian13\nCOPY app /app\n'));
    assert.equal(distroless.stages[0].unknownBase, true);
  });

  it('a base the table has only in another version is the nearest version of that variant, marked ≈ with its tag', () => {
    const est = estimateImage(buildModel('FROM rust:1.79\nRUN echo\n'));
    const b = est.stages[0].base;
    assert.equal(b.source, 'table-nearest');
    assert.equal(b.approximateFrom, 'rust:1-bookworm');
    assert.ok(b.compressedBytes > 400_000_000, 'a full rust image is hundreds of MB, not a default');
    assert.match(b.note, /≈: no figure for rust:1\.79/);
    assert.ok(b.high / b.low > 1.3, 'another version: a wider range');
    const exact = estimateImage(buildModel('FROM golang:1.22\n')).stages[0].base;
    assert.equal(exact.approximateFrom, undefined, 'golang:1.22 is in the table (1.22-bookworm)');
    assert.equal(exact.compressedBytes, 299381750);
  });

  it('ARG-templated tags resolve with their defaults; --platform picks the architecture', () => {
    const est = estimateImage(buildModel('ARG V=24\nFROM --platform=linux/arm64 node:${V}-alpine\n'));
    assert.equal(est.stages[0].base.compressedBytes, 58666530, 'the arm64 figure');
    const noDefault = estimateImage(buildModel('ARG V\nFROM node:${V}\n'));
    assert.equal(noDefault.stages[0].unknownBase, true);
  });

  it('scratch is 0 bytes', () => {
    const est = estimateImage(buildModel('FROM scratch\nCOPY app /app\n'));
    assert.equal(est.stages[0].base.compressedBytes, 0);
    assert.equal(est.stages[0].unknownBase, false);
  });

  it('RUN --mount=type=cache keeps caches out of the layer; exec form and heredocs are parsed', () => {
    const plain = estimateImage(buildModel('FROM golang:1.26-alpine\nRUN go build -o /app .\n')).stages[0].layers[0];
    const mounted = estimateImage(buildModel('FROM golang:1.26-alpine\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app .\n')).stages[0].layers[0];
    assert.ok(mounted.compressedBytes < plain.compressedBytes / 3);
    const exec = estimateImage(buildModel('FROM debian:bookworm\nRUN ["/bin/sh", "-c", "apt-get install -y --no-install-recommends git"]\n')).stages[0].layers[0];
    assert.ok(exec.uncompressedBytes > 40 * MB);
    const heredoc = estimateImage(buildModel('FROM debian:bookworm\nRUN <<EOF\napt-get install -y --no-install-recommends git\nEOF\n')).stages[0].layers[0];
    assert.ok(heredoc.uncompressedBytes > 40 * MB);
  });

  it('comment lines inside a continued RUN do not break the shell parse', () => {
    const est = estimateImage(buildModel('FROM debian:bookworm\nRUN apt-get update \\\n  # the compiler\n  && apt-get install -y --no-install-recommends gcc \\\n  && rm -rf /var/lib/apt/lists/*\n'));
    assert.ok(!est.stages[0].notes.some((n) => /parse error/.test(n)));
    assert.ok(est.stages[0].layers[0].uncompressedBytes > 100 * MB);
  });

  it('lens titles: final, discarded build stage, unused stage', () => {
    const titles = lensTitles(estimateImage(buildModel(multi))).map((t) => t.title);
    assert.match(titles[0], /^build stage ≈ [\d.]+ [MG]B · discarded$/);
    assert.match(titles[1], /^unused stage ≈ [\d.]+ [MG]B · discarded$/);
    assert.match(titles[2], /^≈ [\d.]+ MB final image$/);
  });

  it('lens title of a single-stage file with a converted estimate shows the saving', () => {
    const single = estimateImage(buildModel('FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n'));
    const converted = estimateImage(buildModel('FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nCMD ["/app"]\n'));
    const [t] = lensTitles(single, converted);
    assert.match(t.title, /^≈ [\d.]+ [MG]B · multi-stage ≈ [\d.]+ MB \(−\d+ %\)$/);
    assert.equal(t.saving, true);
    assert.equal(lensTitles(single)[0].saving, false);
    const unknown = estimateImage(buildModel('FROM mycorp/go:1\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n'));
    const [u] = lensTitles(unknown, converted);
    assert.match(u.title, /^base unknown · adds ≈ [\d.]+ [kMG]?B · multi-stage ≈ [\d.]+ MB$/, 'no made-up percentage, but the known converted size');
    assert.equal(u.saving, true);
  });

  it('a recursive chown of files from an earlier layer stores them twice (and says so)', () => {
    const est = estimateImage(buildModel('FROM node:24-slim\nWORKDIR /app\nRUN npm install typescript\nRUN chown -R node:node /app\n'));
    const [, chown] = est.stages[0].layers;
    assert.ok(chown.compressedBytes > 1_000_000);
    assert.ok(est.stages[0].notes.some((n) => /stored twice/.test(n)));
    const fresh = estimateImage(buildModel('FROM node:24-slim\nRUN mkdir -p /data && chmod -R 777 /data\n'));
    assert.ok(!fresh.stages[0].notes.some((n) => /stored twice/.test(n)));
  });

  it('an rm -rf in a later RUN of what an earlier layer added is noted: it does not shrink the image', () => {
    const est = estimateImage(buildModel('FROM node:24-slim\nWORKDIR /app\nRUN npm install typescript\nRUN set -e; rm -rf /app/node_modules\n'));
    assert.ok(est.stages[0].notes.some((n) => /rm` of \/app\/node_modules .*does not make the image smaller/.test(n)), est.stages[0].notes.join('\n'));
    const same = estimateImage(buildModel('FROM node:24-slim\nWORKDIR /app\nRUN npm install typescript && rm -rf /app/node_modules\n'));
    assert.ok(!same.stages[0].notes.some((n) => /does not make the image smaller/.test(n)));
  });

  it('COPY --from with several flags (--from=x --link) still links the stages', () => {
    const est = estimateImage(buildModel('FROM golang:1.26-alpine AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build --link /out/app /app\n'));
    assert.equal(est.stages[0].reachable, true);
    assert.equal(est.discardedBytes, est.stages[0].compressedBytes);
    assert.ok(est.final!.compressedBytes > 1_000_000);
  });

  it('never throws on bad input', () => {
    for (const text of ['', 'RUN echo no from', 'FROM a AS x\nFROM x AS a\nFROM a\n', 'FROM alpine\nRUN "unterminated', '\0\0binary', 'FROM alpine\nCOPY --from=nowhere /x /y\n']) {
      const est = estimateImage(buildModel(text));
      assert.ok(est);
    }
    void df;
  });

  it('counts a discarded chain of stages once (each stage adds to its parent), and no shipped parent as discarded', () => {
    const est = estimateImage(buildModel(['FROM golang:1.22 AS deps', 'RUN go mod download', 'FROM deps AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app'].join('\n')), { arch: 'amd64' });
    const [deps, build] = est.stages;
    assert.ok(build.compressedBytes > deps.compressedBytes);
    assert.equal(est.discardedBytes, build.compressedBytes);
    const shippedParent = estimateImage(buildModel(['FROM node:20-slim AS base', 'FROM base AS test', 'RUN echo test > /t', 'FROM base', 'CMD ["node"]'].join('\n')), { arch: 'amd64' });
    assert.ok(shippedParent.discardedBytes < shippedParent.stages[1].compressedBytes);
  });
});
