/**
 * Stage navigation: go to definition, find references, document highlight and rename for stages, from every
 * kind of stage reference (`FROM name`, `COPY --from=name|N`, `RUN --mount=...,from=name|N`) and from the
 * name after AS. Names match case-insensitively, as BuildKit matches them.
 *
 * Rename, decided:
 * - Renaming from the name (after AS, or any by-name reference) rewrites the name after AS and every by-name
 *   reference, whatever its case. Numeric references (`--from=0`) are left alone: they still name the same
 *   stage, so the file stays valid and the edit stays minimal.
 * - Renaming from a numeric reference is asking for a name there: every numeric reference to the stage
 *   becomes the new name too, and an unnamed stage gets `AS <name>` added to its FROM.
 * - `numeric: 'keep' | 'convert'` overrides either default.
 * - Refused, with a message, when the result would not be the same build: an invalid name (BuildKit: a
 *   letter, then letters, digits, `-`, `_`, `.`), a name another stage has, `scratch`, a name used as an
 *   image that the renamed stage would capture (`FROM alpine` after it, `--from=alpine`), or a reference
 *   to the stage through a variable (`--from=${STAGE}`), which the edit cannot follow.
 * - On a reference through a variable there is no stage rename: the standard service renames the variable.
 */
import { DocumentHighlight, DocumentHighlightKind, Range, TextEdit } from 'vscode-languageserver-types';
import { containsPosition, DockerfileModel, Stage, StageReference } from './model';
import type { Position } from 'vscode-languageserver-types';

export type StageOccurrenceKind = 'definition' | 'from' | 'copy' | 'mount';

export interface StageOccurrence {
  stage: number;
  kind: StageOccurrenceKind;
  /** The range of the written value (quotes included). */
  range: Range;
  numeric: boolean;
  /** Written with a variable (`--from=${STAGE}`). */
  viaVariable: boolean;
  reference?: StageReference;
}

/** The stage occurrence under the position: a stage name after AS or a reference that names a stage. */
export function stageOccurrenceAt(model: DockerfileModel, position: Position): StageOccurrence | undefined {
  if (model.binary) return undefined;
  for (const ref of model.references) {
    if (ref.target !== undefined && containsPosition(ref.range, position)) return occurrenceOf(ref);
  }
  const stage = model.stageAt(position.line);
  if (stage?.nameRange && containsPosition(stage.nameRange, position)) {
    return { stage: stage.index, kind: 'definition', range: stage.nameRange, numeric: false, viaVariable: false };
  }
  return undefined;
}

function occurrenceOf(ref: StageReference): StageOccurrence {
  return { stage: ref.target!, kind: ref.kind, range: ref.range, numeric: ref.numeric, viaVariable: ref.text.includes('$'), reference: ref };
}

/** The definition (if the stage is named) and every reference to the stage, in document order. */
export function stageOccurrences(model: DockerfileModel, stageIndex: number): StageOccurrence[] {
  const stage = model.stages[stageIndex];
  if (!stage) return [];
  const out: StageOccurrence[] = [];
  if (stage.nameRange) out.push({ stage: stageIndex, kind: 'definition', range: stage.nameRange, numeric: false, viaVariable: false });
  for (const ref of model.references) if (ref.target === stageIndex) out.push(occurrenceOf(ref));
  return out;
}

/** Where the stage is defined: its name after AS, or its FROM keyword when it has no name. */
export function stageDefinitionRange(stage: Stage): Range {
  return stage.nameRange ?? stage.from.getInstructionRange();
}

/** Go to definition from a stage reference (or from the name itself). */
export function stageDefinition(model: DockerfileModel, position: Position): Range | undefined {
  const occ = stageOccurrenceAt(model, position);
  return occ ? stageDefinitionRange(model.stages[occ.stage]) : undefined;
}

/** Every place the stage under the position is named: its definition (when asked) and all its references. */
export function stageReferences(model: DockerfileModel, position: Position, includeDeclaration = true): Range[] | undefined {
  const occ = stageOccurrenceAt(model, position);
  if (!occ) return undefined;
  const stage = model.stages[occ.stage];
  const refs = stageOccurrences(model, occ.stage).filter((o) => o.kind !== 'definition').map((o) => o.range);
  return includeDeclaration ? [stageDefinitionRange(stage), ...refs] : refs;
}

