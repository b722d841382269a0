/**
 * Precision of the diagnostics on real files (scripts/eval-precision.mjs): the sampled diagnostics of every rule
 * over ../shared/corpus each have a verdict in test/fixtures/precision/verdicts.tsv, and no rule is right less
 * than 90 % of the time. A rule change that reports new lines needs their verdicts (`npm run eval:precision --
 * --missing` prints them); one that reports wrong things fails here.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import * as core from '../../server/src/core';
import { defaultSettings } from '../../common/settings';
import { ROOT } from '../support/lspClient';

interface Row {
  code: string;
  sampled: number;
  judged: number;
  right: number;
  precision: number;
  missing: { file: string; line: number; code: string; text: string }[];
  wrong: { d: { file: string; line: number }; why: string }[];
}

describe('precision on the corpus (verdicts.tsv)', async () => {
  const engine = await import(pathToFileURL(path.join(ROOT, 'scripts', 'eval-precision.mjs')).href);
  const corpus: string = engine.DEFAULT_CORPUS;
  const skip = existsSync(corpus) ? false : `no corpus at ${corpus}`;

  it('the verdict file parses, and judges each line right or wrong with a reason', () => {
    const verdicts: Map<string, { right: boolean; why: string }> = engine.loadVerdicts();
    assert.ok(verdicts.size > 100);
    for (const [key, v] of verdicts) assert.ok(v.why.trim(), `${key}: has a reason`);
  });

  it('every sampled diagnostic has a verdict, and every rule is right at least 90 % of the time', { skip }, () => {
    const rows: Row[] = engine.precision(engine.sample(engine.diagnosticsOf(core, defaultSettings, corpus)), engine.loadVerdicts());
    assert.ok(rows.length > 10, 'the corpus yields diagnostics of many rules');
    const missing = rows.flatMap((r) => r.missing.map((d) => `${d.file}\t${d.line}\t${d.code}\t?\t${d.text}`));
    assert.deepEqual(missing, [], 'sampled diagnostics without a verdict (add them to verdicts.tsv)');
    const low = rows.filter((r) => r.precision < engine.MIN_PRECISION).map((r) => `${r.code}: ${r.right}/${r.judged} right; wrong: ${r.wrong.map((w) => `${w.d.file}:${w.d.line} (${w.why})`).join('; ')}`);
    assert.deepEqual(low, [], 'rules below 90 % precision');
  });

  it('samples deterministically: the same diagnostics, at most N per rule', () => {
    const diagnostics = Array.from({ length: 30 }, (_, i) => ({ file: `f${i % 7}.Dockerfile`, line: i + 1, code: i % 2 ? 'DS101' : 'DS102', message: '', text: '' }));
    const a = engine.sample(diagnostics, 4);
    const b = engine.sample([...diagnostics].reverse(), 4);
    assert.deepEqual([...a.keys()], ['DS101', 'DS102']);
    for (const code of a.keys()) {
      assert.equal(a.get(code).length, 4);
      assert.deepEqual(a.get(code).map((d: { line: number }) => d.line).sort(), b.get(code).map((d: { line: number }) => d.line).sort());
    }
  });

  it('computes precision from the verdicts and lists the unjudged', () => {
    const d = (line: number) => ({ file: 'x.Dockerfile', line, code: 'DS104', message: '', text: '' });
    const verdicts = new Map([
      [engine.verdictKey('x.Dockerfile', 1, 'DS104'), { right: true, why: 'ok' }],
      [engine.verdictKey('x.Dockerfile', 2, 'DS104'), { right: false, why: 'a --target' }],
    ]);
    const [row] = engine.precision(new Map([['DS104', [d(1), d(2), d(3)]]]), verdicts) as Row[];
    assert.equal(row.judged, 2);
    assert.equal(row.precision, 0.5);
    assert.deepEqual(row.missing.map((m) => m.line), [3]);
    assert.equal(row.wrong[0].why, 'a --target');
  });
});
