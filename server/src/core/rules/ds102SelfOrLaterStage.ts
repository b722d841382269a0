import { stageLabel } from './util';
import type { Finding, Rule } from './types';

/** DS102: a stage referencing itself, or a stage defined after it. */
export const selfOrLaterStage: Rule = {
  code: 'DS102',
  name: 'self-or-later-stage',
  category: 'stage graph',
  defaultSeverity: 'error',
  title: 'Reference to itself or a later stage',
  fix: 'none',
  tags: ['stages'],
  description: 'A stage copies from itself, or references a stage defined later in the file.',
  hadolint: ['DL3022', 'DL3023'],
  check({ model }) {
    const out: Finding[] = [];
    for (const ref of model.references) {
      if (ref.target === undefined || ref.kind === 'from') continue;
      const what = ref.kind === 'copy' ? 'COPY --from' : 'RUN --mount from';
      const target = model.stages[ref.target];
      if (ref.target === ref.fromStage) {
        out.push({ range: ref.range, message: `${what}=${ref.text}: ${stageLabel(target)} cannot copy from itself` });
      } else if (ref.target > ref.fromStage && !model.cycles.some((c) => c.includes(ref.target!) && c.includes(ref.fromStage))) {
        // (inside a cycle, DS103 says it)
        out.push({
          range: ref.range,
          message: `${what}=${ref.text} refers to ${stageLabel(target)}, defined later (line ${target.from.getRange().start.line + 1}); define it before ${stageLabel(model.stages[ref.fromStage])}`,
        });
      }
    }
    for (const stage of model.stages) {
      if (stage.base.kind !== 'image' || stage.base.unresolved.length) continue;
      const later = model.stagesByKey.get(stage.base.resolvedText.toLowerCase());
      if (!later || later.index < stage.index) continue;
      out.push({
        range: stage.base.range,
        message:
          later.index === stage.index
            ? `FROM ${stage.base.text} names the stage itself; it pulls the image '${stage.base.resolvedText}' instead`
            : `FROM ${stage.base.text} names ${stageLabel(later)}, defined later (line ${later.from.getRange().start.line + 1}); FROM only sees earlier stages, so it pulls the image '${stage.base.resolvedText}'`,
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS102.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

A stage cannot copy from itself (BuildKit fails with a circular dependency). \`FROM <name>\` only sees stages defined before it: naming a later stage pulls an image of that name instead. \`COPY --from\` a later stage works with BuildKit but not with the legacy builder and reads backwards.

## Bad

\`\`\`dockerfile
FROM alpine:3.20 AS app
COPY --from=app /etc/hosts /tmp/hosts
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20 AS base
FROM alpine:3.20 AS app
COPY --from=base /etc/hosts /tmp/hosts
\`\`\`

## Quick fix

None: move the stage, or reference the right one.
`;
