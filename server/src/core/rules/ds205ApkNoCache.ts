import { anyWord } from '../commands';
import { fix, insert, reachNote } from './util';
import { hasCacheMount, hasFlag, installCommands } from './packageManagers';
import type { Finding, Rule } from './types';

/** DS205: `apk add` without `--no-cache` in the final image. */
export const apkNoCache: Rule = {
  code: 'DS205',
  name: 'apk-no-cache',
  category: 'image size',
  defaultSeverity: 'warning',
  title: 'apk add without --no-cache',
  fix: 'safe',
  tags: ['apk', 'package-cache'],
  description: 'apk add without --no-cache keeps the package index in the layer.',
  hadolint: ['DL3019'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    const stages = model.stages.filter((s) => analysis.finalChain.has(s.index));
    for (const c of installCommands(analysis, stages)) {
      // --no-network installs from what is already there: no index is fetched, none is kept.
      if (c.manager !== 'apk' || hasFlag(c.args, '--no-cache') || hasFlag(c.args, '--no-network')) continue;
      if (anyWord(analysis.commands(c.instruction), /\/var\/cache\/apk/) || hasCacheMount(c.instruction, /\/var\/cache\/apk/)) continue;
      const range = analysis.rangeOf(c.instruction, c.verb.start, c.verb.end);
      out.push({
        range,
        message: `'apk add' keeps the package index (/var/cache/apk) in the layer${reachNote(model, model.stageOf(c.instruction)!)}: add --no-cache`,
        fixes: [fix('Add --no-cache', [insert(range.end, ' --no-cache')], true)],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS205.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`apk add\` without \`--no-cache\` keeps the package index in /var/cache/apk (hadolint DL3019).
\`apk add --no-network\` fetches no index and is not reported. Reported in the final stage and the stages it is
built \`FROM\` (the message names the way a parent's layer reaches the final image); a build-only stage's cache is
discarded with it.

## Bad

\`\`\`dockerfile
FROM alpine:3.20
RUN apk add curl
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
\`\`\`

## Quick fix

Inserts \`--no-cache\` after \`add\`.
`;
