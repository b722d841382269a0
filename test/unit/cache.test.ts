import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelCache } from '../../server/src/core/internal';

const doc = (uri: string, version: number, text: string) => ({ uri, version, getText: () => text });

describe('model cache', () => {
  it('parses once per document version and re-parses on a new version', () => {
    const cache = new ModelCache();
    const a = cache.get(doc('a', 1, 'FROM alpine'));
    assert.equal(cache.get(doc('a', 1, 'FROM alpine')), a);
    assert.equal(cache.parseCount, 1);
    const b = cache.get(doc('a', 2, 'FROM alpine AS x'));
    assert.notEqual(b, a);
    assert.equal(b.stages[0].name, 'x');
    assert.equal(cache.parseCount, 2);
  });

  it('never answers with another text of the same URI and version (a document closed and opened again, racing its eviction)', () => {
    const cache = new ModelCache();
    const first = cache.get(doc('untitled:Untitled-1', 1, 'FROM alpine AS a\nFROM alpine AS a\n'));
    const second = cache.get(doc('untitled:Untitled-1', 1, 'FROM golang:1.22 as build\n'));
    assert.notEqual(second, first);
    assert.equal(second.stages[0].name, 'build');
  });

  it("takes a document's own options over the cache's (a folder's target), and forgets them on evict", () => {
    const cache = new ModelCache();
    const text = 'FROM alpine AS a\nFROM alpine AS b\n';
    cache.setOptions({});
    assert.equal(cache.get(doc('x', 1, text)).finalStage?.name, 'b');
    cache.setDocumentOptions('x', { target: 'a' });
    assert.equal(cache.get(doc('x', 1, text)).finalStage?.name, 'a', "re-parsed with the document's target");
    assert.equal(cache.get(doc('y', 1, text)).finalStage?.name, 'b', "other documents keep the cache's options");
    cache.evict('x');
    assert.equal(cache.get(doc('x', 1, text)).finalStage?.name, 'b');
  });

  it('evicts closed documents and the least recently used past its size', () => {
    const cache = new ModelCache(2);
    cache.get(doc('a', 1, 'FROM a'));
    cache.get(doc('b', 1, 'FROM b'));
    cache.get(doc('a', 1, 'FROM a'));
    cache.get(doc('c', 1, 'FROM c'));
    assert.equal(cache.size, 2);
    const before = cache.parseCount;
    cache.get(doc('a', 1, 'FROM a'));
    assert.equal(cache.parseCount, before, 'a was recently used and kept');
    cache.evict('a');
    cache.get(doc('a', 1, 'FROM a'));
    assert.equal(cache.parseCount, before + 1);
  });

  it('re-parses when the options (target) change', () => {
    const cache = new ModelCache();
    const text = 'FROM alpine AS a\nFROM alpine AS b\n';
    assert.equal(cache.get(doc('x', 1, text)).finalStage?.index, 1);
    cache.setOptions({ target: 'a' });
    assert.equal(cache.get(doc('x', 1, text)).finalStage?.index, 0);
  });
});
