import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS502 legacy key value format', () => {
  it('reports ENV and LABEL without =', () => {
    const r = expectAt('DS502', lines('FROM alpine:3.20', 'ENV «APP_HOME» /app', 'LABEL «maintainer» Jane Doe'));
    assert.equal(r[0].finding.message, "'ENV APP_HOME /app' uses the legacy form: write ENV APP_HOME=<value>");
  });
  it('accepts key=value', () => expectNone('DS502', lines('FROM alpine:3.20', 'ENV A=1 B="two words"', 'LABEL x=y')));
  it('writes key=value, quoting values with spaces', () => {
    assert.equal(applyFix('DS502', lines('FROM alpine:3.20', 'ENV GREETING hello big world')), lines('FROM alpine:3.20', 'ENV GREETING="hello big world"'));
    assert.equal(applyFix('DS502', lines('FROM alpine:3.20', 'ENV PATH /opt/bin:$PATH')), lines('FROM alpine:3.20', 'ENV PATH=/opt/bin:$PATH'));
  });
});
