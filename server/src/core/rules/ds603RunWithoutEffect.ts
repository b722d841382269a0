import type { Run } from 'dockerfile-ast';
import { fix, replace } from './util';
import type { Finding, Rule, RuleFix } from './types';

/** Shell builtins whose effect ends with the shell: each RUN starts a new one. */
const NO_EFFECT = new Set(['cd', 'export', 'source', '.', 'alias', 'unalias', 'unset', 'set', 'shopt', 'pushd', 'popd', 'ulimit', 'umask', 'true', ':']);

const ENV_FILE = /(^|\/)(activate|[\w.-]*\.env|env(\.sh)?|\.?profile|\.?bashrc|\.?zshrc|setup\.(ba|z)?sh|local_setup\.(ba|z)?sh|nvm\.sh|environment|os-release|cargo\/env|conda\.sh|[\w.-]*vars[\w.-]*\.sh)$/;

/**
 * DS603: a RUN made only of `cd`, `export`, `source`, `set` ...: every RUN starts a new shell, so nothing it
 * does reaches the next instruction. `cd dir` is `WORKDIR dir`; `export A=1` is `ENV A=1`; a sourced
 * environment must be sourced in the RUN that needs it.
 */
export const runWithoutEffect: Rule = {
  code: 'DS603',
  name: 'run-without-effect',
  category: 'mistakes',
  defaultSeverity: 'warning',
  title: 'RUN without effect',
  fix: 'suggested',
  tags: ['shell'],
  description: 'A RUN only changes its own shell (cd, export, source): nothing of it reaches later instructions.',
  check({ analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('RUN')) {
      const cmds = analysis.commands(instruction);
      if (!cmds.length) continue;
      // `source x` / `. x` runs x in the shell: only an environment file (activate, *.env, profile, setup.bash) is sure to write nothing.
      const sourcesEnvOnly = (c: (typeof cmds)[number]) => !['source', '.'].includes(analysis.program(c)) || c.words.slice(1).every((w) => ENV_FILE.test(w.text));
      if (!cmds.every((c) => (NO_EFFECT.has(analysis.program(c)) && sourcesEnvOnly(c)) || (c.words.length && c.words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))))) continue;
      if ((instruction as Run).getFlags().length) continue;
      const text = analysis.logical(instruction).text;
      // Redirections and substitutions may write files (`set > /env`, `export A=$(touch x)`): raw text, because the
      // command model keeps neither redirections nor what a substitution runs.
      if (/[<>`]|\$\(/.test(text)) continue;
      if (cmds.every((c) => ['set', 'true', ':'].includes(analysis.program(c)))) continue; // `RUN true`: a deliberate no-op
      const range = instruction.getRange();
      const fixes: RuleFix[] = [];
      const one = cmds.length === 1 ? cmds[0] : undefined;
      if (one && analysis.program(one) === 'cd' && one.words.length === 2 && range.start.line === range.end.line) {
        fixes.push(fix(`Change to WORKDIR ${one.words[1].text}`, [replace(range, `WORKDIR ${one.words[1].text}`)], false));
      } else if (one && analysis.program(one) === 'export' && one.words.length > 1 && one.words.slice(1).every((w) => /^[A-Za-z_][A-Za-z0-9_]*=\S*$/.test(w.text)) && range.start.line === range.end.line) {
        fixes.push(fix('Change to ENV', [replace(range, `ENV ${one.words.slice(1).map((w) => w.text.replace(/=(.*)$/, (_m, v: string) => `=${/^[\w./:${}-]*$/.test(v) ? v : JSON.stringify(v)}`)).join(' ')}`)], false));
      }
      const programs = [...new Set(cmds.map((c) => analysis.program(c) || 'an assignment'))].join(', ');
      out.push({
        range,
        message: `this RUN only runs ${programs}, whose effect ends with its shell: later instructions do not see it (use WORKDIR for cd, ENV for export, and source in the RUN that needs it)`,
        fixes,
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS603.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Each RUN starts a new shell and keeps only the files it writes. A RUN made only of \`cd\`, \`export\`, \`source\`, \`set\`, \`alias\`, \`unset\` changes that shell and nothing else: \`RUN cd /app\` does not change the directory of the next RUN, \`RUN export PATH=\u2026\` does not change its PATH, \`RUN source venv/bin/activate\` activates nothing for later. A sourced script other than an environment file (activate, \`*.env\`, profile, \`setup.bash\`) may write files and is not reported. Use WORKDIR, ENV, or run the command in the RUN that needs it.

## Bad

\`\`\`dockerfile
FROM python:3.12-slim
RUN cd /app
RUN export PIP_NO_CACHE_DIR=1
RUN pip install -r requirements.txt
\`\`\`

## Good

\`\`\`dockerfile
FROM python:3.12-slim
WORKDIR /app
ENV PIP_NO_CACHE_DIR=1
RUN pip install -r requirements.txt
\`\`\`

## Quick fix

\`RUN cd dir\` becomes \`WORKDIR dir\`, \`RUN export A=1\` becomes \`ENV A=1\` (not applied by fix-all: later instructions then run in that directory or with that variable, which is what was meant but changes the build).
`;
