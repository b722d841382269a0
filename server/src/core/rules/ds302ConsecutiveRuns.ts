import type { Run } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { runCommands, type ShellCommand } from '../commands';
import { programOf } from './analysis';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/**
 * Builtins whose effect lasts for the rest of the shell: after a merge, the next RUN's commands would run in the
 * directory, environment or options the previous one left (each RUN starts a new shell in the WORKDIR).
 */
const LASTING = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'source', '.', 'umask', 'ulimit', 'alias', 'unalias', 'shopt', 'trap', 'exec', 'declare', 'typeset', 'readonly', 'local', 'unset', 'eval', 'hash', 'enable', 'builtin']);

/** Whether a RUN changes its shell for the commands after it: a lasting builtin, or a bare `NAME=value`. */
function changesShell(commands: readonly ShellCommand[]): boolean {
  return commands.some((c) => LASTING.has(programOf(c)) || (c.assignCount > 0 && c.assignCount === c.words.length));
}

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
        if (!mergeable(prev) || !mergeable(cur) || changesShell(runCommands(model, prev).commands)) continue;
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

Each RUN in the final image is a layer; consecutive RUNs can be one (hadolint DL3059). Build stages are not checked: there, separate RUNs cache better and cost nothing in the final image. Not reported after a RUN that changes its shell for what follows (\`cd\`, \`export\`, \`set\`, \`source\`, a bare \`NAME=value\` ...): merged, the next RUN's commands would run in that directory or environment.

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
