import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS503 undefined variable', () => {
  it('reports misspellings, global ARGs out of scope, and unset variables in a scratch stage', () => {
    const r = expectAt('DS503', lines('ARG VERSION=1', 'FROM alpine:3.20', 'ENV APP_DIR=/app', 'WORKDIR $«APP_DRI»', 'LABEL v=$«VERSION»', 'FROM scratch', 'COPY x ${«DEST»}'));
    assert.match(r[0].finding.message, /did you mean '\$APP_DIR'/);
    assert.match(r[1].finding.message, /declare ARG VERSION in the stage/);
    assert.match(r[2].finding.message, /from scratch inherits nothing/);
  });
  it('accepts defined, predefined and possibly inherited variables, and RUN', () => {
    expectNone('DS503', lines('ARG VERSION=1', 'FROM alpine:3.20', 'ARG VERSION', 'ENV PATH=/x:$PATH', 'LABEL v=$VERSION p=$TARGETPLATFORM', 'RUN echo $WHATEVER'));
  });
  it('fixes the misspelling', () => {
    assert.match(applyFix('DS503', lines('FROM alpine:3.20', 'ENV APP_DIR=/app', 'WORKDIR $APP_DRI')), /WORKDIR \$APP_DIR/);
  });

  it("accepts an ARG or ENV the stage inherits from the stage it is built FROM", () => {
    expectNone('DS503', lines('FROM alpine:3.20 AS base', 'ARG USER=app', 'ENV HOME_DIR=/srv', 'FROM base AS final', 'COPY --chown=${USER} app ${HOME_DIR}/app'));
    // A sibling stage's ARG is not inherited.
    expectAt('DS503', lines('FROM alpine:3.20 AS base', 'ARG USER=app', 'FROM alpine:3.20 AS other', 'COPY --chown=${«USER»} app /app'));
  });
  it('reports a name once per instruction, as BuildKit does, and its fix renames every use', () => {
    const r = expectAt('DS503', lines('FROM alpine:3.20', 'ENV APP_DIR=/app', 'COPY x $«APP_DRI»/$APP_DRI/', 'WORKDIR $«APP_DRI»'));
    assert.equal(r.length, 2);
    assert.match(r[0].finding.message, /'\$APP_DRI' \(used 2 times\) is not defined/);
    assert.match(applyFix('DS503', lines('FROM alpine:3.20', 'ENV APP_DIR=/app', 'COPY x $APP_DRI/${APP_DRI}/')), /COPY x \$APP_DIR\/\$\{APP_DIR\}\//);
  });
});
