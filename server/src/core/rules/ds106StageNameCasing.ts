import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS106: stage names should be lower case (BuildKit StageNameCasing); the fix renames every reference too. */
export const stageNameCasing: Rule = {
  code: 'DS106',
  name: 'stage-name-casing',
  category: 'stage graph',
  defaultSeverity: 'warning',
  description: 'Stage names should be lowercase (they match case-insensitively, which hides mistakes).',
  buildkit: 'StageNameCasing',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || stage.name === stage.name.toLowerCase()) continue;
      const lower = stage.name.toLowerCase();
      const edits = [replace(stage.nameRange, lower)];
      for (const ref of model.references) {
        if (ref.target === stage.index && ref.text !== lower && ref.text.toLowerCase() === lower) edits.push(replace(ref.range, lower));
      }
      out.push({
        range: stage.nameRange,
        message: `stage name '${stage.name}' should be lowercase ('${lower}')`,
        fixes: [fix(`Rename the stage to '${lower}'`, edits, true)],
      });
    }
    return out;
  },
};
