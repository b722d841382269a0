import type { Range } from 'vscode-languageserver-types';
import { fix, NameMatcher, replace, timesOf } from './util';
import { PREDEFINED } from './ds503UndefinedVar';
import type { Finding, Rule, RuleFix } from './types';
import { copyRange } from '../astPatches';

/** DS504: FROM uses a variable that no ARG before the first FROM declares (BuildKit UndefinedArgInFrom). */
export const undefinedArgInFrom: Rule = {
  code: 'DS504',
  name: 'undefined-arg-in-from',
  category: 'buildkit',
  defaultSeverity: 'warning',
  title: 'Undefined ARG in FROM',
  fix: 'suggested',
  tags: ['args', 'base-image'],
  description: 'FROM uses a variable that is not declared by an ARG before the first FROM.',
  buildkit: 'UndefinedArgInFrom',
  check({ model, analysis }) {
    const out: Finding[] = [];
    const matcher = new NameMatcher(model.globalArgs.keys());
    for (const stage of model.stages) {
      // One finding per name per FROM, as BuildKit reports its unmatched names; the fix renames every use.
      const uses = new Map<string, Range[]>();
      // The kept variables, not copies (a FROM of 100,000 variables was copied whole for this); a range is copied
      // as it goes into a finding.
      for (const v of analysis.variables(stage.from)) {
        const name = v.getName();
        if (!name || model.globalArgs.has(name) || PREDEFINED.has(name)) continue;
        const list = uses.get(name);
        if (list) list.push(copyRange(v.getNameRange()));
        else uses.set(name, [copyRange(v.getNameRange())]);
      }
      for (const [name, ranges] of uses) {
        const near = matcher.closest(name);
        const fixes: RuleFix[] = near ? [fix(`Change to '${near}'`, ranges.map((r) => replace(r, near)), false)] : [];
        out.push({
          range: ranges[0],
          message: near
            ? `FROM uses '$${name}'${timesOf(ranges)}, which no global ARG declares (did you mean '$${near}'?)`
            : `FROM uses '$${name}'${timesOf(ranges)}, which no ARG before the first FROM declares: add 'ARG ${name}=<default>' at the top`,
          fixes,
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS504.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Only ARGs declared before the first FROM (and the predefined platform ARGs) can be used in FROM (BuildKit check UndefinedArgInFrom).

## Bad

\`\`\`dockerfile
ARG GO_VERSION=1.22
FROM golang:\${GO_VERSON}
\`\`\`

## Good

\`\`\`dockerfile
ARG GO_VERSION=1.22
FROM golang:\${GO_VERSION}
\`\`\`

## Quick fix

Replaces a misspelling with the declared ARG.
`;
