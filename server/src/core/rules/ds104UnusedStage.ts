import { DiagnosticTag } from 'vscode-languageserver-types';
import { stageAnchor, stageLabel } from './util';
import type { Finding, Rule } from './types';

/** DS104: a stage the final image does not depend on (BuildKit skips it unless it is the --target). */
export const unusedStage: Rule = {
  code: 'DS104',
  name: 'unused-stage',
  category: 'stage graph',
  defaultSeverity: 'info',
  description: 'A stage is never used by the final image: BuildKit skips it unless it is built with --target.',
  check({ model }) {
    const out: Finding[] = [];
    const final = model.finalStage;
    if (!final) return out;
    for (const stage of model.stages) {
      if (stage.reachable || stage.isFinal) continue;
      out.push({
        range: stageAnchor(stage),
        message: `${stageLabel(stage)} is never used by the final image (${stageLabel(final)}); BuildKit skips it unless you build it with --target`,
        tags: [DiagnosticTag.Unnecessary],
      });
    }
    return out;
  },
};
