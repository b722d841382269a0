import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, estimateImage, parseShell } from '../../server/src/core/internal';

const argvs = (script: string, vars?: (n: string) => string | undefined) => parseShell(script, vars).commands.map((c) => [c.conditional ? '?' : '', ...c.argv].join(' ').trim());

describe('shell parses cached by script text', () => {
  it('reads every construct the estimator follows (commands, assignments, quotes, expansions, branches)', () => {
    const script =
      `A=1 B="x$A" echo "a$B" 'q r' \${C:-d} \${#E} $(f) $((1+2)) x\\ y && export P=1 Q=$P || g $P; ` +
      'if h; then i "$A"; elif j; then k; else l; fi; case $m in n) o;; *) p;; esac; for q in 1 2; do r $q; done; ' +
      'while s; do t; done; { u; }; (v | w); f() { x; }; y >/dev/null 2>&1 &';
    // As the tree walk always gave: `export` is a declaration clause (not followed), a prefix assignment stays
    // assigned for later commands, a while condition is not followed.
    const expected = ['echo ax1 q r $C $E $(...) $((...)) x y', '? g $P', 'h', '? i 1', '? j', '? k', '? l', '? o', '? p', 'r $q', 't', 'u', 'v', 'w', 'y'];
    assert.deepEqual(argvs(script), expected);
    assert.deepEqual(argvs(script), expected, 'the same from the cache');
  });

  it('applies each call its own variables, though the parse is cached', () => {
    const script = 'curl -o /tmp/go.tgz https://go.dev/dl/go$GO_VERSION.tgz && V=$GO_VERSION && echo $V $HOME';
    assert.deepEqual(argvs(script, (n) => (n === 'GO_VERSION' ? '1.22' : undefined)), ['curl -o /tmp/go.tgz https://go.dev/dl/go1.22.tgz', 'echo 1.22 $HOME']);
    assert.deepEqual(argvs(script, (n) => (n === 'GO_VERSION' ? '1.23' : n === 'HOME' ? '/root' : undefined)), ['curl -o /tmp/go.tgz https://go.dev/dl/go1.23.tgz', 'echo 1.23 /root']);
    assert.deepEqual(argvs(script), ['curl -o /tmp/go.tgz https://go.dev/dl/go$GO_VERSION.tgz', 'echo $GO_VERSION $HOME']);
  });

  it('hands out fresh results: a caller changing one does not change the next', () => {
    for (const script of ['apt-get install -y curl', 'echo "broken && apt-get install -y curl']) {
      const first = parseShell(script);
      first.commands[0].argv[0] = 'changed';
      first.commands.pop();
      const again = parseShell(script);
      assert.equal(again.commands[0].argv[0], script.startsWith('apt') ? 'apt-get' : 'echo');
      assert.equal(Boolean(again.parseError), script.includes('broken'));
      assert.ok(again.commands.length >= 1);
    }
  });

  it('keeps non-ASCII words', () => {
    assert.deepEqual(argvs('echo "héllo wörld" ünï && mkdir /opt/日本'), ['echo héllo wörld ünï', 'mkdir /opt/日本']);
  });

  it('gives a long && chain in order, the last fallback conditional', () => {
    const p = parseShell(`${'echo hello && '.repeat(1400)}true || false`);
    assert.equal(p.parseError, undefined);
    assert.equal(p.commands.length, 1402);
    assert.deepEqual(p.commands[1399], { argv: ['echo', 'hello'], conditional: false });
    assert.deepEqual(p.commands[1400], { argv: ['true'], conditional: false });
    assert.deepEqual(p.commands[1401], { argv: ['false'], conditional: true });
  });

  it('estimates an image the same from cached parses as from fresh ones', () => {
    const text = [
      'FROM debian:bookworm AS build',
      'ARG GO_VERSION=1.22',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*',
      'RUN curl -fsSL https://go.dev/dl/go${GO_VERSION}.linux-amd64.tar.gz | tar -C /usr/local -xz',
      'FROM build AS other',
      'ARG GO_VERSION=1.23',
      'RUN curl -fsSL https://go.dev/dl/go${GO_VERSION}.linux-amd64.tar.gz | tar -C /usr/local -xz',
      '',
    ].join('\n');
    const first = estimateImage(buildModel(text));
    const second = estimateImage(buildModel(`${text}# another version\n`));
    assert.deepEqual(JSON.parse(JSON.stringify(second)), JSON.parse(JSON.stringify(first)));
  });
});
