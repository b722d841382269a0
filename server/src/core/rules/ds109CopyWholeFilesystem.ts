import type { Copy } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { copySources, stageLabel } from './util';
import type { Finding, Rule } from './types';

/** DS109: `COPY --from=<stage> / …` copies a whole filesystem, toolchain included. */
export const copyWholeFilesystem: Rule = {
  code: 'DS109',
  name: 'copy-whole-filesystem',
  category: 'stage graph',
  defaultSeverity: 'warning',
  description: "COPY --from copies '/' (a build stage's whole filesystem) instead of the artifacts.",
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (keywordOf(instruction) !== 'COPY') continue;
        const flag = (instruction as Copy).getFromFlag();
        if (!flag?.getValue()) continue;
        const ref = stage.references.find((r) => r.instruction === instruction && r.kind === 'copy');
        // Copying all of a small tool image (`COPY --from=docker/cli / /`) is a known idiom; a stage's '/' is its toolchain.
        if (ref?.target === undefined) continue;
        const source = stageLabel(model.stages[ref.target]);
        for (const src of copySources(instruction)) {
          if (!/^\/+\.?$/.test(src.getValue())) continue;
          out.push({ range: src.getRange(), message: `COPY --from=${flag.getValue()} / copies the whole filesystem of ${source}; copy only the artifacts you need` });
        }
      }
    }
    return out;
  },
};
