import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differencesOverSeeds } from '../support/seedsAndMutations';
import type { Instruction } from 'dockerfile-ast';
import { logicalText } from '../../server/src/core/commands/logical';
import { buildModel, lineStartsOf } from '../../server/src/core/internal';

/**
 * The specification, character by character: every character of the arguments is kept with its document offset,
 * except a line continuation (the escape, blanks, the newline and the comment or empty lines after it) and the CR
 * of a CRLF; one more offset for the instruction's end.
 */
function reference(text: string, escapeChar: string, start: number, end: number): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    if (text[i] === escapeChar) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (text[j] === '\n' || j >= end) {
        i = j + 1;
        for (;;) {
          let k = i;
          while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
          if (text[k] !== '#' && text[k] !== '\n' && !(text[k] === '\r' && text[k + 1] === '\n')) break;
          const nl = text.indexOf('\n', k);
          if (nl < 0 || nl >= end) {
            i = end;
            break;
          }
          i = nl + 1;
        }
        continue;
      }
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    }
    out += text[i];
    offsets.push(i);
    i++;
  }
  offsets.push(end);
  return { text: out, offsets };
}

/** Where the logical text of each instruction of a file differs from the reference (the first few). */
function differences(source: string): string[] {
  const model = buildModel(source);
  const starts = lineStartsOf(model);
  const offsetAt = (p: { line: number; character: number }) => Math.min((starts[Math.min(p.line, starts.length - 1)] ?? 0) + p.character, model.text.length);
  const out: string[] = [];
  for (const instruction of model.instructions as Instruction[]) {
    const l = logicalText(model.text, model.escapeChar, instruction, offsetAt);
    const args = instruction.getArgumentsRange();
    const where = `${JSON.stringify(instruction.getTextContent().slice(0, 120))}`;
    if (!args) {
      if (l.text !== '' || l.entries !== 0 || l.offset(0) !== undefined || l.firstAtOrAfter(0) !== -1) out.push(`${where}: no arguments`);
      continue;
    }
    const start = offsetAt(args.start);
    const end = offsetAt(instruction.getRange().end);
    const want = reference(model.text, model.escapeChar, start, end);
    if (l.text !== want.text) out.push(`${where}: text ${JSON.stringify(l.text)} ≠ ${JSON.stringify(want.text)}`);
    if (l.entries !== want.offsets.length) out.push(`${where}: ${l.entries} entries ≠ ${want.offsets.length}`);
    for (let i = -1; i <= want.offsets.length; i++) {
      if (l.offset(i) !== want.offsets[i]) out.push(`${where}: offset(${i}) ${l.offset(i)} ≠ ${want.offsets[i]}`);
    }
    for (let x = start - 2; x <= end + 2; x++) {
      const first = want.offsets.findIndex((o) => o >= x);
      if (l.firstAtOrAfter(x) !== first) out.push(`${where}: firstAtOrAfter(${x}) ${l.firstAtOrAfter(x)} ≠ ${first}`);
    }
    if (out.length > 5) break;
  }
  return out;
}

const EDGES = [
  'RUN a && \\\n  b',
  'RUN a \\  \n  b \\\t\r\n  c \\ \rd',
  'RUN a\\\n# comment \\\n  b\\\n  # indented comment \\\n c',
  'RUN \\\n\\\n\\\n x',
  'RUN x\\',
  'RUN x \\',
  'RUN a\\\r\nb\\\rc\r\nRUN d',
  'RUN a\\\n\n\n  b',
  'RUN a\\\n#c',
  'RUN ["a", \\\n "b"]',
  'COPY --from=x \\\n  --chown=1 a \\\n  b',
  'RUN <<EOF\necho a \\\n  b\r\nEOF',
  'ENV a=b\\ c d="e f" \\\n g=h',
  'HEALTHCHECK CMD \\\n  curl x',
];

describe('logical text of an instruction (core/commands/logical.ts)', () => {
  it('joins continuations and maps every character back, as the character-by-character reading does', () => {
    for (const text of EDGES) assert.deepEqual(differences(`FROM alpine\n${text}\n`), [], JSON.stringify(text));
    for (const text of EDGES) assert.deepEqual(differences(`# escape=\`\nFROM alpine\n${text.replace(/\\/g, '`')}\n`), [], `backtick: ${JSON.stringify(text)}`);
  });

  it('agrees with it on every corpus and fixture file and 1,000 mutations of them', async () => {
    assert.deepEqual(await differencesOverSeeds(differences, { seed: 41, mutations: 1000, maxLine: 400 }), []);
  });
});
