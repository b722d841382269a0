/**
 * Stage estimates reused from one version of a document to the next. A keystroke changes one stage; the size
 * lens asks for the estimate of the whole file again. A stage's estimate is a pure function of what its key
 * below holds, so a stage whose key is unchanged takes the earlier result instead of walking its instructions
 * again: the text from its FROM to the next FROM (with the line it starts on: layers and notes carry line
 * numbers), what the model resolved for it (base, platform, ARGs, references, reachability), the text before
 * the first FROM (directives, global ARGs), every stage's name (COPY --from resolves names), the options (arch,
 * registry look-up, the build context's measurements of its lines and the manifests found there) and what it
 * reads of the results of the stages it builds on or copies from (estimate.ts' stagePrint): an edit that does not
 * change what a stage hands on stops there.
 *
 * The parts every stage shares (options, the text before the first FROM, the stage names) are compared once per
 * estimate, each stage's own key with the key its index had last time (string equality, no hashing of long keys).
 *
 * A memo keeps the stages of the last estimate it served: one per document and options (SizeEstimates keeps them).
 * test/unit/stageMemo.test.ts compares estimates made with a memo, version after version of edited files, with
 * estimates made without one.
 */
import type { DockerfileModel, Stage } from '../model';
import { lineStartsOf } from '../model';
import type { Arch, BaseImageInfo } from './types';
import type { ContextMeasurements } from './context';
import type { ImageName } from '../imageRef';

interface Kept<T> {
  key: string;
  value: T;
  /** What later stages read of the value (estimate.ts' stagePrint, made only to compare two results), and its number. */
  print?: string;
  printId?: number;
}

export class StageMemo<T extends object> {
  /** The last estimate's stages by index, with the file's shared key. */
  private previous: { shared: string; stages: (Kept<T> | undefined)[] } | undefined;
  private next: { shared: string; stages: (Kept<T> | undefined)[] } = { shared: '', stages: [] };
  private usable = false;
  private nextPrintId = 1;

  /** An estimate starts: the last one's stages can be reused only when the file's shared part is the same. */
  begin(shared: string): void {
    this.next = { shared, stages: [] };
    this.usable = this.previous?.shared === shared;
  }

  private kept(index: number): Kept<T> | undefined {
    return this.usable ? this.previous?.stages[index] : undefined;
  }

  /**
   * The result the last estimate kept for the stage at `index` under the same key, if any. A stage's index is
   * part of its result (and of the keys of the stages reading it), so a stage is only ever reused at its index.
   */
  reuse(index: number, key: string): T | undefined {
    const kept = this.kept(index);
    return kept && kept.key === key ? kept.value : undefined;
  }

  /** Keeps a stage's result (computed now or reused) for the next estimate. */
  keep(index: number, key: string, value: T): void {
    this.next.stages[index] = { key, value };
  }

  /**
   * A number for what later stages read of the stage at `index` (kept in this estimate): the same number as last
   * time when the result was reused or, computed again, prints the same; a new one otherwise. Keys hold these
   * numbers, not the prints (long: a stage's items).
   */
  printId(index: number, print: (value: T) => string): number {
    const now = this.next.stages[index];
    if (!now) return 0;
    if (now.printId !== undefined) return now.printId;
    const before = this.kept(index);
    if (before && before.value === now.value) {
      // Reused: what it hands on is what it handed on last time.
      now.printId = before.printId ??= this.nextPrintId++;
      now.print = before.print;
    } else if (before) {
      // Computed again: the same number when it prints as the result it replaces (prints made only here).
      before.print ??= print(before.value);
      now.print = print(now.value);
      now.printId = now.print === before.print ? (before.printId ??= this.nextPrintId++) : this.nextPrintId++;
    } else {
      now.printId = this.nextPrintId++;
    }
    return now.printId;
  }

  /** The estimate is complete: its stages are what the next one may reuse. */
  commit(): void {
    this.previous = this.next;
  }
}

