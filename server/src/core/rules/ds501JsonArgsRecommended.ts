import { keywordOf } from '../model';
import { fix, replace } from './util';
import type { Finding, Rule, RuleFix } from './types';

/** DS501: CMD/ENTRYPOINT in shell form (BuildKit JSONArgsRecommended): PID 1 is a shell that drops signals. */
export const jsonArgsRecommended: Rule = {
  code: 'DS501',
  name: 'json-args-recommended',
  category: 'buildkit',
  defaultSeverity: 'warning',
  description: 'CMD or ENTRYPOINT in shell form: the process runs under /bin/sh -c and does not receive stop signals.',
  buildkit: 'JSONArgsRecommended',
  hadolint: ['DL3025'],
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      if (stage.config.shell && stage.config.shell.stage === stage.index) continue; // an explicit SHELL: shell form is deliberate
      for (const instruction of stage.instructions) {
        const keyword = keywordOf(instruction);
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
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
