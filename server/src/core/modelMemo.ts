/**
 * Values computed once per model (one document version) and kept on the model object itself, never in a
 * WeakMap keyed by the model.
 *
 * Why not a WeakMap: V8's young-generation collector (the scavenger, which runs every few validations) treats a
 * WeakMap's values as live; only a full collection finds that their key died. A value that reaches its model
 * (an Analysis, the command model, rule results, a size report) therefore kept every recent document version's
 * whole parse tree alive through each scavenge, which copied it and then promoted it to the old generation,
 * where only a mark-compact frees it. Measured on a 511-line corpus file, 400 validations: 330 MB promoted and
 * 762 ms of scavenges with the WeakMaps, 19 MB and 311 ms with the values on the model (BENCHMARKS.md, sixth
 * pass). A value kept here dies with its model in the same scavenge.
 *
 * A service instance's memos (createModelMemo inside the service factory) work the same way: each memo is its own key.
 */
import type { DockerfileModel } from './model';

const MEMOS = Symbol('dockerfile-stages.memos');

type WithMemos = { [MEMOS]?: Map<ModelMemo<unknown>, unknown> };

export interface ModelMemo<T> {
  /** The value kept for this model, or undefined. */
  get(model: DockerfileModel): T | undefined;
  /** Keeps a value for this model (replacing any); returns it. */
  set(model: DockerfileModel, value: T): T;
}

/** A new per-model memo (a slot every model can hold one value in). */
export function createModelMemo<T>(): ModelMemo<T> {
  const memo: ModelMemo<T> = {
    get(model) {
      return (model as WithMemos)[MEMOS]?.get(memo as ModelMemo<unknown>) as T | undefined;
    },
    set(model, value) {
      const holder = model as WithMemos;
      let memos = holder[MEMOS];
      if (!memos) {
        memos = new Map();
        // Not enumerable: a model spread or listed (tests, debug output) shows only its own fields.
        Object.defineProperty(holder, MEMOS, { value: memos, enumerable: false, writable: false });
      }
      memos.set(memo as ModelMemo<unknown>, value);
      return value;
    },
  };
  return memo;
}

/** The memo's value for this model, computed and kept on first use. */
export function memoized<T>(memo: ModelMemo<T>, model: DockerfileModel, compute: () => T): T {
  const kept = memo.get(model);
  return kept !== undefined ? kept : memo.set(model, compute());
}
