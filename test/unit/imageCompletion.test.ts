/** core/size/imageCompletion: where a FROM image is being written, and the table's items for it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { baseImageCompletions, imageCompletionSite } from '../../server/src/core/internal';

describe('imageCompletionSite', () => {
  test('the image or the tag under the cursor, with the range an item replaces', () => {
    assert.deepEqual(imageCompletionSite('FROM py', { line: 3, character: 7 }), { kind: 'image', prefix: 'py', range: { start: { line: 3, character: 5 }, end: { line: 3, character: 7 } } });
    assert.deepEqual(imageCompletionSite('from python:3.1-slim AS x', { line: 0, character: 15 }), { kind: 'tag', image: 'python', prefix: '3.1', range: { start: { line: 0, character: 12 }, end: { line: 0, character: 20 } } });
    assert.equal(imageCompletionSite('FROM localhost:5000/app', { line: 0, character: 23 })?.kind, 'image', 'a registry port is not a tag');
    assert.equal(imageCompletionSite('FROM --platform=linux/amd64 ', { line: 0, character: 28 })?.kind, 'image');
    assert.equal(imageCompletionSite('FROM alpine AS ', { line: 0, character: 15 }), undefined);
    assert.equal(imageCompletionSite('RUN echo', { line: 0, character: 8 }), undefined);
    assert.equal(imageCompletionSite('FROM ${BASE', { line: 0, character: 11 }), undefined);
  });

  test('tags of an image come from the table, exact rows only, with smaller variants', () => {
    const items = baseImageCompletions({ kind: 'tag', image: 'docker.io/library/python', prefix: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, 'amd64');
    const labels = items.map((i) => i.label);
    for (const tag of ['3.13', '3.13-alpine', '3.13-slim']) assert.ok(labels.includes(tag), `${tag} in ${labels.join(', ')}`);
    // Only the table's exact python rows: versioned tags of the official variants, each once.
    for (const label of labels) assert.match(label, /^3\.\d+(-slim|-alpine)?$/);
    assert.equal(new Set(labels).size, labels.length);
    const full = items.find((i) => i.label === '3.13')!;
    assert.match(full.detail, /smaller: 3\.13-alpine .*, 3\.13-slim /);
    assert.deepEqual(baseImageCompletions({ kind: 'tag', image: 'no-such-image', prefix: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, 'amd64'), []);
  });
});
