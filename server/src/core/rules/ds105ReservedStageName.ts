import { fix, replace } from './util';
import type { Finding, Rule } from './types';

const RESERVED = new Set(['scratch', 'context']);

/** DS105: a stage named `scratch` or `context` (BuildKit ReservedStageName). */
export const reservedStageName: Rule = {
  code: 'DS105',
  name: 'reserved-stage-name',
  category: 'stage graph',
  defaultSeverity: 'warning',
  description: "A stage is named 'scratch' or 'context', names BuildKit reserves.",
  buildkit: 'ReservedStageName',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      if (!stage.key || !RESERVED.has(stage.key) || !stage.nameRange) continue;
      const renamed = `${stage.key}-stage`;
      const edits = [replace(stage.nameRange, renamed)];
      for (const ref of model.references) {
        if (ref.target === stage.index && ref.text.toLowerCase() === stage.key) edits.push(replace(ref.range, renamed));
      }
      out.push({
        range: stage.nameRange,
        message: `'${stage.name}' is a name BuildKit reserves and should not name a stage: a reference to it is ambiguous (ReservedStageName)`,
        fixes: [fix(`Rename the stage to '${renamed}'`, edits, true)],
      });
    }
    return out;
  },
};
