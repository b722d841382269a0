import type { Env } from 'dockerfile-ast';
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
  description: 'An ENV copies a secret build argument into the image config, where anyone who pulls the image can read it.',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of shippedStages(model)) {
      const declared = new Set<string>();
      for (const instruction of stage.instructions) {
        const keyword = keywordOf(instruction);
        if (keyword === 'ARG') {
          for (const p of (instruction as Env).getProperties()) declared.add(p.getName());
          continue;
        }
        if (keyword !== 'ENV') continue;
        for (const p of (instruction as Env).getProperties()) {
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
