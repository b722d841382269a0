import { keywordOf } from '../model';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS509: EXPOSE with an IP or a host port (BuildKit ExposeInvalidFormat): those belong to `docker run -p`. */
export const exposeInvalidFormat: Rule = {
  code: 'DS509',
  name: 'expose-invalid-format',
  category: 'buildkit',
  defaultSeverity: 'warning',
  description: 'EXPOSE with an IP address or a host port; EXPOSE declares container ports only.',
  buildkit: 'ExposeInvalidFormat',
  check({ model }) {
    const out: Finding[] = [];
    for (const instruction of model.instructions) {
      if (keywordOf(instruction) !== 'EXPOSE') continue;
      for (const a of instruction.getArguments()) {
        const v = a.getValue();
        if (!v.includes(':') || v.includes('$')) continue;
        const container = v.slice(v.lastIndexOf(':') + 1);
        out.push({
          range: a.getRange(),
          message: `EXPOSE ${v}: EXPOSE takes container ports only (the IP and host port belong to 'docker run -p'): write EXPOSE ${container}`,
          fixes: container ? [fix(`Write EXPOSE ${container}`, [replace(a.getRange(), container)], true)] : [],
        });
      }
    }
    return out;
  },
};
