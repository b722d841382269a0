import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS304 apt-get update alone', () => {
  it('reports a RUN that only updates, and moves the update into the install RUN', () => {
    expectAt('DS304', lines('FROM debian:bookworm-slim', '«RUN apt-get update»', 'RUN apt-get install -y curl'));
    const after = applyFix('DS304', lines('FROM debian:bookworm-slim', 'RUN apt-get update', 'RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'));
    assert.equal(after, lines('FROM debian:bookworm-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'));
  });
  it('accepts update and install in one RUN', () => {
    expectNone('DS304', lines('FROM debian:bookworm-slim', 'RUN apt-get update && apt-get install -y curl', 'RUN apt-get update -qq \\', '  && apt-get install -y git'));
  });
});
