import { fix, insert, reachNote } from './util';
import { hasFlag, installCommands } from './packageManagers';
import type { Finding, Rule } from './types';

/** DS203: `apt-get install` without `--no-install-recommends` in the final image. */
export const aptNoInstallRecommends: Rule = {
  code: 'DS203',
  name: 'apt-no-install-recommends',
  category: 'image size',
  defaultSeverity: 'warning',
  description: "apt-get install without --no-install-recommends installs recommended packages you did not ask for.",
  hadolint: ['DL3015'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    const stages = model.stages.filter((s) => analysis.finalChain.has(s.index));
    const configured = stages.some((s) => s.instructions.some((i) => /Install-Recommends/i.test(analysis.logical(i).text)));
    if (configured) return out;
    for (const c of installCommands(analysis, stages)) {
      if (c.manager !== 'apt' || hasFlag(c.args, '--no-install-recommends') || c.args.some((a) => /Install-Recommends/i.test(a.text))) continue;
      const range = analysis.rangeOf(c.instruction, c.verb.start, c.verb.end);
      out.push({
        range,
        message: `'${c.command.words.map((w) => w.text).slice(0, 3).join(' ')}' installs recommended packages too${reachNote(model, model.stageOf(c.instruction)!)}: add --no-install-recommends`,
        fixes: [fix('Add --no-install-recommends', [insert(range.end, ' --no-install-recommends')], false)],
      });
    }
    return out;
  },
};
