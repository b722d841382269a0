import type { Copy } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { fix, isWholeContext, replace } from './util';
import { installCommands } from './packageManagers';
import type { Finding, Rule } from './types';

/** DS207: `npm install` (no package arguments) where a lockfile is copied: `npm ci` is reproducible and faster. */
export const npmInstall: Rule = {
  code: 'DS207',
  name: 'npm-install-not-ci',
  category: 'image size',
  defaultSeverity: 'info',
  title: 'npm install instead of npm ci',
  fix: 'suggested',
  tags: ['npm'],
  description: 'npm install where npm ci fits: ci installs exactly the lockfile, faster, and fails when it is out of date.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const c of installCommands(analysis, model.stages)) {
      if (c.manager !== 'npm' || (c.verb.text !== 'install' && c.verb.text !== 'i')) continue;
      if (c.args.some((a) => !a.text.startsWith('-')) || c.args.some((a) => /^(-g|--global|--no-package-lock)$/.test(a.text))) continue;
      const line = c.instruction.getRange().start.line;
      const lockfile = c.stage.instructions.some((i) => {
        if (i.getRange().start.line >= line || (keywordOf(i) !== 'COPY' && keywordOf(i) !== 'ADD') || (i as Copy).getFromFlag?.()) return false;
        return analysis.sources(i).some((s) => /package-lock\.json|package\*\.json|npm-shrinkwrap/.test(s.getValue()) || isWholeContext(s.getValue()));
      });
      if (!lockfile) continue;
      const range = analysis.rangeOf(c.instruction, c.verb.start, c.verb.end);
      out.push({
        range,
        message: `'npm ${c.verb.text}' can change the lockfile and resolve other versions: use 'npm ci' to install exactly package-lock.json`,
        fixes: [fix("Use 'npm ci'", [replace(range, 'ci')], false)],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS207.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`npm ci\` installs exactly what package-lock.json says, fails when it is out of date, and is faster; \`npm install\` may resolve other versions and rewrite the lockfile.

## Bad

\`\`\`dockerfile
FROM node:20-slim
COPY package.json package-lock.json ./
RUN npm install
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20-slim
COPY package.json package-lock.json ./
RUN npm ci
\`\`\`

## Quick fix

Replaces \`install\` with \`ci\` (needs a lockfile in the build context).
`;
