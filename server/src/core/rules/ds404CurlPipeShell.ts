import { keywordOf } from '../model';
import { programOf } from './analysis';
import type { Finding, Rule } from './types';

const SHELLS = /^(sh|bash|zsh|ash|dash|ksh|python[0-9.]*|perl|ruby|node)$/;

/** DS404: a script downloaded and run in one go (`curl … | sh`), unverified. */
export const curlPipeShell: Rule = {
  code: 'DS404',
  name: 'curl-pipe-shell',
  category: 'security',
  defaultSeverity: 'warning',
  title: 'curl piped to a shell',
  fix: 'none',
  tags: ['shell'],
  description: 'A script is downloaded and piped to a shell without verification.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of model.instructions) {
      if (keywordOf(instruction) !== 'RUN') continue;
      const cmds = analysis.commands(instruction);
      for (let k = 0; k + 1 < cmds.length; k++) {
        const fetch = programOf(cmds[k]);
        if ((fetch !== 'curl' && fetch !== 'wget') || cmds[k].next !== '|') continue;
        const shell = programOf(cmds[k + 1]);
        if (!SHELLS.test(shell)) continue;
        const first = cmds[k].words[0];
        const lastCmd = cmds[k + 1];
        const last = lastCmd.words[lastCmd.words.length - 1];
        out.push({
          range: analysis.rangeOf(instruction, first.start, last.end),
          message: `'${fetch} … | ${shell}' runs a downloaded script unverified: download it, check its checksum, then run it`,
        });
      }
      const text = analysis.logical(instruction).text;
      const m = /\b(sh|bash)\s+(?:-s\s+)?(?:-c\s+)?["']?(?:<\(|\$\()\s*(curl|wget)\b/.exec(text);
      if (m) out.push({ range: analysis.rangeOf(instruction, m.index, m.index + m[0].length), message: `'${m[1]}' runs a script fetched with ${m[2]} unverified: download it, check its checksum, then run it` });
    }
    return out;
  },
};

/** The body of docs/rules/DS404.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`curl \u2026 | sh\` runs whatever the server returns at build time, unverified. Download the script, check its checksum, then run it.

## Bad

\`\`\`dockerfile
FROM debian:12-slim
RUN curl -fsSL https://get.example.com | sh
\`\`\`

## Good

\`\`\`dockerfile
FROM debian:12-slim
RUN curl -fsSLo install.sh https://get.example.com \\
    && echo "<sha256>  install.sh" | sha256sum -c - \\
    && sh install.sh
\`\`\`

## Quick fix

None.

## Suppressing it

- On one instruction: \`# dockerfile-stages ignore=DS404\` in the comment lines right above it.
- In the whole file: \`# dockerfile-stages global ignore=DS404\`.
`;
