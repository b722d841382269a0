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
  // What BuildKit (buildah here) sets for each form, checked by building: `ENV C ${X:-c d}` and `ENV C="${X:-c d}"`
  // both give `c d`; `ENV A a\ b` gives `a b` where `ENV A="a\\ b"` would give `a\ b`.
  it('keeps what the value means: variables still expand; escapes and quotes among blanks get no fix', () => {
    assert.equal(applyFix('DS502', lines('FROM alpine:3.20', 'ENV C ${X:-c d} and $X')), lines('FROM alpine:3.20', 'ENV C="${X:-c d} and $X"'));
    assert.equal(applyFix('DS502', lines('FROM alpine:3.20', "LABEL title 'two words'")), lines('FROM alpine:3.20', "LABEL title='two words'"));
    assert.equal(applyFix('DS502', lines('FROM alpine:3.20', 'ENV A a\\b')), lines('FROM alpine:3.20', 'ENV A=a\\b'));
    for (const legacy of ['ENV A a\\ b', 'ENV A say "hi there"', 'ENV A `a b`', "ENV A it's a b"]) {
      const [r] = expectAt('DS502', lines('FROM alpine:3.20', legacy.replace(/^ENV A/, 'ENV «A»')));
      assert.deepEqual(r.finding.fixes, [], legacy);
    }
  });
});
