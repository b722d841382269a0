import type { Finding, Rule } from './types';

/** DS506: FROM --platform with a constant value (BuildKit FromPlatformFlagConstDisallowed). */
export const fromPlatformConst: Rule = {
  code: 'DS506',
  name: 'from-platform-const',
  category: 'buildkit',
  defaultSeverity: 'info',
  title: 'Constant FROM --platform',
  fix: 'none',
  tags: ['platform'],
  description: 'FROM --platform with a constant value pins the platform and breaks multi-platform builds.',
  buildkit: 'FromPlatformFlagConstDisallowed',
  hadolint: ['DL3029'],
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const p = stage.platform;
      if (!p || !p.text || p.text.includes('$')) continue;
      const arch = p.text.split('/')[1];
      if (arch && stage.key?.includes(arch.toLowerCase())) continue; // a stage named for its platform is deliberate
      out.push({ range: p.range, message: `FROM --platform=${p.text} pins the platform: use $BUILDPLATFORM (build tools) or $TARGETPLATFORM, or drop the flag` });
    }
    return out;
  },
};

/** The body of docs/rules/DS506.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

A constant \`--platform\` pins the stage to one platform and breaks multi-platform builds (BuildKit check FromPlatformFlagConstDisallowed, hadolint DL3029). Use \`$BUILDPLATFORM\` for build tools, \`$TARGETPLATFORM\` for the target. Stages named for their platform (\`AS base-arm64\`) are not reported.

## Bad

\`\`\`dockerfile
FROM --platform=linux/amd64 alpine:3.20
\`\`\`

## Good

\`\`\`dockerfile
FROM --platform=$BUILDPLATFORM alpine:3.20
\`\`\`

## Quick fix

None.
`;
