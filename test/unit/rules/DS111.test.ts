import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS111 libc mismatch', () => {
  it('reports a glibc-linked Go binary copied into alpine, and a musl C binary copied into Debian', () => {
    const r = expectAt('DS111', lines('FROM golang:1.22 AS build', 'RUN go build -o /out/server .', 'FROM alpine:3.20', 'COPY --from=build «/out/server» /server'));
    assert.match(r[0].finding.message, /built by 'go build' in stage 'build' against glibc .*and copied into stage 1, which has musl/);
    expectAt('DS111', lines('FROM alpine:3.20 AS build', 'RUN apk add --no-cache gcc musl-dev && gcc -o /out/hello hello.c', 'FROM debian:bookworm-slim', 'COPY --from=build «/out/hello» /usr/local/bin/hello'));
  });
  it('accepts static builds, the same C library, and files that are not the binary', () => {
    expectNone('DS111', lines('FROM golang:1.22 AS build', 'RUN CGO_ENABLED=0 go build -o /out/server .', 'FROM alpine:3.20', 'COPY --from=build /out/server /server'));
    expectNone('DS111', lines('FROM golang:1.22 AS build', 'RUN export CGO_ENABLED=0 && go build -o /out/server .', 'FROM alpine:3.20', 'COPY --from=build /out/server /server'));
    expectNone('DS111', lines('FROM rust:1.80 AS build', 'RUN rustup target add x86_64-unknown-linux-musl && cargo build --release', 'FROM alpine:3.20', 'COPY --from=build /src/target/release/app /app'));
    expectNone('DS111', lines('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -o /out/server .', 'FROM alpine:3.20', 'COPY --from=build /out/server /server'));
    expectNone('DS111', lines('FROM golang:1.22-alpine AS build', 'RUN go build -o /out/server .', 'FROM debian:bookworm-slim', 'COPY --from=build /out/server /server'));
    expectNone('DS111', lines('FROM rust:1.80 AS build', 'RUN cargo build --release', 'FROM debian:bookworm-slim', 'COPY --from=build /src/target/release/app /app'));
    expectNone('DS111', lines('FROM golang:1.22 AS build', 'RUN go build -o /out/server .', 'FROM alpine:3.20', 'COPY --from=build /src/config.yaml /config.yaml'));
  });
});
