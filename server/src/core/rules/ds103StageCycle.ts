import { stageLabel } from './util';
import type { Finding, Rule } from './types';

/** DS103: stages that depend on each other in a cycle (BuildKit fails with "circular dependency"). */
export const stageCycle: Rule = {
  code: 'DS103',
  name: 'stage-cycle',
  category: 'stage graph',
  defaultSeverity: 'error',
  title: 'Stage cycle',
  fix: 'none',
  tags: ['stages'],
  description: 'Stages depend on each other in a cycle; BuildKit fails with a circular dependency.',
  check({ model }) {
    const out: Finding[] = [];
    for (const cycle of model.cycles) {
      if (cycle.length < 2) continue; // a self reference is DS102
      const members = new Set(cycle);
      const names = cycle.map((i) => stageLabel(model.stages[i])).join(' → ');
      for (const ref of model.references) {
        if (ref.target === undefined || !members.has(ref.fromStage) || !members.has(ref.target) || ref.target === ref.fromStage) continue;
        out.push({ range: ref.range, message: `circular dependency between ${names}: ${stageLabel(model.stages[ref.fromStage])} uses ${stageLabel(model.stages[ref.target])}, which depends back on it` });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS103.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Stages that copy from each other in a loop cannot be built: BuildKit stops with "circular dependency detected".

## Bad

\`\`\`dockerfile
FROM alpine:3.20 AS a
COPY --from=b /x /x
FROM alpine:3.20 AS b
COPY --from=a /y /y
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20 AS a
RUN echo x > /x
FROM alpine:3.20 AS b
COPY --from=a /x /x
\`\`\`

## Quick fix

None: break the loop.
`;
