import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS509: EXPOSE with an IP or a host port (BuildKit ExposeInvalidFormat): those belong to `docker run -p`. */
export const exposeInvalidFormat: Rule = {
  code: 'DS509',
  name: 'expose-invalid-format',
  category: 'buildkit',
  defaultSeverity: 'warning',
  title: 'EXPOSE invalid format',
  fix: 'safe',
  tags: ['style'],
  description: 'EXPOSE with an IP address or a host port; EXPOSE declares container ports only.',
  buildkit: 'ExposeInvalidFormat',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('EXPOSE')) {
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

/** The body of docs/rules/DS509.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

EXPOSE declares container ports. An IP address or a host port (\`8080:80\`) belongs to \`docker run -p\`; BuildKit ignores it with a warning (check ExposeInvalidFormat).

## Bad

\`\`\`dockerfile
FROM alpine:3.20
EXPOSE 8080:80
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
EXPOSE 80
\`\`\`

## Quick fix

Keeps the container port.
`;