/** The definition as a write, every reference as a read. */
export function stageHighlights(model: DockerfileModel, position: Position): DocumentHighlight[] | undefined {
  const occ = stageOccurrenceAt(model, position);
  if (!occ) return undefined;
  const stage = model.stages[occ.stage];
  return [
    DocumentHighlight.create(stageDefinitionRange(stage), DocumentHighlightKind.Write),
    ...stageOccurrences(model, occ.stage)
      .filter((o) => o.kind !== 'definition')
      .map((o) => DocumentHighlight.create(o.range, DocumentHighlightKind.Read)),
  ];
}

/** The range to rename and the current text, or undefined where there is no stage rename. */
export function prepareStageRename(model: DockerfileModel, position: Position): { range: Range; placeholder: string } | undefined {
  const occ = stageOccurrenceAt(model, position);
  if (!occ || occ.viaVariable) return undefined;
  const range = innerRange(model, occ.range);
  return { range, placeholder: textOf(model, range) };
}

export interface RenameOptions {
  /** What happens to numeric references (`--from=0`): default keep, or convert when renaming from one. */
  numeric?: 'keep' | 'convert';
}

export type StageRenameResult = { edits: TextEdit[] } | { error: string };

const STAGE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export function renameStage(model: DockerfileModel, position: Position, newName: string, options: RenameOptions = {}): StageRenameResult | undefined {
  const occ = stageOccurrenceAt(model, position);
  if (!occ || occ.viaVariable) return undefined;
  const stage = model.stages[occ.stage];
  const name = newName.trim();
  const key = name.toLowerCase();
  if (!STAGE_NAME.test(name)) {
    return { error: `${JSON.stringify(newName)} is not a valid stage name: it must start with a letter and hold only letters, digits, "-", "_" and "."` };
  }
  if (key === 'scratch') return { error: '"scratch" is the empty image, not a name a stage can take' };
  const clash = model.stages.find((s) => s.index !== stage.index && s.key === key);
  if (clash) return { error: `stage ${clash.index} (line ${clash.from.getRange().start.line + 1}) is already named "${clash.name}"` };
  for (const s of model.stages) {
    if (s.index > stage.index && s.base.kind === 'image' && s.base.resolvedText.toLowerCase() === key) {
      return { error: `line ${s.from.getRange().start.line + 1} builds FROM the image "${s.base.resolvedText}": naming the stage so would make it build on the stage instead` };
    }
  }
  for (const r of model.references) {
    if (r.target === undefined && !r.numeric && r.resolvedText.toLowerCase() === key) {
      return { error: `line ${r.range.start.line + 1} takes from the image "${r.resolvedText}": naming the stage so would make it take from the stage instead` };
    }
  }
  const refs = stageOccurrences(model, stage.index).filter((o) => o.kind !== 'definition');
  const variable = refs.find((o) => o.viaVariable);
  if (variable) {
    return { error: `line ${variable.range.start.line + 1} names the stage through a variable (${variable.reference!.text}); rename cannot follow it: change that line by hand` };
  }
  const numeric = options.numeric ?? (occ.numeric ? 'convert' : 'keep');
  const edits: TextEdit[] = [];
  if (stage.nameRange) edits.push(TextEdit.replace(stage.nameRange, name));
  else {
    // An unnamed stage gets its name after the image (a FROM holds `[--platform=…] image`).
    if (numeric === 'keep') return { error: `stage ${stage.index} has no name; rename from a numeric reference names it and converts the references` };
    edits.push(TextEdit.insert(stage.base.range.end, ` AS ${name}`));
  }
  for (const o of refs) {
    if (o.numeric && numeric === 'keep') continue;
    edits.push(TextEdit.replace(innerRange(model, o.range), name));
  }
  edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { edits };
}

/** Applies non-overlapping edits to a text (tests use it to check a rename result). */
export function applyEditsToText(text: string, edits: TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (p: Position) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function textOf(model: DockerfileModel, range: Range): string {
  if (range.start.line !== range.end.line) return '';
  const starts = lineStarts(model.text);
  const base = starts[range.start.line] ?? 0;
  return model.text.slice(base + range.start.character, base + range.end.character);
}

/** The range without surrounding quotes (`--from="build"`). */
function innerRange(model: DockerfileModel, range: Range): Range {
  const t = textOf(model, range);
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) {
    return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
  }
  return range;
}
