import { keywordOf } from '../model';
import type { Finding, Rule } from './types';

/**
 * DS510: a comment right above ARG or a named FROM that does not start with the name (BuildKit's experimental
 * InvalidDefinitionDescription). Off by default, as in BuildKit.
 */
export const invalidDefinitionDescription: Rule = {
  code: 'DS510',
  name: 'invalid-definition-description',
  category: 'buildkit',
  defaultSeverity: 'off',
  title: 'Invalid definition description',
  fix: 'none',
  tags: ['style'],
  description: "A comment right above an ARG or a named stage should read '# <name> <description>'.",
  buildkit: 'InvalidDefinitionDescription',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('ARG', 'FROM')) {
      const keyword = keywordOf(instruction);
      let name: string | undefined;
      if (keyword === 'ARG') name = analysis.properties(instruction)[0]?.getName();
      else if (keyword === 'FROM') name = model.stageOf(instruction)?.name;
      if (!name) continue;
      const line = instruction.getRange().start.line - 1;
      if (line < 0) continue;
      const text = analysis.lineText(line).trim();
      if (!text.startsWith('#') || /^#\s*(syntax|escape|check)\s*=/i.test(text) || /dockerfile-stages|hadolint/.test(text)) continue;
      const first = text.replace(/^#\s*/, '').split(/\s+/)[0];
      if (!first || first === name) continue;
      out.push({
        range: { start: { line, character: 0 }, end: { line, character: analysis.lineText(line).length } },
        message: `the comment above ${keyword} ${name} should start with '${name}' to describe it ('# ${name} <description>'), or be separated by an empty line`,
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS510.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

BuildKit's experimental check InvalidDefinitionDescription: a comment right above an ARG or a named stage is read as its description and should start with the name. Off by default (as in BuildKit); turn it on with \`"dockerfileStages.rules.DS510": "warning"\`.

## Bad

\`\`\`dockerfile
# the Go version
ARG GO_VERSION=1.22
FROM golang:\${GO_VERSION}
\`\`\`

## Good

\`\`\`dockerfile
# GO_VERSION the Go version
ARG GO_VERSION=1.22
FROM golang:\${GO_VERSION}
\`\`\`

## Quick fix

None.
`;
