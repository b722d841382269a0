/**
 * Differential tests over real inputs: every seed file of the fuzzer (../shared/corpus, the fixtures) and mutations
 * of them (scripts/fuzz.mjs's mutator, seeded: the same inputs on every run).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '..', '..', '..');

type Fuzz = {
  rng(seed: number): { int(n: number): number };
  seedTexts(): { name: string; text: string }[];
  mutate(r: unknown, text: string, seeds: { text: string }[], maxLine?: number): string;
};

/**
 * The first `limit` differences `differences` finds over the seed files and `mutations` mutations of them (lines
 * up to `maxLine` characters), each prefixed with the input's name; throws when there are too few seeds.
 */
export async function differencesOverSeeds(differences: (text: string) => string[], options: { seed: number; mutations: number; maxLine: number; limit?: number }): Promise<string[]> {
  const limit = options.limit ?? 5;
  const fuzz = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'fuzz.mjs')).href)) as Fuzz;
  const seeds = fuzz.seedTexts();
  if (seeds.length <= 10) throw new Error(`${seeds.length} seed files`);
  const failures: string[] = [];
  for (const s of seeds) failures.push(...differences(s.text).map((d) => `${s.name}: ${d}`));
  const r = fuzz.rng(options.seed);
  for (let k = 0; k < options.mutations && failures.length < limit; k++) {
    const text = fuzz.mutate(r, seeds[r.int(seeds.length)].text, seeds, options.maxLine);
    failures.push(...differences(text).map((d) => `mutation ${k}: ${d}`));
  }
  return failures.slice(0, limit);
}
