import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS107: the casing of `AS` should match that of `FROM` (BuildKit FromAsCasing). */
export const fromAsCasing: Rule = {
  code: 'DS107',
  name: 'from-as-casing',
  category: 'stage graph',
  defaultSeverity: 'warning',
  description: "The 'AS' keyword's casing does not match the 'FROM' keyword's.",
  buildkit: 'FromAsCasing',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const as = stage.asKeyword;
      if (!as) continue;
      const from = stage.from.getInstruction();
      const want = from === from.toUpperCase() ? 'AS' : from === from.toLowerCase() ? 'as' : undefined;
      if (!want || as.text === want) continue;
      out.push({
        range: as.range,
        message: `'${as.text}' does not match the casing of '${from}': write '${want}'`,
        fixes: [fix(`Write '${want}'`, [replace(as.range, want)], true)],
      });
    }
    return out;
  },
};
