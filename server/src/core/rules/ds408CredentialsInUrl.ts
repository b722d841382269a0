import type { Run } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { reachNote } from './util';
import type { Finding, Rule } from './types';

/**
 * `scheme://user:password@host`: the password part is what matters. The scheme is at most 32 characters: unbounded,
 * the pattern read on from every word of a long run of them (`x.tar.gz.tar.gz…`) looking for `://`, quadratic
 * (1.2 s on 84 KB).
 */
const URL_WITH_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,31}):\/\/([^\s/:@'"]+):([^\s/@'"]+)@([^\s/:'"]+)/gi;

/**
 * DS408: credentials inside a URL in RUN or ADD (`https://user:token@host/…`). Written in the Dockerfile they are
 * in version control; from a build argument they are recorded in the image history (and in .git/config after a
 * clone). A secret mount keeps them out of both.
 */
export const credentialsInUrl: Rule = {
  code: 'DS408',
  name: 'credentials-in-url',
  category: 'security',
  defaultSeverity: 'warning',
  title: 'Credentials in a URL',
  fix: 'none',
  tags: ['secrets'],
  description: 'A URL in RUN or ADD carries a user name and password or token (https://user:token@host).',
  check({ model, analysis }) {
    const out: Finding[] = [];
    const shipped = analysis.finalChain;
    for (const stage of model.stages) {
      for (const instruction of analysis.instructionsOf(stage, 'RUN', 'ADD')) {
        const keyword = keywordOf(instruction);
        // The instruction's text, not its commands: a URL with a password leaks through the build history wherever it
        // is written (an argument, a heredoc file body, a comment inside the RUN), and ADD has no command model.
        const l = analysis.logical(instruction);
        if (!l.text.includes('://')) continue; // (no URL: the usual case, without running the pattern)
        const secretMount = keyword === 'RUN' && (instruction as Run).getFlags().some((f) => f.getName().toLowerCase() === 'mount' && /type=secret/.test(f.getValue() ?? ''));
        for (const m of l.text.matchAll(URL_WITH_CREDENTIALS)) {
          const [, , user, password, host] = m;
          if (/^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])$/i.test(host)) continue;
          // The token may be the user part (`https://${GITHUB_TOKEN}:x-oauth-basic@github.com`).
          const secretPart = /^\$\{?[A-Za-z_]/.test(user) && !/^\$\{?[A-Za-z_]/.test(password) ? user : password;
          if (secretPart.startsWith('$(') || (/^\$\{?[A-Za-z_]/.test(secretPart) && (secretMount || !shipped.has(stage.index)))) continue;
          if (/^(x+|\*+|password|pass|token|secret|<[^>]*>|\.\.\.)$/i.test(password) && /^(user|username|x+|<[^>]*>)$/i.test(user)) continue; // a documentation placeholder
          const fromVariable = secretPart.startsWith('$');
          out.push({
            range: analysis.rangeOf(instruction, m.index!, m.index! + m[0].length),
            message: fromVariable
              ? `the URL ${m[1]}://${user}:${password}@${host} puts ${secretPart} into the command line, which the image history records${reachNote(model, stage)}: pass it with RUN --mount=type=secret (or a .netrc / git credential helper from a secret mount)`
              : `the URL ${m[1]}://${user}:…@${host} has a password or token written into the Dockerfile: it is in version control and in the image history; pass it with RUN --mount=type=secret`,
          });
        }
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS408.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`https://user:token@host/...\` in a RUN or ADD: written into the Dockerfile, the token is in version control; passed as a build argument, the command line with its value is recorded in the image history, and \`git clone\` keeps the URL in \`.git/config\`. A URL whose password comes from a variable is reported only in stages that ship and when the RUN has no secret mount; local addresses (\`localhost\`) and documentation placeholders are not reported.

## Bad

\`\`\`dockerfile
FROM alpine:3.20
RUN apk add --no-cache git && git clone https://ci:s3cr3t-t0ken@git.example.com/acme/app.git /src
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
RUN --mount=type=secret,id=git_token,env=GIT_TOKEN apk add --no-cache git && git clone "https://ci:\${GIT_TOKEN}@git.example.com/acme/app.git" /src
\`\`\`

## Quick fix

None.
`;
