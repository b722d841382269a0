/**
 * Per-model memos (core/modelMemo.ts): one value per model and memo, kept on the model, and a model whose memo
 * value refers back to it is collected by the young-generation collector as soon as nothing else holds it (a
 * WeakMap keyed by the model kept it, and its whole parse tree, alive through every scavenge until a full
 * collection).
 */
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'node:test';
import { buildModel, createModelMemo, memoized, type DockerfileModel } from '../../server/src/core/internal';

const TEXT = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:bookworm-slim\nCOPY --from=build /app /app\n';

describe('per-model memos (core/modelMemo.ts)', () => {
  it('keeps one value per model and memo; memos never see each other’s values', () => {
    const a = createModelMemo<{ n: number }>();
    const b = createModelMemo<string>();
    const m1 = buildModel(TEXT);
    const m2 = buildModel(TEXT);
    assert.equal(a.get(m1), undefined);
    const v = a.set(m1, { n: 1 });
    assert.equal(a.get(m1), v);
    assert.equal(a.get(m2), undefined, 'another model of the same text has its own slot');
    assert.equal(b.get(m1), undefined, 'another memo has its own slot');
    b.set(m1, 'x');
    assert.equal(b.get(m1), 'x');
    assert.equal(a.get(m1), v);
    a.set(m1, { n: 2 });
    assert.equal(a.get(m1)?.n, 2, 'set replaces');
  });

  it('memoized computes once per model; null is a kept value, undefined is not', () => {
    const memo = createModelMemo<number | null>();
    const m = buildModel(TEXT);
    let calls = 0;
    assert.equal(memoized(memo, m, () => (calls++, null)), null);
    assert.equal(memoized(memo, m, () => (calls++, 5)), null);
    assert.equal(calls, 1);
  });

  it('adds nothing a reader of the model sees: no enumerable key, the same JSON', () => {
    const m = buildModel(TEXT);
    const keys = Object.keys(m);
    createModelMemo<number>().set(m, 1);
    assert.deepEqual(Object.keys(m), keys);
    assert.deepEqual(Object.getOwnPropertySymbols(m).filter((s) => Object.prototype.propertyIsEnumerable.call(m, s)), []);
  });

  it('a model whose memo value holds it is freed by a young-generation collection', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
    const lines = ['FROM golang:1.22 AS build'];
    for (let i = 0; i < 150; i++) lines.push(`RUN echo step ${i} && apt-get install -y pkg${i}`, `ENV V${i}=x${i}`);
    const text = `${lines.join('\n')}\nFROM debian:bookworm-slim\nCOPY --from=build /a /a\n`;
    const used = () => getHeapSpaceStatistics().filter((s) => s.space_name === 'new_space' || s.space_name === 'old_space').reduce((n, s) => n + s.space_used_size, 0);
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    // Heap growth over one scavenge after building four models, held (a) by an array, (b) only by memo values
    // that refer back to them. A WeakMap in place of the memo grows as much as the array.
    const growth = async (hold: (m: DockerfileModel) => void) => {
      await tick();
      gc({ type: 'minor' });
      gc({ type: 'minor' });
      const before = used();
      for (let i = 0; i < 4; i++) hold(buildModel(`${text}# ${i} ${Math.random()}\n`));
      await tick();
      gc({ type: 'minor' });
      return used() - before;
    };
    const held: DockerfileModel[] = [];
    const strong = await growth((m) => held.push(m));
    held.length = 0;
    const memo = createModelMemo<{ model: DockerfileModel }>();
    // The least of three tries: a collection already under way (other work in this process) can hold some of
    // one try's models; a memo that kept its models would hold all of them in every try.
    let memoized = Infinity;
    for (let i = 0; i < 3; i++) memoized = Math.min(memoized, await growth((m) => void memo.set(m, { model: m })));
    assert.ok(memoized * 2 < strong, `after a scavenge: ${memoized} bytes more with memo values, ${strong} with the models held`);
  });
});
