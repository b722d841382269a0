import { programIndex } from './analysis';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/**
 * DS601: `npm build`. npm has no such command since npm 7 ("Unknown command: build"), and before it was an
 * internal plumbing command that did not run the package's build script: the RUN fails (or builds nothing).
 * `npm run build` runs the script.
 */
export const npmBuild: Rule = {
  code: 'DS601',
  name: 'npm-build',
  category: 'mistakes',
  defaultSeverity: 'error',
  title: 'npm build instead of npm run build',
  fix: 'safe',
  tags: ['npm'],
  description: "'npm build' is not an npm command: the build script runs with 'npm run build'.",
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('RUN')) {
      for (const cmd of analysis.commands(instruction)) {
        if (analysis.program(cmd) !== 'npm') continue;
        const args = analysis.args(cmd);
        const sub = args.find((a) => !a.text.startsWith('-'));
        if (sub?.text !== 'build' || programIndex(cmd) < 0) continue;
        const range = analysis.rangeOf(instruction, sub.start, sub.end);
        out.push({
          range,
          message: "'npm build' is not an npm command (npm 7 and later fail with 'Unknown command'): run the build script with 'npm run build'",
          fixes: [fix("Change to 'npm run build'", [replace(range, 'run build')], true)],
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS601.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

npm has no \`build\` command: npm 7 and later fail with "Unknown command: build", and in npm 6 it was an internal command that did not run the package's \`build\` script. The RUN fails, so the build does (hence error). \`npm run build\` runs the script; \`yarn build\` and \`pnpm build\` are fine as they are.

## Bad

\`\`\`dockerfile
FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm build
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build
\`\`\`

## Quick fix

Changes \`npm build\` to \`npm run build\` (applied by fix-all).
`;
