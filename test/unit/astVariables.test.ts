import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { differencesOverSeeds } from '../support/seedsAndMutations';
import { scanVariables } from '../../server/src/core/astVariables';

type Scanned = Parameters<typeof scanVariables>[0];
type AnyVariable = Record<string, unknown>;

// dockerfile-ast's own parseVariables: this process never applies the server's patches.
const original = (Instruction.prototype as unknown as { parseVariables(offset: number, arg: string): AnyVariable[] }).parseVariables;

/** Everything a Variable holds, in a comparable form. */
const shown = (variables: AnyVariable[]) => JSON.stringify(variables.map((v) => ['name', 'nameRange', 'range', 'modifier', 'modifierRange', 'substitutionParameter', 'substitutionRange', 'defined', 'buildVariable', 'stringValue'].map((k) => v[k] ?? null)));

/**
 * A scan's answer, or the error it throws: unpatched, Dockerfile.resolveVariable (each variable asks it) can recurse
 * until the stack overflows, on either side (astPatches.ts, "resolveVariable re-entry").
 */
function outcome(scan: () => AnyVariable[]): string {
  try {
    return shown(scan());
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}

/** The two scans' answers on one argument of an instruction, as a readable line when they differ. */
function differenceOn(instruction: Instruction, offset: number, arg: string): string | undefined {
  const want = outcome(() => original.call(instruction, offset, arg));
  const got = outcome(() => scanVariables(instruction as unknown as Scanned, offset, arg) as unknown as AnyVariable[]);
  return want === got ? undefined : `${JSON.stringify(arg.slice(0, 200))}\n  dockerfile-ast: ${want.slice(0, 600)}\n  ours:           ${got.slice(0, 600)}`;
}

function instructionsOf(text: string): Instruction[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .flatMap((i) => {
      const trigger = (i as unknown as { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.();
      return trigger ? [i, trigger] : [i];
    });
}

/** Instructions whose variables differ between the two, over the arguments getVariables and getExpandedArguments pass. */
function differences(text: string): string[] {
  const out: string[] = [];
  for (const instruction of instructionsOf(text)) {
    const document = (instruction as unknown as { document: { getText(): string; offsetAt(p: unknown): number } }).document;
    for (const arg of (instruction as unknown as { getRawArguments(): ReturnType<Instruction['getArguments']> }).getRawArguments()) {
      const range = arg.getRange();
      const start = document.offsetAt(range.start);
      const raw = document.getText().substring(start, document.offsetAt(range.end));
      for (const value of [raw, arg.getValue()]) {
        const d = differenceOn(instruction, start, value);
        if (d) out.push(d);
      }
    }
  }
  return out;
}

/** A seeded generator of small integers (the same arguments on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

// The characters the scan treats specially, and a few it does not.
const ALPHABET = ['$', '$', '{', '}', ':', ':', '-', '+', '?', 'a', 'B', '_', '1', '\\', '`', ' ', '\t', '\r', '\n', "'", '"', '#', '=', '/', '.', '\u00e9'];

const EDGES = [
  '$',
  '$ a',
  '${',
  '${}',
  '${:}',
  '${a:}',
  '${a:-}',
  '${a:-b}',
  '${a-b}',
  '${a:+b:c}',
  '${a::b}',
  '${ a : - b }',
  '${a\\\nb}',
  '${a\\ b}',
  '${a\\',
  '$a\\',
  '$a\\\nb',
  '$a\\ \n b$c',
  '\\$a $b',
  '$a"b\'c$d',
  '$a.b',
  '${a}${b:-${c}}',
  '$\u00e9',
  'x$',
];

describe('linear variable scan (core/astVariables.ts)', () => {
  // Lines after the RUN, so that every position a random argument reaches is inside the stage (unpatched, a variable
  // on a line after the last stage overflows the stack in resolveVariable, on both sides).
  const text = `FROM alpine\nARG a=1 B=2\nENV _=3\nRUN echo hello\n${'RUN true\n'.repeat(20)}`;
  const run = instructionsOf(text).find((i) => i.getKeyword() === 'RUN')!;
  const runOffset = text.indexOf('echo');

  it("gives dockerfile-ast's variables on edge cases, with either escape character", () => {
    const backtick = instructionsOf(`# escape=\`\n${text}`).find((i) => i.getKeyword() === 'RUN')!;
    for (const arg of EDGES) {
      assert.equal(differenceOn(run, runOffset, arg), undefined);
      assert.equal(differenceOn(backtick, runOffset + 11, arg.replace(/\\/g, '`')), undefined);
    }
  });

  it("gives dockerfile-ast's variables on 20,000 random arguments", () => {
    const next = rng(61206);
    const failures: string[] = [];
    let found = 0;
    for (let n = 0; n < 20_000 && failures.length < 5; n++) {
      let arg = '';
      for (let k = next(40); k > 0; k--) arg += ALPHABET[next(ALPHABET.length)];
      const d = differenceOn(run, runOffset, arg);
      if (d) failures.push(d);
      if (scanVariables(run as unknown as Scanned, runOffset, arg).length) found++;
    }
    assert.deepEqual(failures, []);
    // Most arguments hold variables: the comparison is not over empty answers.
    assert.ok(found > 10_000, `${found} arguments with variables`);
  });

  it("gives dockerfile-ast's variables on every corpus and fixture file and 2,000 mutations of them", async () => {
    assert.deepEqual(await differencesOverSeeds(differences, { seed: 29, mutations: 2000, maxLine: 2000 }), []);
  });

  it('looks for the next newline once, not at every escape character of a reference', () => {
    // The fuzzer's input: `${` then 25,000 `\ ` (dockerfile-ast read on to the argument's end at each one).
    assert.equal(differenceOn(run, runOffset, `\${a ${'\\ '.repeat(2_000)}`), undefined);
    const long = `\${a ${'\\ '.repeat(25_000)}`;
    let searches = 0;
    const indexOf = String.prototype.indexOf;
    String.prototype.indexOf = function (this: string, ...args: [string, number?]) {
      if (String(this) === long) searches++;
      return indexOf.apply(this, args);
    };
    try {
      assert.deepEqual(scanVariables(run as unknown as Scanned, runOffset, long), []);
    } finally {
      String.prototype.indexOf = indexOf;
    }
    assert.equal(searches, 1);
  });
});
