import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextResultsFor, lines, marked } from './helpers';

describe('DS511 COPY of an ignored file', () => {
  it('reports a COPY source that .dockerignore excludes', async () => {
    const m = marked(lines('FROM alpine:3.20', 'COPY «secrets/app.env» «build/out» /app/', 'COPY src /src'));
    const r = await contextResultsFor('DS511', m.text, { '.dockerignore': 'secrets\nbuild/\n' });
    assert.deepEqual(r.map((x) => x.finding.range), m.ranges);
    assert.equal(r[0].finding.message, "'secrets/app.env' is excluded by .dockerignore (pattern 'secrets'): it is not in the build context");
  });

  it('accepts negated patterns, wildcards and COPY --from', async () => {
    const text = lines('FROM alpine:3.20 AS b', 'FROM alpine:3.20', 'COPY keep.log *.txt /x/', 'COPY --from=b /secrets /s');
    assert.deepEqual(await contextResultsFor('DS511', text, { '.dockerignore': '*.log\n!keep.log\nsecrets\n*.txt\n' }), []);
  });

  it('reads the .dockerignore of the context the COPY sources name (a Dockerfile in a subfolder built from the root)', async () => {
    const text = lines('FROM debian:12-slim', 'COPY util/app/backup.sql /', 'COPY util/app/entrypoint.sh /');
    const files = { 'util/app/backup.sql': '', 'util/app/entrypoint.sh': '', 'util/app/.dockerignore': '*\n!entrypoint.sh\n', '.dockerignore': '**/bin\n' };
    assert.deepEqual(await contextResultsFor('DS511', text, files, undefined, 'util/app/Dockerfile'), []);
    // From the root's .dockerignore, an excluded path is still reported.
    const r = await contextResultsFor('DS511', text, { ...files, '.dockerignore': 'util/app/backup.sql\n' }, undefined, 'util/app/Dockerfile');
    assert.equal(r.length, 1);
  });

  it('skips COPY --from whatever flag comes first (--link --from=registry)', async () => {
    const text = lines('FROM alpine:3.20 AS registry', 'FROM alpine:3.20', 'COPY --link --from=registry /bin/registry /usr/bin/');
    assert.deepEqual(await contextResultsFor('DS511', text, { '.dockerignore': 'bin/\n' }), []);
  });

  it('accepts a folder the ignore file excludes but re-includes parts of (** then !build-bin/x)', async () => {
    const text = lines('FROM alpine:3.20', 'COPY build-bin/ /build-bin/', 'COPY ./searx/ ./searx/');
    assert.deepEqual(await contextResultsFor('DS511', text, { '.dockerignore': '**\n!build-bin/docker/healthcheck\n!searx/**\n' }), []);
  });
});
