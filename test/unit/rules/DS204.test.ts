import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS204 apt lists not removed', () => {
  it('reports apt-get install without removing /var/lib/apt/lists in the same RUN', () => {
    const r = expectAt('DS204', lines('FROM debian:12', 'RUN apt-get update && apt-get «install» -y --no-install-recommends curl', 'RUN rm -rf /var/lib/apt/lists/*'));
    assert.match(r[0].finding.message, /leaves the package lists/);
  });

  it('accepts the cleanup in the same RUN, a cache mount, and build stages', () => {
    expectNone('DS204', lines('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'));
    expectNone('DS204', lines('FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends curl'));
    expectNone('DS204', lines('FROM debian:12 AS build', 'RUN apt-get install -y gcc', 'FROM scratch', 'COPY --from=build /a /a'));
  });

  it('appends the cleanup to the RUN with the same indentation', () => {
    const after = applyFix('DS204', lines('FROM debian:12', 'RUN apt-get update \\', '  && apt-get install -y --no-install-recommends curl', 'CMD ["curl"]'));
    assert.equal(after, lines('FROM debian:12', 'RUN apt-get update \\', '  && apt-get install -y --no-install-recommends curl \\', '  && rm -rf /var/lib/apt/lists/*', 'CMD ["curl"]'));
  });

  it('offers no fix when a later RUN installs from these lists without its own apt-get update (it would fail)', () => {
    const later = lines('FROM debian:12', 'RUN apt-get update && apt-get «install» -y --no-install-recommends curl', 'RUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*');
    const [r] = expectAt('DS204', later);
    assert.deepEqual(r.finding.fixes, []);
    assert.match(r.finding.message, /remove them in the same RUN once the RUN on line 3, which installs from these lists, runs apt-get update itself$/);
    // The same in a stage built on this one.
    const child = lines('FROM debian:12 AS base', 'RUN apt-get update && apt-get «install» -y --no-install-recommends curl', 'FROM base', 'RUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*');
    assert.deepEqual(expectAt('DS204', child)[0].finding.fixes, []);
    // A later RUN that updates first, or a sibling stage's RUN, does not read them: the fix is offered.
    const updates = lines('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', 'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*');
    assert.equal(applyFix('DS204', updates), lines('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl \\', '    && rm -rf /var/lib/apt/lists/*', 'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*'));
  });

  it('appends to a one-line RUN', () => {
    const after = applyFix('DS204', lines('FROM debian:12', 'RUN apt-get install -y --no-install-recommends curl'));
    assert.equal(after, lines('FROM debian:12', 'RUN apt-get install -y --no-install-recommends curl \\', '    && rm -rf /var/lib/apt/lists/*'));
  });
});