/** Options of an estimate that a stage's result depends on. */
export interface MemoOptions {
  arch: Arch;
  context?: ContextMeasurements;
  lookupImage?: (name: ImageName, arch: Arch) => BaseImageInfo | undefined;
}

const lookupIds = new WeakMap<object, number>();
let nextLookupId = 1;

/** The parts of every stage's key that are the same for the whole file, and where each stage's text is. */
export interface FileKey {
  shared: string;
  lineStarts: readonly number[];
  /** The context measurements of each stage's lines (by stage index), for the stages' keys. */
  measured: [number, unknown][][];
}

export function fileKey(model: DockerfileModel, options: MemoOptions): FileKey {
  const lineStarts = lineStartsOf(model);
  const first = model.stages[0];
  const preamble = first ? model.text.slice(0, lineStarts[first.range.start.line] ?? model.text.length) : model.text;
  let lookup = 0;
  if (options.lookupImage) {
    lookup = lookupIds.get(options.lookupImage) ?? 0;
    if (!lookup) lookupIds.set(options.lookupImage, (lookup = nextLookupId++));
  }
  const globals = [...model.globalArgs.values()].map((g) => [g.name, g.value ?? null]);
  const names = model.stages.map((s) => s.key ?? null);
  const shared = JSON.stringify([options.arch, lookup, options.context?.manifests ?? null, preamble, globals, names]);
  // Each measured line to the stage it is in: the last stage starting on or before it (both in line order).
  const measured: [number, unknown][][] = model.stages.map(() => []);
  const byLine = options.context ? [...options.context.byLine].sort((a, b) => a[0] - b[0]) : [];
  let stage = -1;
  for (const entry of byLine) {
    while (stage + 1 < model.stages.length && model.stages[stage + 1].range.start.line <= entry[0]) stage++;
    if (stage >= 0) measured[stage].push(entry);
  }
  return { shared, lineStarts, measured };
}

const MAX_ALL_EARLIER = 256;

/**
 * The stages a stage's estimate reads: its base stage and the stages it copies from. When a COPY or ADD
 * --from of it resolved to no stage in the model (the estimator may still resolve it, through the stage's ENV),
 * every earlier stage ('unkept' when there are too many to name: the stage is estimated each time).
 */
export function stageInputs(stage: Stage): number[] | 'all-earlier' | 'unkept' {
  const out = new Set<number>();
  if (stage.base.kind === 'stage') out.add(stage.base.stage);
  for (const r of stage.references) {
    if (r.target !== undefined) out.add(r.target);
    // A name with a variable the model could not resolve may still name a stage once the stage's ENV expands it.
    // Past a few hundred earlier stages (hostile files only) such a stage is not kept: its key would be as long.
    else if (r.kind === 'copy' && r.text.includes('$')) return stage.index > MAX_ALL_EARLIER ? 'unkept' : 'all-earlier';
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * The key of a stage's estimate: see the top of this file. `inputs` numbers what it reads of the stages of
 * stageInputs (StageMemo.printId). The stage's text comes last, as it is (no JSON escaping of a long text).
 */
export function stageKey(model: DockerfileModel, stage: Stage, file: FileKey, inputs: number[]): string {
  const { lineStarts } = file;
  const { text } = model;
  const startLine = stage.range.start.line;
  const following = model.stages[stage.index + 1];
  const start = lineStarts[startLine] ?? text.length;
  const end = following ? (lineStarts[following.range.start.line] ?? text.length) : text.length;
  const references = stage.references.map((r) => [r.kind, r.text, r.resolvedText, r.target ?? null, r.range.start.line]);
  const facts = JSON.stringify([
    stage.index,
    startLine,
    stage.reachable,
    stage.base,
    stage.platform?.resolvedText ?? null,
    [...stage.args],
    references,
    file.measured[stage.index] ?? [],
    inputs,
  ]);
  return `${facts}\n${text.slice(start, end)}`;
}
