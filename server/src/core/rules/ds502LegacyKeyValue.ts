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
        const value = valueRange.start.line === valueRange.end.line ? sameValue(raw) : undefined;
        if (value !== undefined) fixes.push(fix(`Write ${keyword} ${p.getName()}=…`, [replace({ start: nameRange.end, end: valueRange.end }, `=${value}`)], true));
        out.push({ range: nameRange, message: `'${keyword} ${p.getName()} ${raw.split('\n')[0]}' uses the legacy form: write ${keyword} ${p.getName()}=<value>`, fixes });
      }
    }
    return out;
  },
};

/**
 * The `key=` form's value that gives the same value as the legacy form's raw text, or undefined when none is known
 * to. BuildKit reads both as one shell word (quotes removed, escapes and variables processed), the legacy value
 * with its blanks kept: a value without blanks is written as it is, a quoted one as it is, and one with blanks but
 * no quote, backslash or backtick inside double quotes (where `$X` and `${X:-a b}` still expand). Blanks next to
 * quotes or escapes (`a\ b`, `say "hi there"`) would need rewriting them: no fix is offered.
 */
function sameValue(raw: string): string | undefined {
  if (!/\s/.test(raw)) return raw;
  if (/^"[^"\\]*"$/.test(raw) || /^'[^']*'$/.test(raw)) return raw;
  return /[\\"'`]/.test(raw) ? undefined : `"${raw}"`;
}

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

Writes \`key=value\`, quoting a value that has spaces (variables in it still expand). Not offered for a value with spaces and quotes, backslashes or backticks (\`ENV A say "hi there"\`, \`ENV A a\\ b\`): BuildKit processes those in the legacy value, and quoting it would change what they mean.
`;
