import type { Run } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { runCommands } from '../commands';
import { programOf } from './analysis';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS302: consecutive RUN instructions that can be one (one layer, one cache entry). */
export const consecutiveRuns: Rule = {
  code: 'DS302',
  name: 'consecutive-runs',
  category: 'cache',
  defaultSeverity: 'info',
  title: 'Consecutive RUNs',
  fix: 'suggested',
  tags: ['layers'],
  description: 'Consecutive RUN instructions in the final image can be merged into one layer.',
  hadolint: ['DL3059'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    const mergeable = (i: (typeof model.instructions)[number]) => {
      if (keywordOf(i) !== 'RUN' || (i as Run).getFlags().length) return false;
      const run = runCommands(model, i);
      const first = run.commands[0];
      // Exec form, or a RUN that starts with `set -e …` (its options would apply to the other RUN's commands).
      if (run.form === 'exec' || (first && programOf(first) === 'set' && first.words.length > 1)) return false;
      // The merge joins the two texts with `&& `: raw text, because a heredoc, a trailing operator or a broken exec
      // form (shell syntax the command model does not keep) would make the joined RUN wrong.
      const t = analysis.logical(i).text.trim();
      return t.length > 0 && !t.startsWith('[') && !t.includes('<<') && !/(;|&&?|\|\|?)$/.test(t);
    };
    // Only the final image's layers: in a build stage separate RUNs cost nothing and cache better.
    for (const stage of model.stages.filter((s) => analysis.finalChain.has(s.index))) {
      const list = stage.instructions;
      for (let k = 1; k < list.length; k++) {
        const prev = list[k - 1];
        const cur = list[k];
        if (!mergeable(prev) || !mergeable(cur)) continue;
        const prevEnd = prev.getRange().end;
        const curStart = cur.getRange().start;
        // Only adjacent lines: a comment or blank line between them is kept as it is.
        if (curStart.line !== prevEnd.line + 1) continue;
        const argsStart = cur.getArgumentsRange()?.start;
        if (!argsStart) continue;
        const indent = /^[ \t]+/.exec(analysis.lineText(prev.getRange().start.line + 1))?.[0];
        const pad = prev.getRange().start.line !== prevEnd.line && indent ? indent : '    ';
        out.push({
          range: cur.getInstructionRange(),
          message: `this RUN (line ${curStart.line + 1}) and the one before it (line ${prev.getRange().start.line + 1}) can be one RUN: one layer instead of two`,
          fixes: [fix('Merge with the previous RUN', [replace({ start: prevEnd, end: argsStart }, ` ${model.escapeChar}\n${pad}&& `)], false)],
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS302.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Each RUN in the final image is a layer; consecutive RUNs can be one (hadolint DL3059). Build stages are not checked: there, separate RUNs cache better and cost nothing in the final image.

## Bad

\`\`\`dockerfile
FROM alpine:3.20
RUN adduser -D app
RUN mkdir /data
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
RUN adduser -D app \\
    && mkdir /data
\`\`\`

## Quick fix

Merges the RUN into the previous one with \`\\\` + \`&&\`, keeping the first as written.
`;
