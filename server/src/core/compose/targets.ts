/**
 * Stage names selected from Compose and Bake files, checked and navigated against the Dockerfile they build:
 * an unknown target (with the closest stage name), completion of the stage names, the stage a target names,
 * and the targets that name a stage (for references and rename from the Dockerfile).
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../model';
import { containsPosition } from '../model';
import { closest } from '../rules/util';
import type { ResolvedEntry } from './resolve';
import type { BuildEntry, BuildFileKind, WrittenValue } from './types';
import { Positions } from './positions';

/** What a build entry is called in messages. */
export function entryTitle(entry: BuildEntry): string {
  return entry.kind === 'compose' ? `Service '${entry.name}'` : `Bake target '${entry.name}'`;
}

function checkable(target: WrittenValue | undefined): target is WrittenValue {
  return !!target && !target.variable && !target.opaque && target.value.trim() !== '';
}

export interface UnknownTarget {
  entry: ResolvedEntry;
  range: Range;
  message: string;
  /** The stage name the target is likely a misspelling of. */
  suggestion?: string;
}

/**
 * Targets naming no stage of their Dockerfile. `modelOf` gives the parsed Dockerfile of a path (undefined
 * when it cannot be read: no diagnostic then); `display` turns a path into the text the message shows.
 */
export function unknownTargets(resolved: ResolvedEntry[], modelOf: (path: string) => DockerfileModel | undefined, display: (path: string) => string): UnknownTarget[] {
  const out: UnknownTarget[] = [];
  for (const r of resolved) {
    if (!r.ownTarget || !checkable(r.target) || !r.dockerfilePath) continue;
    const model = modelOf(r.dockerfilePath);
    if (!model || model.binary || !model.stages.length) continue;
    const value = r.target.value;
    if (model.stagesByKey.has(value.toLowerCase())) continue;
    const names = namedStages(model).map((s) => s.name!);
    const suggestion = suggestStage(value, names);
    const file = display(r.dockerfilePath);
    const known = names.length ? `its stages: ${names.join(', ')}` : 'it names no stage (FROM … AS name)';
    const message = suggestion
      ? `${entryTitle(r.entry)} builds the stage '${value}', which ${file} does not define (did you mean '${suggestion}'?)`
      : `${entryTitle(r.entry)} builds the stage '${value}', which ${file} does not define (${known})`;
    out.push({ entry: r, range: r.target.range, message, suggestion });
  }
  return out;
}

/** Two adjacent letters swapped (`biuld` for `build`): one typo, though two edits for Levenshtein. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** The stage name a target is likely a misspelling of: the rules' typo matcher, or a swap of two adjacent letters. */
export function suggestStage(value: string, names: string[]): string | undefined {
  const lower = value.toLowerCase();
  return closest(value, names) ?? names.find((n) => isTransposition(lower, n.toLowerCase()));
}

export function namedStages(model: DockerfileModel): Stage[] {
  const seen = new Set<string>();
  return model.stages.filter((s) => s.key && !seen.has(s.key) && seen.add(s.key));
}

const COMPLETION_LINE: Record<BuildFileKind | 'bakeJson', RegExp> = {
  compose: /^\s*target\s*:\s*(["']?)([A-Za-z0-9_.-]*)$/,
  bake: /(?:^|[\s{,])target\s*=\s*"([A-Za-z0-9_.-]*)$/,
  bakeJson: /"target"\s*:\s*"([A-Za-z0-9_.-]*)$/,
};

export interface TargetCompletionSite {
  entry: ResolvedEntry;
  /** The range the chosen name replaces: the partial name before the cursor and the rest of the word after it. */
  range: Range;
  /** The part of the name already typed. */
  prefix: string;
}

/** Where the cursor is in the value of a `target` (written or being written) of a build entry, if it is. */
export function targetCompletionSite(text: string, kind: BuildFileKind, json: boolean, resolved: ResolvedEntry[], position: Position): TargetCompletionSite | undefined {
  const positions = new Positions(text);
  const offset = positions.offset(position);
  const lineStart = offset - position.character;
  const before = text.slice(lineStart, offset);
  const m = COMPLETION_LINE[json ? 'bakeJson' : kind].exec(before);
  if (!m) return undefined;
  const prefix = m[m.length - 1];
  const entry = resolved.find((r) => containsPosition(r.entry.range, position) || (r.entry.target && containsPosition(r.entry.target.range, position)));
  if (!entry) return undefined;
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_.-]/.test(text[end])) end++;
  return { entry, range: positions.range(offset - prefix.length, end), prefix };
}

/** The entry whose own `target` value is under the position. */
export function targetAt(resolved: ResolvedEntry[], position: Position): ResolvedEntry | undefined {
  return resolved.find((r) => r.ownTarget && checkable(r.target) && containsPosition(r.target.range, position));
}

/** The entry whose `dockerfile` (or short-form context) value is under the position. */
export function dockerfileValueAt(resolved: ResolvedEntry[], position: Position): ResolvedEntry | undefined {
  return resolved.find((r) => r.dockerfilePath && ((r.entry.dockerfile && containsPosition(r.entry.dockerfile.range, position)) || (r.entry.context && containsPosition(r.entry.context.range, position))));
}

/** The stage a target selects in its Dockerfile's model. */
export function stageOfTarget(model: DockerfileModel, target: WrittenValue): Stage | undefined {
  return model.stagesByKey.get(target.value.toLowerCase());
}

/** The entries (with their own target written) that select the stage `key` of the Dockerfile at `dockerfilePath`. */
export function entriesSelecting(resolved: ResolvedEntry[], dockerfilePath: string, key: string): ResolvedEntry[] {
  return resolved.filter((r) => r.ownTarget && checkable(r.target) && r.dockerfilePath === dockerfilePath && r.target.value.toLowerCase() === key);
}
