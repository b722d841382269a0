import { argsOf, isCommand, programOf } from '../commands';
import { fix, insert, reachNote } from './util';
import { hasCacheMount, hasFlag, installCommands } from './packageManagers';
import type { Finding, Rule } from './types';

/** DS206: `pip install` without `--no-cache-dir` in the final image. */
export const pipNoCacheDir: Rule = {
  code: 'DS206',
  name: 'pip-no-cache-dir',
  category: 'image size',
  defaultSeverity: 'warning',
  title: 'pip install without --no-cache-dir',
  fix: 'safe',
  tags: ['pip', 'package-cache'],
  description: "pip install without --no-cache-dir keeps pip's download cache in the layer.",
  hadolint: ['DL3042'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    const stages = model.stages.filter((s) => analysis.finalChain.has(s.index));
    for (const c of installCommands(analysis, stages)) {
      if (c.manager !== 'pip' || hasFlag(c.args, '--no-cache-dir') || hasFlag(c.args, '--no-cache')) continue;
      if (c.stage.config.env.has('PIP_NO_CACHE_DIR') || hasCacheMount(c.instruction, /\.cache\/pip|\/pip/)) continue;
      // The cache removed in the same RUN: `rm -rf ~/.cache/pip`, `pip cache purge`, `python -m pip cache purge`.
      const removed = analysis.commands(c.instruction).some((k) => (programOf(k) === 'rm' && argsOf(k).some((a) => /\.cache\/pip/.test(a.text))) || isCommand(k, /^pip[0-9.]*$/, 'cache', 'purge') || (/^python[0-9.]*$/.test(programOf(k)) && argsOf(k).slice(0, 4).map((a) => a.text).join(' ') === '-m pip cache purge'));
      if (removed) continue;
      const range = analysis.rangeOf(c.instruction, c.verb.start, c.verb.end);
      out.push({
        range,
        message: `'pip install' keeps its download cache (~/.cache/pip) in the layer${reachNote(model, model.stageOf(c.instruction)!)}: add --no-cache-dir`,
        fixes: [fix('Add --no-cache-dir', [insert(range.end, ' --no-cache-dir')], true)],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS206.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

pip keeps downloaded wheels in ~/.cache/pip; in an image that cache is never reused (hadolint DL3042).

## Bad

\`\`\`dockerfile
FROM python:3.12-slim
RUN pip install flask
\`\`\`

## Good

\`\`\`dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask
\`\`\`

## Quick fix

Inserts \`--no-cache-dir\` after \`install\`.
`;
