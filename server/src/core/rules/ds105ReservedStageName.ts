import { fix, replace } from './util';
import type { Finding, Rule } from './types';

const RESERVED = new Set(['scratch', 'context']);

/** DS105: a stage named `scratch` or `context` (BuildKit ReservedStageName). */
export const reservedStageName: Rule = {
  code: 'DS105',
  name: 'reserved-stage-name',
  category: 'stage graph',
  defaultSeverity: 'warning',
  title: 'Reserved stage name',
  fix: 'safe',
  tags: ['stages'],
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

/** The body of docs/rules/DS105.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`scratch\` is the empty image and \`context\` names the build context in BuildKit. BuildKit's check ReservedStageName warns about a stage with either name (the build still runs), because a reference to it (\`FROM scratch\`, \`COPY --from=context\`) no longer says plainly which one is meant.

## Bad

\`\`\`dockerfile
FROM alpine:3.20 AS context
FROM alpine:3.20
COPY --from=context /a /a
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20 AS context-stage
FROM alpine:3.20
COPY --from=context-stage /a /a
\`\`\`

## Quick fix

Renames the stage to \`<name>-stage\` and updates its references.
`;
