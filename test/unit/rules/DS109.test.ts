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

  it('accepts copying a helper image or an export stage whole (cross-compilation xx, distroless roots, FROM scratch stages)', () => {
    expectNone(
      'DS109',
      lines(
        'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.9.0 AS xx',
        'FROM gcr.io/distroless/static-debian12:nonroot AS distroless',
        'FROM golang:1.22 AS build',
        'RUN go build -o /out/app .',
        'FROM scratch AS export',
        'COPY --from=build /out /',
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS cross',
        'COPY --from=xx / /',
        'FROM alpine:3.20',
        'COPY --from=export / /usr/bin/',
        'COPY --from=distroless / /rootfs',
      ),
    );
    // A stage the final image does not use ships nothing.
    expectNone('DS109', lines('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM alpine:3.20 AS debug', 'COPY --from=build / /rootfs', 'FROM alpine:3.20', 'COPY --from=build /out/app /app'));
  });
});
