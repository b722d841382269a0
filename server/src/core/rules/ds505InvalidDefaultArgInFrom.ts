import type { Finding, Rule } from './types';

/** DS505: with the ARG defaults, FROM's image reference is invalid (BuildKit InvalidDefaultArgInFrom). */
export const invalidDefaultArgInFrom: Rule = {
  code: 'DS505',
  name: 'invalid-default-arg-in-from',
  category: 'buildkit',
  defaultSeverity: 'warning',
  title: 'Invalid default ARG in FROM',
  fix: 'none',
  tags: ['args', 'base-image'],
  description: 'With the default values of its ARGs, a FROM image reference is empty or invalid.',
  buildkit: 'InvalidDefaultArgInFrom',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || !base.text.includes('$')) continue;
      const empty = base.unresolved.filter((n) => model.globalArgs.has(n));
      if (!empty.length || empty.length !== base.unresolved.length) continue;
      const r = base.resolvedText;
      const invalid = !r || /(^[:@/])|([:@/]$)|\/\/|:\//.test(r) || /\s/.test(r) || r !== r.trim();
      if (!invalid) continue;
      out.push({
        range: base.range,
        message: `FROM ${base.text}: with the defaults of ARG ${empty.join(', ')} (empty), the image is '${r}', which is not a valid reference; give ${empty.length === 1 ? 'the ARG' : 'the ARGs'} a default`,
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS505.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

With the ARG default (empty when there is none), the image reference of FROM is invalid, so a build without \`--build-arg\` fails (BuildKit check InvalidDefaultArgInFrom).

## Bad

\`\`\`dockerfile
ARG TAG
FROM alpine:\${TAG}
\`\`\`

## Good

\`\`\`dockerfile
ARG TAG=3.20
FROM alpine:\${TAG}
\`\`\`

## Quick fix

None: choose a default.
`;
