import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS106: stage names should be lower case (BuildKit StageNameCasing); the fix renames every reference too. */
export const stageNameCasing: Rule = {
  code: 'DS106',
  name: 'stage-name-casing',
  category: 'stage graph',
  defaultSeverity: 'warning',
  title: 'Stage name casing',
  fix: 'safe',
  tags: ['stages', 'style'],
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

/** The body of docs/rules/DS106.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Stage names match case-insensitively, so \`Build\` and \`build\` are the same stage, which hides mistakes. BuildKit check StageNameCasing asks for lowercase names.

## Bad

\`\`\`dockerfile
FROM golang:1.22 AS Build
FROM alpine:3.20
COPY --from=Build /app /app
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS build
FROM alpine:3.20
COPY --from=build /app /app
\`\`\`

## Quick fix

Lowercases the name and every reference to it.
`;
