import { fix, replace } from './util';
import type { Finding, Rule, RuleFix } from './types';

/** DS405: sudo in a RUN (RUN already runs as the current USER; switch with USER instead). */
export const sudo: Rule = {
  code: 'DS405',
  name: 'sudo',
  category: 'security',
  defaultSeverity: 'warning',
  title: 'sudo in RUN',
  fix: 'suggested',
  tags: ['user', 'shell'],
  description: 'sudo in RUN: it adds a setuid binary and unpredictable TTY/signal behaviour; use USER to switch users.',
  hadolint: ['DL3004'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('RUN')) {
      for (const cmd of analysis.commands(instruction)) {
        const k = cmd.words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
        if (k < 0 || cmd.words[k].text !== 'sudo') continue;
        const w = cmd.words[k];
        const next = cmd.words[k + 1];
        const range = analysis.rangeOf(instruction, w.start, w.end);
        const fixes: RuleFix[] = [];
        if (next && !next.text.startsWith('-')) {
          fixes.push(fix("Remove 'sudo'", [replace({ start: range.start, end: analysis.rangeOf(instruction, next.start, next.start).start }, '')], false));
        }
        out.push({ range, message: `'sudo ${next?.text ?? ''}': RUN runs as the current USER already; drop sudo (switch users with USER)`, fixes });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS405.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

RUN already runs as the current USER. sudo adds a setuid binary to the image and behaves unpredictably without a TTY (hadolint DL3004). Switch users with USER.

## Bad

\`\`\`dockerfile
FROM ubuntu:24.04
RUN sudo apt-get update
\`\`\`

## Good

\`\`\`dockerfile
FROM ubuntu:24.04
USER root
RUN apt-get update
\`\`\`

## Quick fix

Removes \`sudo\` (only when it is followed by the command, not by sudo options).
`;
