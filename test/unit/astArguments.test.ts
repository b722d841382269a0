import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differencesOverSeeds } from '../support/seedsAndMutations';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { scanInstructionArguments } from '../../server/src/core/astArguments';

// dockerfile-ast's own getRawArguments: this process never applies the server's patches.
const original = (Instruction.prototype as unknown as { getRawArguments(): { getValue(): string; getRange(): unknown }[] }).getRawArguments;

/** Instructions whose arguments differ between the two, as readable lines (the first few). */
function differences(text: string): string[] {
  const out: string[] = [];
  const df = DockerfileParser.parse(text);
  const all = df.getInstructions().flatMap((i) => {
    const trigger = (i as unknown as { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.();
    return trigger ? [i, trigger] : [i];
  });
  for (const ins of all) {
    const want = JSON.stringify(original.call(ins).map((a) => [a.getValue(), a.getRange()]));
    const got = JSON.stringify(scanInstructionArguments(ins as unknown as Parameters<typeof scanInstructionArguments>[0]).map((a) => [a.getValue(), a.getRange()]));
    if (want !== got) out.push(`${JSON.stringify(text.slice(0, 300))}\n  dockerfile-ast: ${want}\n  ours:           ${got}`);
  }
  return out;
}

const EDGES = [
  'RUN a\\ b \\\n  c',
  'RUN a \\  \n  b \\\t\r\n  c \\ \rd',
  'RUN a\\\n# comment \\\n  b\\\n  # not at start? \\\n c',
  'RUN \\\n\\\n\\\n x',
  'RUN x\\',
  'RUN x \\',
  'RUN \\$HOME a\\$b \\\\ c\\"d',
  'RUN a\\ \\\n  b',
  'RUN a\\  b',
  'RUN  \\   \n',
  'RUN a\\\r\nb\\\rc',
  'COPY --from=x \\\n  --chown=1 a \\\n  b',
  '# escape=`\nRUN a `\n  b ` c``d`$e',
  '# escape=`\nRUN a\\b `  \n c',
  'RUN a\\\n#c\n b',
  'RUN a \\\n  #c \\\n  b',
  'RUN \\\n \\  \n x',
  'ENV a=b\\ c d="e f" \\\n g=h',
  'LABEL "a b"=c \\\n\\\n d=e',
  'RUN a\\\n\\ b',
  'RUN a\\\n \\#b',
  'RUN ["a", \\\n "b"]',
  'RUN a \\\n# \\ \\ \\ \n b',
  'RUN \\\n# \\ x\n b',
];

describe('one-pass argument scan (core/astArguments.ts)', () => {
  it("gives dockerfile-ast's arguments and ranges on edge cases", () => {
    for (const text of EDGES) assert.deepEqual(differences(`FROM alpine\n${text}\n`), [], JSON.stringify(text));
  });

  it("gives dockerfile-ast's arguments and ranges on every corpus and fixture file and 3,000 mutations of them", async () => {
    assert.deepEqual(await differencesOverSeeds(differences, { seed: 23, mutations: 3000, maxLine: 2000 }), []);
  });
});
