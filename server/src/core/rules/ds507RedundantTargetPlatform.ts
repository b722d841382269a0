import { DiagnosticTag } from 'vscode-languageserver-types';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS507: `FROM --platform=$TARGETPLATFORM` is the default (BuildKit RedundantTargetPlatform). */
export const redundantTargetPlatform: Rule = {
  code: 'DS507',
  name: 'redundant-target-platform',
  category: 'buildkit',
  defaultSeverity: 'info',
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
