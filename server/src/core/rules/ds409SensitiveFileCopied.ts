import type { Copy } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { reachNote, shippedStages } from './util';
import type { Finding, Rule } from './types';
import { trimTrailingSlashes } from '../text';

/** Files that hold secrets or history, by base name, with what they are. */
function sensitive(path: string): string | undefined {
  const base = trimTrailingSlashes(path).replace(/^.*\//, '');
  // .env and its local/secret variants; .env.production and the like are often committed public build settings.
  if (/^\.env(\.local|\.[\w-]+\.local|\.secrets?)?$/i.test(base)) return 'an environment file (typically passwords and API keys)';
  if (base === '.git') return 'the git repository (its whole history, and any secret ever committed)';
  if (base === '.ssh' || /^id_(rsa|dsa|ecdsa|ed25519)$/.test(base)) return 'an SSH private key';
  if (base === '.aws') return 'AWS credentials';
  if (base === '.netrc' || base === '.pypirc' || base === '.npmrc' || base === '.git-credentials') return 'a credentials file';
  return undefined;
}

/**
 * DS409: COPY or ADD of a file that holds secrets (`.env`, an SSH key, `.npmrc`, `.aws`) or the repository
 * (`.git`) into a stage that ships. Whoever pulls the image gets them. In a build-only stage this is how a
 * build reads them, and they stay behind: not reported there.
 */
export const sensitiveFileCopied: Rule = {
  code: 'DS409',
  name: 'sensitive-file-copied',
  category: 'security',
  defaultSeverity: 'warning',
  title: 'Sensitive file copied',
  fix: 'none',
  tags: ['secrets', 'build-context', 'copy'],
  description: 'COPY or ADD puts .env, .git, an SSH key or a credentials file into the final image.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const stage of shippedStages(model)) {
      for (const instruction of analysis.instructionsOf(stage, 'COPY', 'ADD')) {
        const keyword = keywordOf(instruction);
        if ((instruction as Copy).getFlags().some((f) => f.getName().toLowerCase() === 'from')) continue;
        for (const src of analysis.sources(instruction)) {
          const what = sensitive(src.getValue());
          if (!what) continue;
          out.push({
            range: src.getRange(),
            message: `${keyword} ${src.getValue()} puts ${what} into the image, readable by anyone who pulls it${reachNote(model, stage)}: ${what.startsWith('the git') ? 'copy only the files the build needs (and keep .git in .dockerignore)' : 'pass secrets at run time (--env-file, a secrets manager) or to a RUN with --mount=type=secret'}`,
          });
        }
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS409.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`COPY .env .\` (also \`.env.local\`, \`.env.secrets\`), \`ADD .git /app/.git\`, \`COPY id_rsa /root/.ssh/\`, \`COPY .npmrc .\` in a stage that ships: anyone who pulls the image gets the passwords, the keys, the registry token or the whole repository history. Reported in the final stage and its FROM-parents; a build-only stage may read such a file (it stays behind). \`.env.example\`, \`.env.production\` and other committed settings files are not reported.

## Bad

\`\`\`dockerfile
FROM node:20-slim
WORKDIR /app
COPY package*.json .env ./
RUN npm ci --omit=dev
COPY src ./src
CMD ["node", "src/index.js"]
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY src ./src
CMD ["node", "src/index.js"]
\`\`\`

## Quick fix

None: pass the values at run time (\`docker run --env-file .env\`) or through a secret mount.
`;
