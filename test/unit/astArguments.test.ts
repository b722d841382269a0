import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { scanInstructionArguments } from '../../server/src/core/astArguments';

const ROOT = path.resolve(__dirname, '..', '..', '..');

// dockerfile-ast's own getRawArguments: this process never applies the server's patches.
const original = (Instruction.prototype as unknown as { getRawArguments(): { getValue(): string; getRange(): unknown }[] }).getRawArguments;

type Fuzz = {
  rng(seed: number): { int(n: number): number; chance(p: number): boolean };
  seedTexts(): { name: string; text: string }[];
  mutate(r: unknown, text: string, seeds: { text: string }[], maxLine?: number): string;
};
const loadFuzz = async (): Promise<Fuzz> => (await import(pathToFileURL(path.join(ROOT, 'scripts', 'fuzz.mjs')).href)) as Fuzz;

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
    const fuzz = await loadFuzz();
    const seeds = fuzz.seedTexts();
    assert.ok(seeds.length > 10, `${seeds.length} seed files`);
    const failures: string[] = [];
    for (const s of seeds) failures.push(...differences(s.text).map((d) => `${s.name}: ${d}`));
    const r = fuzz.rng(23);
    for (let k = 0; k < 3000 && failures.length < 5; k++) {
      const text = fuzz.mutate(r, seeds[r.int(seeds.length)].text, seeds, 2000);
      failures.push(...differences(text).map((d) => `mutation ${k}: ${d}`));
    }
    assert.deepEqual(failures.slice(0, 5), []);
  });
});
