/**
 * Wildcard matching without backtracking (core/glob.ts) answers as the RegExps it replaced did (.dockerignore lines,
 * COPY sources named in a RUN, stage references with variables), on random patterns small enough for a RegExp, and
 * answers at once where those RegExps took seconds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANY, fixedDirectory, globMatches, type Glob } from '../../server/src/core/glob';
import { mentions } from '../../server/src/core/hover/copySource';
import { buildModel, dockerignoreTemplate, parseIgnore } from '../../server/src/core/internal';
import { normalizePath } from '../../server/src/core/rules/dockerignore';

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

/** `text` with up to `most` wildcards (each drawn by `wildcard`) put in at random places. */
function withWildcards(r: () => number, text: string, most: number, wildcard: () => string): string {
  let out = text;
  for (let w = Math.floor(r() * (most + 1)); w > 0; w--) {
    const at = Math.floor(r() * (out.length + 1));
    out = out.slice(0, at) + wildcard() + out.slice(at);
  }
  return out;
}

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

/** The RegExp core/hover/copySource.ts's mentions used to look for a COPY source in a RUN's script. */
function mentionRegExp(path: string): RegExp {
  const source = path.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^\\s/]*').replace(/\?/g, '[^\\s/]');
  return new RegExp(`(?:^|[\\s=:'"(])${source}(?=$|[\\s'";&|)/])`, 'm');
}

describe('glob', () => {
  it('matches .dockerignore patterns as their RegExps did (5,000 random patterns and paths)', () => {
    const r = random(17);
    for (let k = 0; k < 5000; k++) {
      // At most four wildcards, so the RegExp answers quickly.
      const pattern = withWildcards(r, pick(r, 'ab/.x', 1 + Math.floor(r() * 6)), 4, () => ['*', '**', '?', '**/'][Math.floor(r() * 4)]);
      const path = pick(r, 'ab/.x', Math.floor(r() * 9));
      const [rule] = parseIgnore(pattern);
      if (!rule) continue;
      const spec = ignoreRegExp(normalizePath(rule.pattern));
      assert.equal(globMatches(rule.glob, path), spec.test(path), `${JSON.stringify(pattern)} on ${JSON.stringify(path)}`);
    }
  });

  it("finds a COPY source in a script as copySource's RegExp did (5,000 random sources and scripts)", () => {
    const r = random(29);
    for (let k = 0; k < 5000; k++) {
      const path = withWildcards(r, pick(r, 'ab/.', 1 + Math.floor(r() * 4)), 3, () => (r() < 0.7 ? '*' : '?'));
      const script = pick(r, 'ab/. =\'"();|&\n', Math.floor(r() * 24));
      // mentions never counts the root or the whole context ('/', '.') as named, whatever the script says.
      const expected = path !== '/' && path !== '.' && mentionRegExp(path).test(script);
      assert.equal(mentions(script, path), expected, `${JSON.stringify(path)} in ${JSON.stringify(script)}`);
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
    assert.equal(mentions(`echo ${'a'.repeat(5000)}`, `${'*a'.repeat(30)}*b`), false);
    // The fuzzer's input: a FROM of 70 variables (each a wildcard) took 12 s to parse into a model.
    const text = `FROM node:22 AS build-env\nFROM gcr.io/distroless/nodejs22-debian13\nCOPY --from=build-env /app /app\nFROM ${'$A'.repeat(31)}\ufffdA${'$A'.repeat(37)}\n`;
    const model = buildModel(text);
    assert.equal(model.stages.length, 3);
    // The fuzzer's 50 KB COPY source without a wildcard: its fixed directory took 4.8 s by RegExp.
    const source = '${X}'.repeat(12_500);
    assert.equal(fixedDirectory(source), source);
    assert.match(dockerignoreTemplate('node', [source]), /node_modules/);
  });
  it("cuts a path at its first wildcard's segment as the RegExp did (5,000 random paths)", () => {
    const r = random(11);
    for (let i = 0; i < 5000; i++) {
      const path = withWildcards(r, pick(r, 'ab/./-_', 1 + Math.floor(r() * 12)), 3, () => pick(r, '*?[', 1));
      assert.equal(fixedDirectory(path), path.replace(/\/?[^/]*[*?[].*$/, ''), path);
    }
    assert.equal(fixedDirectory('target/*.jar'), 'target');
    assert.equal(fixedDirectory('/app/dist/**'), '/app/dist');
    assert.equal(fixedDirectory('*.jar'), '');
  });
});
