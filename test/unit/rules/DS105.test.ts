import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS105 reserved stage name', () => {
  it("reports stages named 'scratch' or 'context'", () => {
    const r = expectAt('DS105', lines('FROM alpine:3.20 AS «context»', 'FROM alpine:3.20 AS «Scratch»', 'FROM alpine:3.20', 'COPY --from=context /a /a'));
    assert.equal(r[0].finding.message, "'context' is a name BuildKit reserves and should not name a stage: a reference to it is ambiguous (ReservedStageName)");
  });

  it('accepts other names', () => expectNone('DS105', lines('FROM alpine:3.20 AS ctx', 'FROM scratch')));

  it('renames the stage and its references', () => {
    const after = applyFix('DS105', lines('FROM alpine:3.20 AS context', 'RUN true', 'FROM alpine:3.20', 'COPY --from=context /a /a'));
    assert.equal(after, lines('FROM alpine:3.20 AS context-stage', 'RUN true', 'FROM alpine:3.20', 'COPY --from=context-stage /a /a'));
  });
});
