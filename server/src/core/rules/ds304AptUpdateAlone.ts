import { keywordOf } from '../model';
import { subcommand } from './analysis';
import { fix, insert } from './util';
import type { Finding, Rule, RuleFix } from './types';

/**
 * DS304: `RUN apt-get update` alone in its layer. The layer is cached: a later `apt-get install` (its own RUN,
 * edited or not) installs from package lists as old as that cache, and fails once the mirror drops the versions
 * they name. Update and install belong in one RUN.
 */
export const aptUpdateAlone: Rule = {
  code: 'DS304',
  name: 'apt-update-alone',
  category: 'cache',
  defaultSeverity: 'warning',
  title: 'apt-get update alone',
  fix: 'suggested',
  tags: ['apt', 'layers'],
  description: "'apt-get update' in a RUN of its own: later installs use the cached, stale package lists.",
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      for (const run of analysis.instructionsOf(stage, 'RUN')) {
        const cmds = analysis.commands(run);
        if (!cmds.length) continue;
        const isUpdate = (c: (typeof cmds)[number]) => isApt(analysis.program(c)) && subcommand(analysis.args(c))?.text === 'update';
        // Only updates (and `set -e`-like noise): nothing installed in the same layer.
        if (!cmds.every((c) => isUpdate(c) || ['set', 'true', 'export'].includes(analysis.program(c))) || !cmds.some(isUpdate)) continue;
        const fixes: RuleFix[] = [];
        const next = stage.instructions[stage.instructions.indexOf(run) + 1];
        if (next && keywordOf(next) === 'RUN' && next.getRange().start.line === run.getRange().end.line + 1 && analysis.commands(next).some((c) => isApt(analysis.program(c)) && subcommand(analysis.args(c))?.text === 'install')) {
          const script = analysis.runScript(next);
          const nextStart = analysis.positionAt(analysis.docOffset(next, script.start));
          const startLine = run.getRange().start.line;
          const nextLine = next.getRange().start.line;
          fixes.push(
            fix('Run apt-get update in the same RUN as the install', [
              { range: { start: { line: startLine, character: 0 }, end: { line: nextLine, character: 0 } }, newText: '' },
              insert(nextStart, 'apt-get update && '),
            ], false),
          );
        }
        out.push({
          range: run.getRange(),
          message: `'apt-get update' alone in its layer: the layer is cached, so a later 'apt-get install' uses stale package lists; run update and install in one RUN`,
          fixes,
        });
      }
    }
    return out;
  },
};

function isApt(program: string): boolean {
  return program === 'apt-get' || program === 'apt';
}

/** The body of docs/rules/DS304.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`RUN apt-get update\` alone makes a layer that BuildKit caches. The \`apt-get install\` in a later RUN (even after you edit it) reuses that cached layer and installs from package lists as old as the cache: versions that the mirror no longer has fail with 404, and security updates are missed. Run \`apt-get update\` and \`apt-get install\` in the same RUN.

## Bad

\`\`\`dockerfile
FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
\`\`\`

## Good

\`\`\`dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
\`\`\`

## Quick fix

When the next instruction is the RUN that installs: moves \`apt-get update &&\` into it and removes the lone RUN (not applied by fix-all).
`;
