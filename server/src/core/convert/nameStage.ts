/** Name an unnamed stage (`AS <name>`) and update the numeric `--from=<index>` references to it. */
import type { DockerfileModel } from '../model';
import type { ConversionOutcome } from './types';
import { finish } from './multiStage';
import { eolOf, splitLines } from '../text';
import { tooLargeToConvert } from './limits';

/** A name for a stage from its base image (`golang:1.22` -> `golang`), unique in the file. */
export function suggestStageName(model: DockerfileModel, index: number): string {
  const stage = model.stages[index];
  const isLast = index === model.stages.length - 1;
  let name = isLast ? 'runtime' : 'build';
  if (!isLast && stage.base.kind === 'image' && stage.base.name) {
    const short = stage.base.name.repository.split('/').pop()!.replace(/[^A-Za-z0-9_.-]/g, '');
    if (short && stage.consumers.length && stage.consumers.every((c) => model.stages[c].parent === index)) name = 'base';
    else if (index > 0) name = short ? `${short}-build` : `stage-${index}`;
  }
  let candidate = name;
  for (let n = 2; model.stagesByKey.has(candidate.toLowerCase()); n++) candidate = `${name}-${n}`;
  return candidate;
}

export function nameStage(model: DockerfileModel, index: number, name = model.stages[index] ? suggestStageName(model, index) : 'build'): ConversionOutcome {
  const stage = model.stages[index];
  if (!stage) return { kind: 'nameStage', reason: `there is no stage ${index}` };
  const tooLarge = tooLargeToConvert(model, 'nameStage');
  if (tooLarge) return tooLarge;
  if (stage.name) return { kind: 'nameStage', reason: `stage ${index} is already named '${stage.name}'` };
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) return { kind: 'nameStage', reason: `'${name}' is not a valid stage name` };
  if (model.stagesByKey.has(name.toLowerCase())) return { kind: 'nameStage', reason: `a stage is already named '${name}'` };
  const lines = splitLines(model.text);
  // Edits from the end so earlier positions stay valid.
  const edits: { line: number; start: number; end: number; text: string }[] = [];
  const from = stage.from.getRange();
  const last = from.end;
  edits.push({ line: last.line, start: last.character, end: last.character, text: ` AS ${name}` });
  let refs = 0;
  for (const r of model.references) {
    if (r.target === index && r.numeric && r.kind !== 'from') {
      edits.push({ line: r.range.start.line, start: r.range.start.character, end: r.range.end.character, text: name });
      refs++;
    }
  }
  edits.sort((a, b) => b.line - a.line || b.start - a.start);
  for (const e of edits) {
    const l = lines[e.line];
    lines[e.line] = l.slice(0, e.start) + e.text + l.slice(e.end);
  }
  return finish(model, {}, {
    kind: 'nameStage',
    title: `Name stage ${index} '${name}'${refs ? ` and update ${refs} --from reference${refs === 1 ? '' : 's'}` : ''}`,
    text: lines.join(eolOf(model.text)),
    notes: [`Stage ${index} is now '${name}'; ${refs} numeric reference${refs === 1 ? '' : 's'} updated.`],
    placeholders: [],
    artifacts: [],
    configChanges: [],
  }, { renamed: { [index]: name } });
}
