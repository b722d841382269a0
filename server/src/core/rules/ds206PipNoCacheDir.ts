import { fix, insert, reachNote } from './util';
import { hasCacheMount, hasFlag, installCommands } from './packageManagers';
import type { Finding, Rule } from './types';

/** DS206: `pip install` without `--no-cache-dir` in the final image. */
export const pipNoCacheDir: Rule = {
  code: 'DS206',
  name: 'pip-no-cache-dir',
  category: 'image size',
  defaultSeverity: 'warning',
  description: "pip install without --no-cache-dir keeps pip's download cache in the layer.",
  hadolint: ['DL3042'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    const stages = model.stages.filter((s) => analysis.finalChain.has(s.index));
    for (const c of installCommands(analysis, stages)) {
      if (c.manager !== 'pip' || hasFlag(c.args, '--no-cache-dir') || hasFlag(c.args, '--no-cache')) continue;
      if (c.stage.config.env.has('PIP_NO_CACHE_DIR') || hasCacheMount(c.instruction, /\.cache\/pip|\/pip/)) continue;
      const text = analysis.logical(c.instruction).text;
      if (/rm\s+-[a-z]*\s+\S*\.cache\/pip|pip\s+cache\s+purge/.test(text)) continue;
      const range = analysis.rangeOf(c.instruction, c.verb.start, c.verb.end);
      out.push({
        range,
        message: `'pip install' keeps its download cache (~/.cache/pip) in the layer${reachNote(model, model.stageOf(c.instruction)!)}: add --no-cache-dir`,
        fixes: [fix('Add --no-cache-dir', [insert(range.end, ' --no-cache-dir')], true)],
      });
    }
    return out;
  },
};
