import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, keywordOf, splitLines } from '../../../server/src/core/internal';
import { analysisOf } from '../../../server/src/core/rules/analysis';
import { installCommands } from '../../../server/src/core/rules/packageManagers';

// Global ARGs, stages built on each other, an instruction of each kind the indexes serve, lower-case keywords.
const TEXT = [
  'ARG BASE=debian:bookworm',
  'ARG VERSION=1',
  'FROM $BASE AS deps',
  'ENV A=1 B=2',
  'RUN apt-get update && apt-get install -y curl',
  'copy package.json ./',
  'LABEL x="${VERSION}"',
  'FROM deps AS build',
  'ARG VERSION',
  'COPY . .',
  'RUN npm ci && npm run build',
  'ADD app.tar.gz /opt/',
  'FROM alpine:3.20',
  'RUN apk add curl',
  'COPY --from=build /out /app',
  'EXPOSE 80',
  'CMD ["/app"]',
].join('\n');

describe('rule analysis (per-model indexes)', () => {
  it('is one Analysis per model', () => {
    const model = buildModel(TEXT);
    assert.equal(analysisOf(model), analysisOf(model));
    assert.notEqual(analysisOf(buildModel(TEXT)), analysisOf(model));
  });

  it('lists the instructions of one or several keywords in document order, as a filter of every instruction would', () => {
    const model = buildModel(TEXT);
    const a = analysisOf(model);
    for (const keywords of [['RUN'], ['COPY', 'ADD'], ['ADD', 'COPY'], ['ARG', 'ENV'], ['FROM'], ['EXPOSE', 'LABEL', 'CMD'], ['HEALTHCHECK']]) {
      const expected = model.instructions.filter((i) => keywords.includes(keywordOf(i)));
      assert.deepEqual(a.instructionsWith(...keywords), expected, keywords.join(' '));
      assert.deepEqual(a.instructionsWith(...keywords), expected, `${keywords.join(' ')} (asked again)`);
    }
    assert.equal(a.instructionsWith('ARG').length, 3, 'the global ARGs are in the list');
  });

  it("lists a stage's instructions of some keywords, its FROM only when asked for", () => {
    const model = buildModel(TEXT);
    const a = analysisOf(model);
    for (const stage of model.stages) {
      for (const keywords of [['RUN'], ['COPY', 'ADD'], ['ARG', 'ENV'], ['FROM'], ['FROM', 'RUN'], ['CMD']]) {
        const expected = stage.instructions.filter((i, n) => (n > 0 || keywords.includes('FROM')) && keywords.includes(keywordOf(i)));
        assert.deepEqual(a.instructionsOf(stage, ...keywords), expected, `stage ${stage.index}: ${keywords.join(' ')}`);
      }
    }
  });

  it('reads line texts without their line break, whatever the line ends', () => {
    for (const text of ['a\nb\r\nc\rd\n', 'x\r\n\r\ny', '\n\n', 'single', 'RUN a \\\r\n  b\r\n']) {
      const a = analysisOf(buildModel(text));
      splitLines(text).forEach((line, n) => assert.equal(a.lineText(n), line, JSON.stringify(text)));
      assert.equal(a.lineText(splitLines(text).length), '');
    }
  });

  it("tells whether an instruction's text holds a character", () => {
    const model = buildModel('FROM alpine\nWORKDIR /app\nENV P=$HOME/bin \\\n  Q=${P}\n');
    const a = analysisOf(model);
    assert.deepEqual(model.instructions.map((i) => a.holds(i, '$')), [false, false, true]);
  });

  it("gives each rule its stages' share of the install commands, in the order of the stages it asks about", () => {
    const model = buildModel(TEXT);
    const label = (c: { stage: { index: number }; manager: string; verb: { text: string } }) => `${c.stage.index} ${c.manager} ${c.verb.text}`;
    const all = installCommands(analysisOf(model), model.stages);
    assert.deepEqual(all.map(label), ['0 apt install', '1 npm ci', '2 apk add']);
    for (const stages of [[model.stages[2]], [model.stages[0], model.stages[2]], [model.stages[2], model.stages[0]], []]) {
      const expected = stages.flatMap((s) => all.filter((c) => c.stage === s));
      assert.deepEqual(installCommands(analysisOf(model), stages).map(label), expected.map(label), stages.map((s) => s.index).join(','));
    }
  });

  it('reads the program and arguments of a command once, as the command model answers them', () => {
    const model = buildModel('FROM alpine\nRUN sudo -E env A=1 /usr/bin/apk add --no-cache curl\n');
    const a = analysisOf(model);
    const [cmd] = a.commands(model.instructions[1]);
    assert.equal(a.program(cmd), 'apk');
    assert.deepEqual(a.argTexts(cmd), ['add', '--no-cache', 'curl']);
    assert.equal(a.args(cmd), a.args(cmd), 'the same list each time');
  });
});
