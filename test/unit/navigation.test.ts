import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import {
  applyEditsToText,
  buildModel,
  prepareStageRename,
  renameStage,
  stageDefinition,
  stageHighlights,
  stageReferences,
} from '../../server/src/core/internal';
import { cursor, df, fixture } from '../support/fixtures';

/** The text a range covers (single line). */
function slice(text: string, r: Range): string {
  const line = text.split('\n')[r.start.line];
  return line.slice(r.start.character, r.end.character);
}

function at(marked: string) {
  const { text, position } = cursor(marked);
  return { text, position, model: buildModel(text) };
}

const GRAPH = df(
  'FROM golang:1.22 AS Build', // 0
  'RUN go build -o /out/app .', // 1
  'FROM build AS test', // 2
  'RUN go test ./...', // 3
  'FROM alpine', // 4
  'RUN --mount=type=bind,from=BUILD,source=/out,target=/mnt cp /mnt/app /app', // 5
  'COPY --from=0 /out/app /app2', // 6
  'COPY --from=build /out/app /app', // 7
);

describe('stage navigation', () => {
  it('goes to the definition from every kind of reference, names matched case-insensitively', () => {
    const cases = ['FROM bu|ild AS test', 'from=BU|ILD', 'COPY --from=|0', 'COPY --from=bui|ld', 'AS Bu|ild'];
    for (const marker of cases) {
      const plain = marker.replace('|', '');
      const { text, position, model } = at(GRAPH.replace(plain, marker));
      const def = stageDefinition(model, position);
      assert.ok(def, `definition from ${marker}`);
      assert.deepEqual(def, { start: { line: 0, character: 20 }, end: { line: 0, character: 25 } }, marker);
      assert.equal(slice(text, def), 'Build');
    }
  });

  it('goes to the FROM of an unnamed stage from a numeric reference', () => {
    const { model, position } = at(df('FROM golang:1.22', 'RUN go build -o /x .', 'FROM alpine', 'COPY --from=|0 /x /x'));
    assert.deepEqual(stageDefinition(model, position), { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
  });

  it('answers nothing off stage names (the standard service answers there)', () => {
    for (const marker of ['FROM golang:1.|22 AS Build', 'RUN go bu|ild', 'FROM alp|ine']) {
      const { model, position } = at(GRAPH.replace(marker.replace('|', ''), marker));
      assert.equal(stageDefinition(model, position), undefined, marker);
      assert.equal(stageReferences(model, position), undefined, marker);
      assert.equal(prepareStageRename(model, position), undefined, marker);
    }
  });

  it('finds every reference: FROM, mount from=, numeric --from and named --from, with the declaration', () => {
    const { text, model, position } = at(GRAPH.replace('COPY --from=build', 'COPY --from=bu|ild'));
    const refs = stageReferences(model, position)!;
    assert.deepEqual(
      refs.map((r) => [r.start.line, slice(text, r)]),
      [
        [0, 'Build'],
        [2, 'build'],
        [5, 'BUILD'],
        [6, '0'],
        [7, 'build'],
      ],
    );
    assert.equal(stageReferences(model, position, false)!.length, 4);
  });

  it('highlights the definition as a write and the uses as reads', () => {
    const { model, position } = at(GRAPH.replace('FROM build AS test', 'FROM build AS te|st'));
    const hl = stageHighlights(model, position)!;
    assert.equal(hl.length, 1, 'the unused test stage has only its definition');
    assert.equal(hl[0].kind, 3);
    const fromNumeric = at(GRAPH.replace('COPY --from=0', 'COPY --from=0|'));
    const all = stageHighlights(fromNumeric.model, fromNumeric.position)!;
    assert.deepEqual(all.map((h) => [h.range.start.line, h.kind]), [
      [0, 3],
      [2, 2],
      [5, 2],
      [6, 2],
      [7, 2],
    ]);
  });
});

describe('stage rename', () => {
  function rename(marked: string, newName: string, options?: Parameters<typeof renameStage>[3]) {
    const { text, model, position } = at(marked);
    const result = renameStage(model, position, newName, options);
    assert.ok(result, 'a rename result');
    if ('error' in result) return { error: result.error, text: undefined as unknown as string };
    return { text: applyEditsToText(text, result.edits), error: undefined };
  }

  it('renaming a name updates AS, FROM, --from= and mount from= (any case), and keeps numeric references', () => {
    const { text } = rename(GRAPH.replace('AS Build', 'AS Bu|ild'), 'compile');
    assert.equal(
      text,
      df(
        'FROM golang:1.22 AS compile',
        'RUN go build -o /out/app .',
        'FROM compile AS test',
        'RUN go test ./...',
        'FROM alpine',
        'RUN --mount=type=bind,from=compile,source=/out,target=/mnt cp /mnt/app /app',
        'COPY --from=0 /out/app /app2',
        'COPY --from=compile /out/app /app',
      ),
    );
    // The result is the same build graph under the new name.
    const before = buildModel(GRAPH);
    const after = buildModel(text);
    assert.deepEqual(
      after.stages.map((s) => [s.dependsOn, s.consumers, s.reachable]),
      before.stages.map((s) => [s.dependsOn, s.consumers, s.reachable]),
    );
    assert.equal(after.stages[0].name, 'compile');
  });

  it('renaming from a reference gives the same edit as from the definition', () => {
    const fromDef = rename(GRAPH.replace('AS Build', 'AS Bu|ild'), 'compile').text;
    const fromMount = rename(GRAPH.replace('from=BUILD', 'from=BU|ILD'), 'compile').text;
    assert.equal(fromMount, fromDef);
  });

  it('renaming from a numeric reference converts the numeric references too (or keeps them when asked)', () => {
    const converted = rename(GRAPH.replace('COPY --from=0', 'COPY --from=|0'), 'compile').text;
    assert.match(converted, /^COPY --from=compile \/out\/app \/app2$/m);
    assert.match(converted, /^FROM golang:1\.22 AS compile$/m);
    const kept = rename(GRAPH.replace('COPY --from=0', 'COPY --from=|0'), 'compile', { numeric: 'keep' }).text;
    assert.match(kept, /^COPY --from=0 \/out\/app \/app2$/m);
    const convertFromName = rename(GRAPH.replace('AS Build', 'AS Bu|ild'), 'compile', { numeric: 'convert' }).text;
    assert.equal(convertFromName, converted);
  });

  it('names an unnamed stage when renaming from a numeric reference', () => {
    const src = df('FROM --platform=$BUILDPLATFORM golang:1.22', 'RUN go build -o /x .', 'FROM alpine', 'COPY --from=|0 /x /x', 'RUN --mount=from=0,target=/m true');
    const { text } = rename(src, 'builder');
    assert.equal(text, df('FROM --platform=$BUILDPLATFORM golang:1.22 AS builder', 'RUN go build -o /x .', 'FROM alpine', 'COPY --from=builder /x /x', 'RUN --mount=from=builder,target=/m true'));
    const m = buildModel(text);
    assert.deepEqual(m.stages[1].dependsOn, [0]);
  });

  it('keeps the quotes of a quoted reference', () => {
    const { text } = rename(df('FROM alpine AS a|b', 'FROM alpine', 'COPY --from="ab" /x /x'), 'cd');
    assert.match(text, /COPY --from="cd" \/x \/x/);
  });

  it('refuses names that would change the build or that BuildKit rejects', () => {
    assert.match(rename(GRAPH.replace('AS Build', 'AS Bu|ild'), '9lives').error!, /not a valid stage name/);
    assert.match(rename(GRAPH.replace('AS Build', 'AS Bu|ild'), 'my stage').error!, /not a valid stage name/);
    assert.match(rename(GRAPH.replace('AS Build', 'AS Bu|ild'), 'TEST').error!, /stage 1 \(line 3\) is already named "test"/);
    assert.match(rename(GRAPH.replace('AS Build', 'AS Bu|ild'), 'alpine').error!, /line 5 builds FROM the image "alpine"/);
    assert.match(rename(GRAPH.replace('AS Build', 'AS Bu|ild'), 'scratch').error!, /scratch/);
    const image = df('FROM alpine AS a|b', 'FROM alpine', 'COPY --from=nginx /x /x', 'COPY --from=ab /y /y');
    assert.match(rename(image, 'nginx').error!, /line 3 takes from the image "nginx"/);
    const variable = df('ARG S=ab', 'FROM alpine AS a|b', 'FROM alpine', 'ARG S', 'COPY --from=${S} /x /x');
    assert.match(rename(variable, 'cd').error!, /through a variable/);
  });

  it('allows a change of case only', () => {
    const { text } = rename(GRAPH.replace('AS Build', 'AS Bu|ild'), 'BUILD');
    assert.match(text, /^FROM golang:1\.22 AS BUILD$/m);
    assert.match(text, /^FROM BUILD AS test$/m);
  });

  it('leaves a reference through a variable to the standard rename (which renames the variable)', () => {
    const { model, position } = at(df('ARG S=ab', 'FROM alpine AS ab', 'FROM alpine', 'ARG S', 'COPY --from=${|S} /x /x'));
    assert.equal(prepareStageRename(model, position), undefined);
    assert.equal(renameStage(model, position, 'cd'), undefined);
    // Definition and references still work from it.
    assert.deepEqual(stageDefinition(model, position)?.start, { line: 1, character: 15 });
  });

  it('prepares the rename on the name without its quotes', () => {
    const { text, model, position } = at(df('FROM alpine AS ab', 'FROM alpine', 'COPY --from="a|b" /x /x'));
    const p = prepareStageRename(model, position)!;
    assert.equal(slice(text, p.range), 'ab');
    assert.equal(p.placeholder, 'ab');
  });

  it('works on the fixtures: renaming Build in multistage-go gives a file with the same graph', () => {
    const src = fixture('multistage-go.Dockerfile');
    const { text } = rename(src.replace('AS Build', 'AS |Build'), 'gobuild');
    const before = buildModel(src);
    const after = buildModel(text);
    assert.deepEqual(after.stages.map((s) => s.dependsOn), before.stages.map((s) => s.dependsOn));
    assert.match(text, /from=gobuild,source=\/out/);
    assert.match(text, /COPY --from=0 /);
  });
});
