import { programIndex } from './analysis';
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
    for (const instruction of analysis.instructionsWith('RUN')) {
      const cmds = analysis.commands(instruction);
      for (let k = 0; k + 1 < cmds.length; k++) {
        const fetch = analysis.program(cmds[k]);
        if ((fetch !== 'curl' && fetch !== 'wget') || cmds[k].next !== '|') continue;
        const shell = analysis.program(cmds[k + 1]);
        if (!SHELLS.test(shell)) continue;
        const first = cmds[k].words[0];
        const lastCmd = cmds[k + 1];
        const last = lastCmd.words[lastCmd.words.length - 1];
        out.push({
          range: analysis.rangeOf(instruction, first.start, last.end),
          message: `'${fetch} … | ${shell}' runs a downloaded script unverified: download it, check its checksum, then run it`,
        });
      }
      // `sh -c "$(curl …)"`, `bash <(wget …)`: the shell is found on the command model; the command model does not
      // look inside a substitution, so the text of the shell's argument word is read for the fetch.
      for (const cmd of cmds) {
        const shell = analysis.program(cmd);
        if (shell !== 'sh' && shell !== 'bash') continue;
        const text = analysis.logical(instruction).text;
        const args = analysis.args(cmd);
        let k = 0;
        if (args[k]?.text === '-s') k++;
        if (args[k]?.text === '-c') k++;
        const arg = args[k];
        const m = arg && /^["']?(?:<\(|\$\()\s*(curl|wget)\b/.exec(text.slice(arg.start, arg.end));
        if (!m) continue;
        const first = cmd.words[programIndex(cmd)];
        out.push({ range: analysis.rangeOf(instruction, first.start, arg.start + m[0].length), message: `'${shell}' runs a script fetched with ${m[1]} unverified: download it, check its checksum, then run it` });
      }
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
`;
