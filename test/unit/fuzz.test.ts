/**
 * A bounded, deterministic fuzz run through the engine of `npm run fuzz` (scripts/fuzz.mjs): mutated corpus
 * and fixture files through every verb of the core's service (createStagesService), called as the language
 * server calls them; a verb the engine does not know how to call fails here. One test per verb: no
 * exception, no position outside the document. Calls over 1 s are the long run's business (BENCHMARKS.md).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import * as core from '../../server/src/core';
import { defaultSettings } from '../../common/settings';
import { ROOT } from '../support/lspClient';

const INPUTS = 2000;
const SEED = 20261123;

interface Failure {
  feature: string;
  kind: 'throw' | 'outside' | 'slow';
  detail: string;
}

describe('fuzz: mutated Dockerfiles through every core feature', async () => {
  const engine = await import(pathToFileURL(path.join(ROOT, 'scripts', 'fuzz.mjs')).href);
  const seeds = engine.seedTexts();
  const failures = new Map<string, { failure: Failure; text: string }[]>();
  const stats = await engine.fuzz({
    core,
    settings: defaultSettings,
    seeds,
    inputs: INPUTS,
    seed: SEED,
    // Huge lines stay at a few kilobytes here; the long run has them up to 200 KB, hostile.test.ts 1 MB.
    maxLine: 3000,
    onFailure: (text: string, failure: Failure) => {
      if (failure.kind === 'slow') return;
      const list = failures.get(failure.feature) ?? [];
      list.push({ failure, text });
      failures.set(failure.feature, list);
    },
  });

  it('ran every input over the seed files', () => {
    assert.ok(seeds.length >= 5, `seed files: ${seeds.length}`);
    assert.equal(stats.inputs, INPUTS);
  });

  it('fuzzes every verb of the service, and a verb added without a way to call it fails', () => {
    for (const name of ['validate', 'hover', 'codeLenses', 'codeActions', 'resolve', 'convert', 'estimate', 'explain', 'symbols', 'folding', 'semanticTokens', 'rename', 'completion']) {
      assert.ok(stats.features.includes(name), `${name} not fuzzed; fuzzed: ${stats.features.join(', ')}`);
    }
    const service = core.createStagesService({});
    assert.deepEqual(engine.serviceVerbs(service).missing, []);
    const { missing } = engine.serviceVerbs({ ...service, brandNewVerb: (doc: unknown) => doc });
    assert.deepEqual(missing, ['brandNewVerb']);
  });

  it('the result checker catches positions outside the document', () => {
    const lines = engine.lspLines('FROM a\nRUN b');
    assert.deepEqual(engine.findOutside([{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 5 } } }], lines, 'x'), []);
    assert.equal(engine.findOutside({ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } }, lines, 'x').length, 1);
    assert.equal(engine.findOutside({ start: { line: 0, character: 7 } }, lines, 'x').length, 1);
    assert.equal(engine.findOutside([{ startLine: 0, endLine: 5 }], lines, 'x').length, 1);
    assert.equal(engine.findOutside({ data: [1, 0, 9, 0, 0] }, lines, 'semanticTokens').length, 1);
  });

  for (const feature of stats.features as string[]) {
    it(`${feature}: no exception, no position outside the document`, () => {
      const found = failures.get(feature) ?? [];
      if (found.length) {
        const first = found[0];
        assert.fail(
          `${found.length} failing input(s); first: ${first.failure.kind}: ${first.failure.detail.split('\n').slice(0, 3).join(' | ')}\n` +
            `input (${first.text.length} chars): ${JSON.stringify(first.text.length > 400 ? `${first.text.slice(0, 400)}…` : first.text)}`,
        );
      }
    });
  }
});
