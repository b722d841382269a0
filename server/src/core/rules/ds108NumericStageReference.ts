import { fix, insert, replace, stageLabel } from './util';
import type { Finding, Rule } from './types';

/** DS108: `--from=<number>` breaks when stages are added or reordered; name the stage. */
export const numericStageReference: Rule = {
  code: 'DS108',
  name: 'numeric-stage-reference',
  category: 'stage graph',
  defaultSeverity: 'info',
  title: 'Stage referenced by index',
  fix: 'safe',
  tags: ['stages'],
  description: 'A stage is referenced by its index; a name survives reordering.',
  check({ model }) {
    const out: Finding[] = [];
    for (const ref of model.references) {
      if (!ref.numeric || ref.target === undefined || ref.text.includes('$')) continue;
      const target = model.stages[ref.target];
      const what = ref.kind === 'copy' ? '--from' : 'from';
      if (target.name) {
        out.push({
          range: ref.range,
          message: `${what}=${ref.text} refers to ${stageLabel(target)} by index: use its name '${target.key}'`,
          fixes: [fix(`Use the name '${target.key}'`, [replace(ref.range, target.key!)], true)],
        });
      } else {
        const name = `stage-${target.index}`;
        const taken = model.stagesByKey.has(name);
        out.push({
          range: ref.range,
          message: `${what}=${ref.text} refers to stage ${target.index} by index: name it (FROM … AS ${name}) and use the name`,
          fixes: taken ? [] : [fix(`Name stage ${target.index} '${name}' and use the name`, [insert(target.from.getRange().end, ` AS ${name}`), replace(ref.range, name)], true)],
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS108.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`--from=0\` refers to a stage by its position. Adding or reordering stages silently changes what is copied; a name does not.

## Bad

\`\`\`dockerfile
FROM golang:1.22 AS build
FROM alpine:3.20
COPY --from=0 /app /app
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS build
FROM alpine:3.20
COPY --from=build /app /app
\`\`\`

## Quick fix

Uses the stage's name; for an unnamed stage, adds \`AS stage-<n>\` to its FROM and uses that.
`;
