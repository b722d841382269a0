import { keywordOf } from '../model';
import { fix, replace } from './util';
import type { Finding, Rule, RuleFix } from './types';

/** DS502: `ENV key value` / `LABEL key value` (BuildKit LegacyKeyValueFormat): write `key=value`. */
export const legacyKeyValue: Rule = {
  code: 'DS502',
  name: 'legacy-key-value',
  category: 'buildkit',
  defaultSeverity: 'warning',
  title: 'Legacy key value format',
  fix: 'safe',
  tags: ['style'],
  description: "ENV or LABEL in the legacy 'key value' form; 'key=value' is unambiguous.",
  buildkit: 'LegacyKeyValueFormat',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('ENV', 'LABEL')) {
      const keyword = keywordOf(instruction);
      for (const p of analysis.properties(instruction)) {
        if (p.getAssignmentOperator() !== null) continue;
        const valueRange = p.getValueRange();
        if (!valueRange) continue;
        const nameRange = p.getNameRange();
        const raw = analysis.textOf(valueRange);
        const fixes: RuleFix[] = [];
        if (valueRange.start.line === valueRange.end.line) {
          const quoted = /\s/.test(raw) && !/^(["']).*\1$/.test(raw) ? `"${raw.replace(/(["\\$`])/g, '\\$1')}"` : raw;
          fixes.push(fix(`Write ${keyword} ${p.getName()}=…`, [replace({ start: nameRange.end, end: valueRange.end }, `=${quoted}`)], true));
        }
        out.push({ range: nameRange, message: `'${keyword} ${p.getName()} ${raw.split('\n')[0]}' uses the legacy form: write ${keyword} ${p.getName()}=<value>`, fixes });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS502.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`ENV key value\` is the legacy form; it cannot set several variables and a value with spaces is ambiguous (BuildKit check LegacyKeyValueFormat).

## Bad

\`\`\`dockerfile
FROM alpine:3.20
ENV APP_HOME /app
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
ENV APP_HOME=/app
\`\`\`

## Quick fix

Writes \`key=value\`, quoting a value that has spaces.
`;
