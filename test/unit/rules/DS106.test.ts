import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS106 stage name casing', () => {
  it('reports a stage name with capitals', () => {
    const r = expectAt('DS106', lines('FROM golang:1.22 AS «Build»', 'FROM alpine:3.20', 'COPY --from=BUILD /a /a'));
    assert.equal(r[0].finding.message, "stage name 'Build' should be lowercase ('build')");
  });

  it('accepts lowercase names', () => expectNone('DS106', lines('FROM golang:1.22 AS build-env_1', 'FROM alpine:3.20')));

  it('renames the stage and every reference written differently, keeping the rest', () => {
    const after = applyFix('DS106', lines('FROM golang:1.22 AS Build', '# keep me', 'FROM Build AS test', 'FROM alpine:3.20', 'RUN --mount=from=BUILD,target=/m true', 'COPY --from=build /a /a'));
    assert.equal(after, lines('FROM golang:1.22 AS build', '# keep me', 'FROM build AS test', 'FROM alpine:3.20', 'RUN --mount=from=build,target=/m true', 'COPY --from=build /a /a'));
  });
});
