import { keywordOf } from '../model';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS508: `EXPOSE 80/TCP` (BuildKit ExposeProtoCasing): protocols are lowercase. */
export const exposeProtoCasing: Rule = {
  code: 'DS508',
  name: 'expose-proto-casing',
  category: 'buildkit',
  defaultSeverity: 'warning',
  description: 'The protocol in EXPOSE should be lowercase.',
  buildkit: 'ExposeProtoCasing',
  check({ model }) {
    const out: Finding[] = [];
    for (const instruction of model.instructions) {
      if (keywordOf(instruction) !== 'EXPOSE') continue;
      for (const a of instruction.getArguments()) {
        const v = a.getValue();
        const m = /\/([A-Za-z]+)$/.exec(v);
        if (!m || m[1] === m[1].toLowerCase()) continue;
        const r = a.getRange();
        const protoRange = { start: { line: r.end.line, character: r.end.character - m[1].length }, end: r.end };
        out.push({
          range: protoRange,
          message: `EXPOSE ${v}: write the protocol in lowercase ('${m[1].toLowerCase()}')`,
          fixes: r.start.line === r.end.line ? [fix(`Write '${m[1].toLowerCase()}'`, [replace(protoRange, m[1].toLowerCase())], true)] : [],
        });
      }
    }
    return out;
  },
};
