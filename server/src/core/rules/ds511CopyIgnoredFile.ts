import { copiesFromContext } from './buildContext';
import { basename, ignoredBy, normalizePath, readIgnoreFile } from './dockerignore';
import { copySources, isWholeContext } from './util';
import type { ContextRule, Finding } from './types';

/** DS511: COPY/ADD of a path that .dockerignore excludes (BuildKit CopyIgnoredFile): the build cannot see it. */
export const copyIgnoredFile: ContextRule = {
  code: 'DS511',
  name: 'copy-ignored-file',
  category: 'buildkit',
  defaultSeverity: 'warning',
  title: 'COPY of an ignored file',
  fix: 'none',
  tags: ['build-context', 'copy'],
  description: 'COPY or ADD names a path that .dockerignore excludes, so it is not in the build context.',
  buildkit: 'CopyIgnoredFile',
  check: () => [],
  async checkContext({ model }, { host, dockerfilePath, contextDir }) {
    const ignore = await readIgnoreFile(host, dockerfilePath, contextDir);
    if (!ignore?.rules.length) return [];
    const out: Finding[] = [];
    for (const instruction of model.instructions) {
      if (!copiesFromContext(instruction)) continue;
      for (const src of copySources(instruction)) {
        const v = src.getValue();
        if (isWholeContext(v) || /[*?[$]|^<<|^[a-z]+:\/\//i.test(v)) continue;
        const rule = ignoredBy(ignore.rules, v);
        if (!rule) continue;
        // A folder the ignore file excludes but re-includes parts of (`**` then `!build-bin/x`): those parts are copied.
        const dir = normalizePath(v);
        if (ignore.rules.some((r) => r.negate && normalizePath(r.pattern).startsWith(`${dir}/`))) continue;
        out.push({ range: src.getRange(), message: `'${v}' is excluded by ${basename(ignore.path)} (pattern '${rule.pattern}'): it is not in the build context` });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS511.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

A path that .dockerignore excludes is not in the build context: COPY of it fails, or a wildcard silently copies nothing (BuildKit check CopyIgnoredFile).

## Bad

\`\`\`dockerfile
FROM alpine:3.20
COPY config/app.env /etc/app.env
# .dockerignore: config
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
COPY config/app.yaml /etc/app.yaml
# .dockerignore: config/*.env
\`\`\`

## Quick fix

None: change the COPY or the .dockerignore.
`;
