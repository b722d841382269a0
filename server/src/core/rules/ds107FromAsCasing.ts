import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS107: the casing of `AS` should match that of `FROM` (BuildKit FromAsCasing). */
export const fromAsCasing: Rule = {
  code: 'DS107',
  name: 'from-as-casing',
  category: 'stage graph',
  defaultSeverity: 'warning',
  title: 'FROM/AS casing',
  fix: 'safe',
  tags: ['style'],
  description: "The 'AS' keyword's casing does not match the 'FROM' keyword's.",
  buildkit: 'FromAsCasing',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const as = stage.asKeyword;
      if (!as) continue;
      const from = stage.from.getInstruction();
      const want = from === from.toUpperCase() ? 'AS' : from === from.toLowerCase() ? 'as' : undefined;
      if (!want || as.text === want) continue;
      out.push({
        range: as.range,
        message: `'${as.text}' does not match the casing of '${from}': write '${want}'`,
        fixes: [fix(`Write '${want}'`, [replace(as.range, want)], true)],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS107.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

BuildKit check FromAsCasing: \`AS\` should be written in the same case as \`FROM\` (\`FROM \u2026 AS \u2026\` or \`from \u2026 as \u2026\`).

## Bad

\`\`\`dockerfile
FROM golang:1.22 as build
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS build
\`\`\`

## Quick fix

Rewrites the keyword in the casing of FROM.
`;
