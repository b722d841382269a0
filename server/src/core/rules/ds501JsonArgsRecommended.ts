import { keywordOf } from '../model';
import { fix, replace } from './util';
import type { Finding, Rule, RuleFix } from './types';

/** DS501: CMD/ENTRYPOINT in shell form (BuildKit JSONArgsRecommended): PID 1 is a shell that drops signals. */
export const jsonArgsRecommended: Rule = {
  code: 'DS501',
  name: 'json-args-recommended',
  category: 'buildkit',
  defaultSeverity: 'warning',
  title: 'JSON arguments recommended',
  fix: 'suggested',
  tags: ['shell', 'style'],
  description: 'CMD or ENTRYPOINT in shell form: the process runs under /bin/sh -c and does not receive stop signals.',
  buildkit: 'JSONArgsRecommended',
  hadolint: ['DL3025'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      if (stage.config.shell && stage.config.shell.stage === stage.index) continue; // an explicit SHELL: shell form is deliberate
      for (const instruction of analysis.instructionsOf(stage, 'CMD', 'ENTRYPOINT')) {
        const keyword = keywordOf(instruction);
        const range = instruction.getArgumentsRange();
        const raw = instruction.getRawArgumentsContent();
        if (!range || !raw || raw.trim().startsWith('[')) continue;
        // `CMD exec java ...`: the shell replaces itself with the program, which gets the signals.
        if (/^exec\s/.test(raw.trim())) continue;
        const args = instruction.getArguments().map((a) => a.getValue());
        const fixes: RuleFix[] = [];
        const plain = !/[$`|&;<>*?(){}~"'\\]/.test(raw) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0] ?? '') && range.start.line === range.end.line;
        if (plain && args.length) fixes.push(fix('Use the exec (JSON) form', [replace(range, JSON.stringify(args).replace(/","/g, '", "'))], false));
        out.push({
          range,
          message: `${keyword} ${raw.trim().split(/\s+/).slice(0, 3).join(' ')}… in shell form runs under /bin/sh -c, which does not forward stop signals: use the JSON form ${keyword} ["…"]${plain ? '' : ", or start the command with 'exec' where it needs the shell"}`,
          fixes,
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS501.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

In shell form, CMD/ENTRYPOINT run as \`/bin/sh -c "\u2026"\`: the shell is PID 1 and does not forward SIGTERM, so \`docker stop\` waits and kills (BuildKit check JSONArgsRecommended, hadolint DL3025). Stages with an explicit SHELL are not reported.
Nor is \`CMD exec java \u2026\`: \`exec\` replaces the shell, so the program gets the signals. A command that needs the
shell (variables, pipes) is told it can start with \`exec\` instead.

## Bad

\`\`\`dockerfile
FROM alpine:3.20
CMD /app --port 80
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
CMD ["/app", "--port", "80"]
\`\`\`

## Quick fix

Rewrites a command without shell syntax in the JSON form.
`;
