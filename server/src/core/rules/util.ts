/** Small helpers shared by the rules: labels, ranges, edits, name similarity. */
import type { Instruction } from 'dockerfile-ast';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../model';
import type { RuleFix } from './types';
import { partitionPoint } from '../search';

/** `stage 'builder'` or `stage 2` (unnamed). */
export function stageLabel(stage: Stage): string {
  return stage.name ? `stage '${stage.name}'` : `stage ${stage.index}`;
}

/** Where to point at a stage: its name, else its FROM keyword. */
export function stageAnchor(stage: Stage): Range {
  return stage.nameRange ?? stage.from.getInstructionRange();
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function insert(at: Range['start'], newText: string): TextEdit {
  return { range: { start: at, end: at }, newText };
}

export function fix(title: string, edits: TextEdit[], safe = true): RuleFix {
  return { title, edits, safe };
}

/** ` (used 3 times)` for a name reported once for all its uses in an instruction; nothing for a single use. */
export function timesOf(uses: readonly unknown[]): string {
  return uses.length > 1 ? ` (used ${uses.length} times)` : '';
}

/** Two rows of the distance table, reused by every call (typo suggestions compare thousands of pairs). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, bounded (returns max+1 when larger). */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const m = b.length;
  if (rowA.length <= m) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    cur[0] = i;
    let best = i;
    for (let j = 1; j <= m; j++) {
      const substitute = prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const remove = prev[j] + 1;
      const add = cur[j - 1] + 1;
      const v = substitute < remove ? (substitute < add ? substitute : add) : remove < add ? remove : add;
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** The closest of `candidates` to `name` (case-insensitive), when it is a likely typo. */
export function closest(name: string, candidates: string[]): string | undefined {
  return new NameMatcher(candidates).closest(name);
}

interface Candidate {
  name: string;
  lower: string;
  order: number;
}

interface Match {
  order: number;
  distance: number;
  name: string;
}

/**
 * `closest` over a fixed candidate list asked many times: candidates bucketed by length (a likely typo is at
 * most 2 edits away, so only lengths within ±2 can match) and the matches of each asked name cached, so a
 * file with thousands of names and references stays near-linear. Same answers as `closest`: the smallest
 * distance within the limit, the earliest candidate on a tie.
 */
export class NameMatcher {
  private readonly byLength = new Map<number, Candidate[]>();
  /** Per asked name (and exclusion): its matches in candidate order, each with the best match up to it. */
  private readonly cache = new Map<string, { matches: Match[]; bestUpTo: Match[] }>();

  private readonly count: number;
  private deletions?: Map<string, Candidate[]>;
  /** Names looked up so far (each once: `cache`), to decide when the deletion index pays for itself. */
  private lookups = 0;

  constructor(candidates: Iterable<string>) {
    let order = 0;
    for (const name of candidates) {
      const lower = name.toLowerCase();
      let bucket = this.byLength.get(lower.length);
      if (!bucket) this.byLength.set(lower.length, (bucket = []));
      bucket.push({ name, lower, order: order++ });
    }
    this.count = order;
  }

  /**
   * The closest candidate to `name`; `before`: only candidates at positions < before; `excludeSelf`: never
   * `name` itself (compared exactly).
   */
  closest(name: string, options: { before?: number; excludeSelf?: boolean } = {}): string | undefined {
    const key = `${options.excludeSelf ? '1' : '0'}${name}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.matchesOf(name, options.excludeSelf ?? false);
      this.cache.set(key, entry);
    }
    const { matches, bestUpTo } = entry;
    if (!matches.length) return undefined;
    const before = options.before ?? Infinity;
    // The last match with order < before (matches are in candidate order).
    const n = partitionPoint(matches.length, (i) => matches[i].order < before);
    return n === 0 ? undefined : bestUpTo[n - 1].name;
  }

  private matchesOf(name: string, excludeSelf: boolean): { matches: Match[]; bestUpTo: Match[] } {
    this.lookups++;
    const n = name.toLowerCase();
    const matches: Match[] = [];
    for (const c of this.candidatesNear(n)) {
      if (excludeSelf && c.name === name) continue;
      const limit = Math.min(2, Math.floor(Math.max(n.length, c.name.length) / 3));
      if (Math.abs(c.lower.length - n.length) > limit) continue;
      const d = editDistance(n, c.lower, 2);
      if (d <= limit) matches.push({ order: c.order, distance: d, name: c.name });
    }
    matches.sort((a, b) => a.order - b.order);
    const bestUpTo: Match[] = [];
    let best: Match | undefined;
    for (const m of matches) {
      if (!best || m.distance < best.distance) best = m;
      bestUpTo.push(best);
    }
    return { matches, bestUpTo };
  }

  /**
   * Every candidate that may be within 2 edits of `n` (a superset). Few candidates, or few names looked up so
   * far: those of a length within ±2. Many of both: a symmetric-deletion index (two strings within 2 edits
   * become equal after deleting at most 2 characters from each), so a file with thousands of similar names and
   * references does not compare every pair; candidates too long to index are compared by length as before.
   * (Building the index costs about as much as a few dozen lookups by length: a file that asks about one or two
   * undefined names, the usual case, never builds it.)
   */
  private candidatesNear(n: string): Iterable<Candidate> {
    if (this.count <= INDEX_FROM_CANDIDATES || this.lookups <= INDEX_FROM_LOOKUPS) return this.byLengthNear(n.length, () => true);
    const index = this.deletionIndex();
    const found = new Set<Candidate>();
    if (n.length <= INDEXED_LENGTH + 2) {
      for (const variant of deletionsOf(n)) for (const c of index.get(variant) ?? []) found.add(c);
    }
    for (const c of this.byLengthNear(n.length, (c) => c.lower.length > INDEXED_LENGTH)) found.add(c);
    return found;
  }

  private *byLengthNear(length: number, take: (c: Candidate) => boolean): Iterable<Candidate> {
    for (let len = Math.max(0, length - 2); len <= length + 2; len++) for (const c of this.byLength.get(len) ?? []) if (take(c)) yield c;
  }

  private deletionIndex(): Map<string, Candidate[]> {
    if (this.deletions) return this.deletions;
    const index = new Map<string, Candidate[]>();
    for (const bucket of this.byLength.values()) {
      for (const c of bucket) {
        if (c.lower.length > INDEXED_LENGTH) continue;
        for (const variant of deletionsOf(c.lower)) {
          const list = index.get(variant);
          if (list) list.push(c);
          else index.set(variant, [c]);
        }
      }
    }
    this.deletions = index;
    return index;
  }
}

/** Below this many candidates, comparing by length is cheaper than building the deletion index. */
const INDEX_FROM_CANDIDATES = 64;
/** Names looked up by length before the deletion index is built (its cost is that of roughly this many lookups). */
const INDEX_FROM_LOOKUPS = 32;
/** Longer candidates have too many deletion variants to index (quadratic in the length). */
const INDEXED_LENGTH = 24;

/** The string itself and every string made by deleting one or two of its characters. */
function deletionsOf(s: string): Set<string> {
  const out = new Set<string>([s]);
  for (let i = 0; i < s.length; i++) {
    const one = s.slice(0, i) + s.slice(i + 1);
    out.add(one);
    for (let j = i; j < one.length; j++) out.add(one.slice(0, j) + one.slice(j + 1));
  }
  return out;
}

/** For each stage index, how many named stages come before it. */
export function namedCountBefore(stages: readonly { name?: string }[]): number[] {
  const out: number[] = [];
  let count = 0;
  for (const s of stages) {
    out.push(count);
    if (s.name) count++;
  }
  return out;
}

/** The source arguments of a COPY/ADD (every argument but the destination). */
export function copySources(instruction: Instruction): ReturnType<Instruction['getArguments']> {
  const args = instruction.getArguments();
  return args.slice(0, Math.max(0, args.length - 1));
}

/** Whether a COPY/ADD source is the whole build context. */
export function isWholeContext(source: string): boolean {
  return /^(\.|\.\/|\.\/\.|\.\/\*|\*|\$\{?PWD\}?)$/.test(source);
}

/**
 * For a stage whose layers ship in the final image without being the final stage: how it gets there,
 * ` (it reaches the final image via 'runtime' ← 'base')`; '' for the final stage itself or a stage that does not ship.
 */
export function reachNote(model: DockerfileModel, stage: Stage): string {
  const final = model.finalStage;
  if (!final || final.index === stage.index) return '';
  const path: Stage[] = [];
  let s: Stage | undefined = final;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    path.push(s);
    if (s.index === stage.index) break;
    s = s.parent !== undefined ? model.stages[s.parent] : undefined;
  }
  if (path[path.length - 1]?.index !== stage.index) return '';
  const label = (x: Stage) => (x.name ? `'${x.name}'` : `stage ${x.index}`);
  return ` (it reaches the final image via ${path.map(label).join(' \u2190 ')})`;
}

/** Stages whose layers end up in the final image: the final stage and its FROM-parents. */
export function shippedStages(model: DockerfileModel): Stage[] {
  const out: Stage[] = [];
  let s: Stage | undefined = model.finalStage;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.push(s);
    s = s.parent !== undefined ? model.stages[s.parent] : undefined;
  }
  return out.reverse();
}
