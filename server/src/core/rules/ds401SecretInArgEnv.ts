import type { Arg, Env, Instruction } from 'dockerfile-ast';
import { keywordOf } from '../model';
import type { Finding, Rule } from './types';

/** BuildKit's SecretsUsedInArgOrEnv word list (a name part, split at `_`), and its allow list. */
const SECRET_NAME = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED_NAME = /(?:_|^)(?:public)(?:_|$)/i;
/** Values that are secrets whatever the name: cloud keys, tokens, private keys. */
const SECRET_VALUE = /^(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|glpat-[A-Za-z0-9_-]{20}|xox[abpr]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;

/** DS401: a secret passed through ARG or ENV (it stays in the image config or the build history). */
export const secretInArgEnv: Rule = {
  code: 'DS401',
  name: 'secret-in-arg-env',
  category: 'security',
  defaultSeverity: 'warning',
  description: 'A secret is passed in an ARG or ENV, where it stays in the image metadata or build history.',
  buildkit: 'SecretsUsedInArgOrEnv',
  check({ model }) {
    const out: Finding[] = [];
    const seen = new Set<Instruction>();
    for (const instruction of model.instructions) {
      const keyword = keywordOf(instruction);
      if ((keyword !== 'ARG' && keyword !== 'ENV') || seen.has(instruction)) continue;
      seen.add(instruction);
      for (const p of (instruction as Arg | Env).getProperties()) {
        const name = p.getName();
        const value = p.getValue() ?? '';
        const byName = SECRET_NAME.test(name) && !ALLOWED_NAME.test(name);
        const byValue = SECRET_VALUE.test(value.replace(/^["']/, ''));
        if (!byName && !byValue) continue;
        out.push({
          range: byValue && !byName ? (p.getValueRange() ?? p.getNameRange()) : p.getNameRange(),
          message: byName
            ? `${keyword} ${name} looks like a secret: ${keyword} values stay in the image ${keyword === 'ENV' ? 'config' : 'build history'}; pass it with RUN --mount=type=secret,id=${name.toLowerCase()}`
            : `the value of ${keyword} ${name} looks like a credential: it stays in the image; pass it with RUN --mount=type=secret`,
        });
      }
    }
    return out;
  },
};
