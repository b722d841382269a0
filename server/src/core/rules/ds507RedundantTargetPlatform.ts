import { DiagnosticTag } from 'vscode-languageserver-types';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS507: `FROM --platform=$TARGETPLATFORM` is the default (BuildKit RedundantTargetPlatform). */
export const redundantTargetPlatform: Rule = {
  code: 'DS507',
  name: 'redundant-target-platform',
  category: 'buildkit',
  defaultSeverity: 'info',
  title: 'Redundant target platform',
  fix: 'safe',
  tags: ['platform'],
  description: 'FROM --platform=$TARGETPLATFORM is redundant: it is the default.',
  buildkit: 'RedundantTargetPlatform',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const p = stage.platform;
      if (!p || !/^\$\{?TARGETPLATFORM\}?$/.test(p.text)) continue;
      const flag = stage.from.getPlatformFlag();
      const next = stage.from.getImageRange();
      if (!flag) continue;
      const flagRange = flag.getRange();
      const start = flagRange.start;
      out.push({
        range: p.range,
        message: `--platform=${p.text} is the default for FROM: remove it`,
        tags: [DiagnosticTag.Unnecessary],
        fixes: next ? [fix('Remove the redundant --platform', [replace({ start, end: next.start }, '')], true)] : [],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS507.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`--platform=$TARGETPLATFORM\` is what FROM does anyway (BuildKit check RedundantTargetPlatform).

## Bad

\`\`\`dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
\`\`\`

## Quick fix

Removes the flag.
`;
