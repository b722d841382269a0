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
});
