import type { Run } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS302: consecutive RUN instructions that can be one (one layer, one cache entry). */
export const consecutiveRuns: Rule = {
  code: 'DS302',
  name: 'consecutive-runs',
  category: 'cache',
  defaultSeverity: 'info',
  description: 'Consecutive RUN instructions in the final image can be merged into one layer.',
  hadolint: ['DL3059'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    const mergeable = (i: (typeof model.instructions)[number]) => {
      if (keywordOf(i) !== 'RUN' || (i as Run).getFlags().length) return false;
      const t = analysis.logical(i).text.trim();
      return t.length > 0 && !t.startsWith('[') && !t.includes('<<') && !/(;|&&?|\|\|?)$/.test(t) && !/^set\s/.test(t);
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
