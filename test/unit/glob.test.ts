/**
 * Wildcard matching without backtracking (core/glob.ts) answers as the RegExps it replaced did (.dockerignore lines,
 * COPY sources named in a RUN, stage references with variables), on random patterns small enough for a RegExp, and
 * answers at once where those RegExps took seconds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANY, globFind, globMatches, ONE, RUN, type Glob, type GlobToken } from '../../server/src/core/glob';
import { buildModel, parseIgnore } from '../../server/src/core/internal';

/** A deterministic pseudo-random source (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r: () => number, s: string, n: number) => Array.from({ length: n }, () => s[Math.floor(r() * s.length)]).join('');

/** The RegExp a .dockerignore line used to become (the specification the glob must keep). */
function ignoreRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
        if (pattern[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The RegExp that looked for a COPY source in a RUN's script. */
function mentionRegExp(path: string): RegExp {
  const source = path.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^\\s/]*').replace(/\?/g, '[^\\s/]');
  return new RegExp(`(?:^|[\\s=:'"(])${source}(?=$|[\\s'";&|)/])`, 'm');
}

const pathGlob = (path: string): Glob => ({ tokens: path.split('').map((ch): GlobToken => (ch === '*' ? RUN : ch === '?' ? ONE : ch)), covers: (ch) => ch !== '/' && !/\s/.test(ch) });
const mentioned = (script: string, path: string) =>
  globFind(pathGlob(path), script, (i) => i === 0 || /[\s=:'"(]/.test(script[i - 1]), (j) => j === script.length || /[\s'";&|)/]/.test(script[j]));

describe('glob', () => {
  it('matches .dockerignore patterns as their RegExps did (5,000 random patterns and paths)', () => {
    const r = random(17);
    for (let k = 0; k < 5000; k++) {
      // At most four wildcards, so the RegExp answers quickly.
      let pattern = pick(r, 'ab/.x', 1 + Math.floor(r() * 6));
      for (let w = Math.floor(r() * 5); w > 0; w--) {
        const at = Math.floor(r() * (pattern.length + 1));
        pattern = pattern.slice(0, at) + ['*', '**', '?', '**/'][Math.floor(r() * 4)] + pattern.slice(at);
      }
      const path = pick(r, 'ab/.x', Math.floor(r() * 9));
      const [rule] = parseIgnore(pattern);
      if (!rule) continue;
      const spec = ignoreRegExp(rule.pattern.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/\.\//g, '/'));
      assert.equal(globMatches(rule.glob, path), spec.test(path), `${JSON.stringify(pattern)} on ${JSON.stringify(path)}`);
    }
  });

  it('finds a COPY source in a script as the RegExp did (5,000 random sources and scripts)', () => {
    const r = random(29);
    for (let k = 0; k < 5000; k++) {
      let path = pick(r, 'ab/.', 1 + Math.floor(r() * 4));
      for (let w = Math.floor(r() * 4); w > 0; w--) {
        const at = Math.floor(r() * (path.length + 1));
        path = path.slice(0, at) + (r() < 0.7 ? '*' : '?') + path.slice(at);
      }
      const script = pick(r, 'ab/. =\'"();|&\n', Math.floor(r() * 24));
      assert.equal(mentioned(script, path), mentionRegExp(path).test(script), `${JSON.stringify(path)} in ${JSON.stringify(script)}`);
    }
  });

  it('matches a whole text with runs of any characters, in either case', () => {
    const g: Glob = { tokens: ['b', 'i', 'n', '-', ANY, '-', ANY], covers: () => true, ignoreCase: true };
    assert.ok(globMatches(g, 'BIN-linux-amd64'));
    assert.ok(globMatches(g, 'bin--'));
    assert.ok(!globMatches(g, 'bin-linux'));
    assert.ok(globMatches({ tokens: [], covers: () => true }, ''));
    assert.ok(!globMatches({ tokens: [], covers: () => true }, 'a'));
  });

  it('answers at once where a backtracking RegExp takes seconds', { timeout: 20_000 }, () => {
    // `*a*a…*a*b` on a long run of a's: the RegExp of this pattern tries every way to split the run.
    const pattern = `${'*a'.repeat(30)}*b`;
    assert.equal(globMatches(parseIgnore(pattern)[0].glob, 'a'.repeat(200)), false);
    assert.equal(mentioned(`echo ${'a'.repeat(5000)}`, `${'*a'.repeat(30)}*b`), false);
    // The fuzzer's input: a FROM of 70 variables (each a wildcard) took 12 s to parse into a model.
    const text = `FROM node:22 AS build-env\nFROM gcr.io/distroless/nodejs22-debian13\nCOPY --from=build-env /app /app\nFROM ${'$A'.repeat(31)}\ufffdA${'$A'.repeat(37)}\n`;
    const model = buildModel(text);
    assert.equal(model.stages.length, 3);
  });
});
