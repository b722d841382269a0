/**
 * Stage-aware hovers. `stageHover(model, position)` answers on:
 * - `FROM` and `AS`, a stage name after AS, a stage reference (`FROM name`, `COPY --from=name|N`,
 *   `RUN --mount=from=name|N`): the stage hover;
 * - a base image after FROM, or an image named by `--from=`: the image hover;
 * - a source path of `COPY --from=<stage>`: where that path comes from in the stage.
 * Anywhere else it returns undefined and the standard hover answers.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import { Range } from 'vscode-languageserver-types';
import { containsPosition, DockerfileModel, Stage } from '../model';
import { copySourceMarkdown } from './copySource';
import { copyArguments, instructionAt, isCopyLike } from './describe';
import { imageHoverMarkdown } from './imageHover';
import { defaultHoverSizes, HoverSizes } from './sizes';
import { stageHoverMarkdown } from './stageHover';
import type { JSONInstruction } from 'dockerfile-ast';

// A curated export list: the core index re-exports this module, and generic names would collide.
export { PURPOSE_RULES, stagePurposes, describePurposes } from './classify';
export type { Purpose, PurposeKind, PurposeRule } from './classify';
export { findCopySourceOrigin, copySourceMarkdown } from './copySource';
export type { SourceOrigin } from './copySource';
export { imageHoverMarkdown, describeImage } from './imageHover';
export type { HoverSizes, ImageSizeInfo } from './sizes';
export { hoverSizesFrom, hoverSizesWithoutStage } from './sizes';
export { stageHoverMarkdown, roleSentence as stageRoleSentence } from './stageHover';

function markdown(value: string, range: Range): Hover {
  return { contents: { kind: 'markdown', value }, range };
}

export function stageHover(model: DockerfileModel, position: Position, sizes: HoverSizes | undefined = defaultHoverSizes()): Hover | undefined {
  if (model.binary) return undefined;
  // References first: `FROM build` is a reference, and so is `--from=0`.
  for (const ref of model.references) {
    if (!containsPosition(ref.range, position)) continue;
    if (ref.target !== undefined) return markdown(stageHoverMarkdown(model, model.stages[ref.target], { via: ref }, sizes), ref.range);
    if (ref.numeric) {
      const n = model.stages.length;
      return markdown(`${'`'}${ref.text}${'`'}: no such stage. The file has ${n} stage${n === 1 ? '' : 's'}${n ? ` (0–${n - 1})` : ''}, and a stage can only be named by an index it has.`, ref.range);
    }
    return markdown(imageHoverMarkdown(model, ref.image, ref.resolvedText, { via: ref, written: ref.text }, sizes), ref.range);
  }
  const stage = model.stageAt(position.line);
  if (!stage) return undefined;
  const fromRange = stage.from.getRange();
  if (containsPosition(fromRange, position)) return fromHover(model, stage, position, sizes);
  return copySourceHover(model, stage, position);
}

function fromHover(model: DockerfileModel, stage: Stage, position: Position, sizes?: HoverSizes): Hover | undefined {
  const keyword = stage.from.getInstructionRange();
  if (containsPosition(keyword, position)) return markdown(stageHoverMarkdown(model, stage, {}, sizes), keyword);
  if (stage.nameRange && containsPosition(stage.nameRange, position)) return markdown(stageHoverMarkdown(model, stage, {}, sizes), stage.nameRange);
  if (stage.asKeyword && containsPosition(stage.asKeyword.range, position)) return markdown(stageHoverMarkdown(model, stage, {}, sizes), stage.asKeyword.range);
  const base = stage.base;
  if (containsPosition(base.range, position)) {
    if (base.kind === 'image') return markdown(imageHoverMarkdown(model, base.name, base.resolvedText, { stage, written: base.text }, sizes), base.range);
    if (base.kind === 'scratch') {
      return markdown('**`scratch`**: the empty image, 0 bytes: no shell, no libc, no files. The stage holds only what it copies in, a good base for a static binary.', base.range);
    }
  }
  return undefined;
}

function copySourceHover(model: DockerfileModel, stage: Stage, position: Position): Hover | undefined {
  const instruction = instructionAt(stage, position.line, position.character);
  if (!instruction || !isCopyLike(instruction)) return undefined;
  const ref = stage.references.find((r) => r.instruction === instruction && r.kind === 'copy');
  if (!ref || ref.target === undefined) return undefined;
  const json = instruction as JSONInstruction;
  const isJson = typeof json.getJSONStrings === 'function' && json.getOpeningBracket() && json.getClosingBracket();
  const ranges: Range[] = isJson ? json.getJSONStrings().map((s) => s.getRange()) : instruction.getArguments().map((a) => a.getRange());
  const values = copyArguments(instruction);
  if (ranges.length !== values.length || values.length < 2) return undefined;
  for (let i = 0; i < values.length - 1; i++) {
    if (containsPosition(ranges[i], position)) return markdown(copySourceMarkdown(model, model.stages[ref.target], values[i]), ranges[i]);
  }
  return undefined;
}
