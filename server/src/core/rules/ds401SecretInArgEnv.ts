import type { Instruction } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { reachNote } from './util';
import type { Finding, Rule } from './types';

/** BuildKit's SecretsUsedInArgOrEnv word list (a name part, split at `_`), and its allow list. */
const SECRET_NAME = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED_NAME = /(?:_|^)(?:public|pub|pubkey|gpg|pgp|keyserver|keyring|keyid|fingerprint)(?:_|$)/i;
/** Names that hold where a secret is, not the secret: `MINIO_ROOT_PASSWORD_FILE`, `KEY_PATH`, `TOKEN_DIR`, `SECRET_NAME`. */
const LOCATION_NAME = /(?:_|^)(?:file|files|path|paths|dir|dirs|directory|folder|location|filename|name|url|uri|endpoint|env|var|header|type|length|size|ttl|expiry|expires|id)$/i;
/** Values that are a location or a reference, not a secret: paths, URLs without credentials, files, fingerprints. */
function isNotSecretValue(value: string): boolean {
  const v = value.trim();
  if (/^[~.]?\//.test(v) || /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\//.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*$/i.test(v) || (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]+:[^/@\s]+@/i.test(v))) return true;
  if (/^[\w.-]+\.(pem|pub|crt|cer|key|asc|gpg|txt|json|ya?ml|conf|cfg|ini|env|properties|p12|pfx|jks)$/i.test(v)) return true;
  // A GPG fingerprint or key id (public).
  if (/^(0x)?([0-9A-F]{4} ?){4,10}$/i.test(v)) return true;
  // Placeholders: on, off, a boolean, a number.
  if (/^(true|false|yes|no|on|off|none|null)$/i.test(v)) return true;
  return false;
}
/** Values that are secrets whatever the name: cloud keys, tokens, private keys. */
const SECRET_VALUE = /^(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|glpat-[A-Za-z0-9_-]{20}|xox[abpr]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;

/** DS401: a secret passed through ARG or ENV (it stays in the image config or the build history). */
export const secretInArgEnv: Rule = {
  code: 'DS401',
  name: 'secret-in-arg-env',
  category: 'security',
  defaultSeverity: 'warning',
  title: 'Secret in ARG or ENV',
  fix: 'none',
  tags: ['secrets', 'args'],
  description: 'A secret is passed in an ARG or ENV, where it stays in the image metadata or build history.',
  buildkit: 'SecretsUsedInArgOrEnv',
  check({ model, analysis }) {
    const out: Finding[] = [];
    const seen = new Set<Instruction>();
    const shipped = analysis.finalChain;
    // Global ARGs that some stage brings into scope, and whether a shipped stage does.
    const redeclared = new Map<string, boolean>();
    for (const stage of model.stages) {
      for (const i of analysis.instructionsOf(stage, 'ARG')) {
        for (const p of analysis.properties(i)) redeclared.set(p.getName(), (redeclared.get(p.getName()) ?? false) || shipped.has(stage.index));
      }
    }
    for (const instruction of analysis.instructionsWith('ARG', 'ENV')) {
      const keyword = keywordOf(instruction);
      if (seen.has(instruction)) continue;
      seen.add(instruction);
      // Stage-aware: a secret in a build-only stage stays in that stage's history, which is not shipped.
      const stage = model.stageOf(instruction);
      if (stage && !shipped.has(stage.index)) continue;
      for (const p of analysis.properties(instruction)) {
        const name = p.getName();
        if (!stage && redeclared.get(name) === false) continue;
        const raw = p.getValue();
        const value = raw ?? '';
        const unquoted = value.replace(/^(["'])(.*)\1$/, '$2');
        // An ENV with an empty value (`ENV PASSWORD=`) sets a place for a run-time value, no secret.
        const empty = keyword === 'ENV' && !unquoted;
        // `ENV X=${X}` copying an ARG is DS407's (it names the build argument).
        if (keyword === 'ENV' && /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(unquoted)) continue;
        const byName = SECRET_NAME.test(name) && !ALLOWED_NAME.test(name) && !LOCATION_NAME.test(name) && !empty && !(raw !== null && isNotSecretValue(unquoted));
        const byValue = SECRET_VALUE.test(value.replace(/^["']/, ''));
        if (!byName && !byValue) continue;
        out.push({
          range: byValue && !byName ? (p.getValueRange() ?? p.getNameRange()) : p.getNameRange(),
          message: byName
            ? `${keyword} ${name} looks like a secret: ${keyword} values stay in the image ${keyword === 'ENV' ? 'config' : 'build history'}${stage ? reachNote(model, stage) : ''}; pass it with RUN --mount=type=secret,id=${name.toLowerCase()}`
            : `the value of ${keyword} ${name} looks like a credential: it stays in the image; pass it with RUN --mount=type=secret`,
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS401.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

ARG values are recorded in the build history and ENV values in the image config: anyone with the image can read them (BuildKit check SecretsUsedInArgOrEnv). Pass secrets with \`RUN --mount=type=secret\`.

Not reported: names that say where a secret is (\`MINIO_ROOT_PASSWORD_FILE\`, \`TOKEN_PATH\`, \`KEY_DIR\`, \`*_URL\`,
\`*_NAME\`, \`*_ID\`), values that are paths, URLs without credentials, file names or GPG fingerprints, public keys
(\`GPG_KEY\`, \`*_PUBKEY\`), an \`ENV PASSWORD=\` left empty for a run-time value, and \`ENV X=\${X}\` copying an ARG
(that is DS407). Stage-aware: ARG and ENV in a build-only stage stay in that stage, which is not shipped; a
global ARG is reported when a shipped stage brings it into scope (or none does).

## Bad

\`\`\`dockerfile
FROM alpine:3.20
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
RUN --mount=type=secret,id=npm_token \\
    echo "//registry.npmjs.org/:_authToken=$(cat /run/secrets/npm_token)" > ~/.npmrc
\`\`\`

## Quick fix

None.
`;
