import { formatImageName } from '../imageRef';
import { fix, NameMatcher, namedCountBefore, replace } from './util';
import type { Finding, Rule } from './types';

/** DS101: COPY --from / RUN --mount from= / FROM naming a stage that does not exist (a typo, not an image). */
export const unknownStage: Rule = {
  code: 'DS101',
  name: 'unknown-stage',
  category: 'stage graph',
  defaultSeverity: 'error',
  description: 'A reference names a stage that does not exist (a misspelt stage name, or an index past the last stage).',
  hadolint: ['DL3022'],
  check({ model }) {
    const out: Finding[] = [];
    // Candidates in stage order, so `before` a stage's position in this list means the earlier stages.
    const named = model.stages.filter((s) => s.name);
    const matcher = new NameMatcher(named.map((s) => s.name!));
    const namedBefore = namedCountBefore(model.stages);
    for (const ref of model.references) {
      if (ref.target !== undefined || ref.unresolved.length || ref.text.includes('$')) continue;
      const what = ref.kind === 'copy' ? 'COPY --from' : ref.kind === 'mount' ? 'RUN --mount from' : 'FROM';
      if (ref.numeric) {
        out.push({
          range: ref.range,
          message: `${what}=${ref.text} names no stage: the file has ${model.stages.length} stage${model.stages.length === 1 ? '' : 's'} (0–${model.stages.length - 1})`,
        });
        continue;
      }
      // A reference with a tag, digest, registry or path is an image; a bare word close to a stage name is a typo.
      if (/[:/@.]/.test(ref.resolvedText)) continue;
      const near = matcher.closest(ref.resolvedText);
      if (!near) continue;
      out.push({
        range: ref.range,
        message: `${what}=${ref.text} names no stage (did you mean '${near}'?); it would pull the image '${ref.image ? formatImageName(ref.image) : ref.text}' instead`,
        fixes: [fix(`Change to '${near}'`, [replace(ref.range, near)], true)],
      });
    }
    // FROM <typo>: an image reference without tag whose name is close to an earlier stage.
    for (const stage of model.stages) {
      if (stage.base.kind !== 'image' || stage.base.unresolved.length || stage.base.text.includes('$')) continue;
      const text = stage.base.resolvedText;
      if (/[:/@.]/.test(text)) continue;
      if (model.stagesByKey.get(text.toLowerCase())) continue; // a later stage: DS102
      const near = matcher.closest(text, { before: namedBefore[stage.index] });
      if (!near) continue;
      out.push({
        range: stage.base.range,
        message: `FROM ${text} names no stage (did you mean '${near}'?); it would pull the image '${text}' instead`,
        fixes: [fix(`Change to '${near}'`, [replace(stage.base.range, near)], true)],
      });
    }
    return out;
  },
};
