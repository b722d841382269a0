import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS210 toolchain image as the final stage of a multi-stage build', () => {
  it('reports golang, maven and SDK final stages', () => {
    const r = expectAt('DS210', lines('FROM node:20 AS assets', 'RUN npm ci && npm run build', 'FROM «golang:1.22»', 'COPY --from=assets /app/dist /static', 'RUN go build -o /server .', 'CMD ["/server"]'));
    assert.match(r[0].finding.message, /based on 'golang:1.22', which ships the Go toolchain/);
    expectAt('DS210', lines('FROM node:20 AS web', 'FROM «mcr.microsoft.com/dotnet/sdk:8.0»', 'COPY --from=web /app/dist /app/wwwroot', 'ENTRYPOINT ["dotnet", "App.dll"]'));
  });
  it('accepts runtime bases, dev images that run the toolchain, and single-stage builds (DS201)', () => {
    expectNone('DS210', lines('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /out/app /app'));
    expectNone('DS210', lines('FROM node:20 AS web', 'FROM golang:1.22', 'COPY --from=web /dist /dist', 'CMD ["go", "run", "."]'));
    expectNone('DS210', lines('FROM golang:1.22', 'RUN go build -o /app .'));
    expectNone('DS210', lines('FROM node:20 AS web', 'FROM maven:3.9 AS dev', 'COPY --from=web /dist /dist'));
  });
});
