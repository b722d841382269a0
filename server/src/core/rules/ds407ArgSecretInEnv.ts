import { keywordOf } from '../model';
import { reachNote, shippedStages } from './util';
import type { Finding, Rule } from './types';

/** An ARG name that holds a secret: a password, token, secret or API/private key (also inside a word: PYPIPASS). */
export const SECRET_ARG = /pass(wd|word)?|pwd|token|secret|api_?key|private_?key|credential|auth/i;
/** ...unless it says where the secret is, or that it is public. */
const NOT_SECRET_ARG = /(_|^)(file|path|dir|url|uri|name|id|public|pub|enabled?|mode|type|length|header|user(name)?)$|^(pass|passthrough|bypass)/i;

export function isSecretArgName(name: string): boolean {
  return SECRET_ARG.test(name) && !NOT_SECRET_ARG.test(name) && !/compass|passenger|passive|bypass|tokenizer/i.test(name);
}

/**
 * DS407: an ENV copies a secret ARG (`ARG PYPIPASS` then `ENV PYPIPASS=${PYPIPASS}`): the value passed with
 * --build-arg becomes part of the image config, readable by anyone who pulls the image. Reported in the stages
 * whose config ships (the final stage and its FROM-parents).
 */
export const argSecretInEnv: Rule = {
  code: 'DS407',
  name: 'arg-secret-in-env',
  category: 'security',
  defaultSeverity: 'warning',
  title: 'Secret ARG copied into ENV',
  fix: 'none',
  tags: ['secrets', 'args'],
  description: 'An ENV copies a secret build argument into the image config, where anyone who pulls the image can read it.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const stage of shippedStages(model)) {
      const declared = new Set<string>();
      for (const instruction of analysis.instructionsOf(stage, 'ARG', 'ENV')) {
        const keyword = keywordOf(instruction);
        if (keyword === 'ARG') {
          for (const p of analysis.properties(instruction)) declared.add(p.getName());
          continue;
        }
        for (const p of analysis.properties(instruction)) {
          const value = p.getValue() ?? '';
          for (const m of value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
            const arg = m[1];
            if (!declared.has(arg) || !isSecretArgName(arg)) continue;
            out.push({
              range: p.getValueRange() ?? p.getNameRange(),
              message: `ENV ${p.getName()} copies the build argument ${arg} into the image config, where anyone who pulls the image reads it${reachNote(model, stage)}; use it only where needed: RUN --mount=type=secret,id=${arg.toLowerCase()},env=${arg} …`,
            });
            break;
          }
        }
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS407.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`ARG PYPIPASS\` then \`ENV PYPIPASS=\${PYPIPASS}\` turns a value passed with \`--build-arg\` into part of the image config: \`docker inspect\` shows it to anyone who pulls the image. The argument names a secret when it holds a password, token, secret, API or private key, also inside a word (\`PYPIPASS\`, \`NPMTOKEN\`). Reported in the stages whose config ships (the final stage and its FROM-parents; the message says through which stages); an ENV in a build-only stage stays behind. Use the secret only in the RUN that needs it, from a secret mount.

## Bad

\`\`\`dockerfile
FROM python:3.12-slim
ARG PYPIPASS
ENV PYPIPASS=\${PYPIPASS}
RUN pip install --index-url https://ci:\${PYPIPASS}@pypi.example.com/simple mylib
\`\`\`

## Good

\`\`\`dockerfile
FROM python:3.12-slim
RUN --mount=type=secret,id=pypipass,env=PYPIPASS pip install --index-url "https://ci:\${PYPIPASS}@pypi.example.com/simple" mylib
\`\`\`

## Quick fix

None.
`;
