import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS109 COPY --from of /', () => {
  it("reports copying a stage's whole filesystem", () => {
    const r = expectAt('DS109', lines('FROM golang:1.22 AS build', 'FROM alpine:3.20', 'COPY --from=build «/» /rootfs'));
    assert.match(r[0].finding.message, /copies the whole filesystem of stage 'build'/);
  });

  it('accepts paths and whole small images', () => {
    expectNone('DS109', lines('FROM golang:1.22 AS build', 'FROM alpine:3.20', 'COPY --from=build /out/app /app', 'COPY --from=docker/cli:27 / /', 'COPY / /x'));
  });
});
