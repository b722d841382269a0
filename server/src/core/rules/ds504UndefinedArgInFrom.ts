import { fix, NameMatcher, replace } from './util';
import { PREDEFINED } from './ds503UndefinedVar';
import type { Finding, Rule, RuleFix } from './types';

/** DS504: FROM uses a variable that no ARG before the first FROM declares (BuildKit UndefinedArgInFrom). */
export const undefinedArgInFrom: Rule = {
  code: 'DS504',
  name: 'undefined-arg-in-from',
  category: 'buildkit',
  defaultSeverity: 'warning',
  description: 'FROM uses a variable that is not declared by an ARG before the first FROM.',
  buildkit: 'UndefinedArgInFrom',
  check({ model }) {
    const out: Finding[] = [];
    const matcher = new NameMatcher(model.globalArgs.keys());
    for (const stage of model.stages) {
      for (const v of stage.from.getVariables()) {
        const name = v.getName();
        if (!name || model.globalArgs.has(name) || PREDEFINED.has(name)) continue;
        const near = matcher.closest(name);
        const fixes: RuleFix[] = near ? [fix(`Change to '${near}'`, [replace(v.getNameRange(), near)], false)] : [];
        out.push({
          range: v.getNameRange(),
          message: near
            ? `FROM uses '$${name}', which no global ARG declares (did you mean '$${near}'?)`
            : `FROM uses '$${name}', which no ARG before the first FROM declares: add 'ARG ${name}=<default>' at the top`,
          fixes,
        });
      }
    }
    return out;
  },
};
