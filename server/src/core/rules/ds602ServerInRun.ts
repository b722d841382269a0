import type { Finding, Rule } from './types';

/** The programs serverOf knows (and python*), checked first: most commands run none of them. */
const SERVER_PROGRAMS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'npx', 'serve', 'http-server', 'nodemon', 'live-server', 'ng', 'vite', 'next', 'flask', 'uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'rails', 'php']);

/** What a command starts when it is a long-running server, or undefined. */
function serverOf(program: string, args: string[]): string | undefined {
  if (!SERVER_PROGRAMS.has(program) && !/^python[0-9.]*$/.test(program)) return undefined;
  const first = args.find((a) => !a.startsWith('-'));
  const second = args.filter((a) => !a.startsWith('-'))[1];
  if (program === 'npm' || program === 'pnpm' || program === 'yarn' || program === 'bun') {
    const script = first === 'run' || first === 'run-script' ? second : first;
    if (script && /^(start|dev|serve|start:dev|start:prod|preview)$/.test(script) && (first === 'run' || first === 'run-script' || script === 'start' || program !== 'npm')) {
      return `${program} ${first === 'run' || first === 'run-script' ? `run ${script}` : script}`;
    }
    return undefined;
  }
  if (program === 'npx' && first && /^(serve|http-server|vite|next|nodemon)$/.test(first) && !args.includes('build') && !args.includes('--version')) return `npx ${first}`;
  if ((program === 'serve' || program === 'http-server' || program === 'nodemon' || program === 'live-server') && !args.includes('--version') && !args.includes('-v') && !args.includes('--help')) return program;
  if (program === 'ng' && first === 'serve') return 'ng serve';
  if (program === 'vite' && (!first || first === 'dev' || first === 'serve' || first === 'preview')) return 'vite';
  if (program === 'next' && (first === 'dev' || first === 'start')) return `next ${first}`;
  if (program === 'flask' && first === 'run') return 'flask run';
  if ((program === 'uvicorn' || program === 'gunicorn' || program === 'hypercorn' || program === 'daphne') && first && !args.includes('--version') && !args.includes('--help')) return program;
  if (program === 'rails' && (first === 's' || first === 'server')) return 'rails server';
  if (/^python[0-9.]*$/.test(program) && args[0] === '-m' && args[1] === 'http.server') return 'python -m http.server';
  if (/^python[0-9.]*$/.test(program) && /manage\.py$/.test(args[0] ?? '') && args[1] === 'runserver') return 'manage.py runserver';
  if (program === 'php' && args[0] === '-S') return 'php -S';
  return undefined;
}

/**
 * DS602: a RUN that starts a server (`RUN npm start`, `RUN serve -s build`, `RUN flask run`). A RUN must end for
 * the build to go on: the build hangs until it is killed, and the server would not be running in the container
 * anyway. Starting the app belongs in CMD.
 */
export const serverInRun: Rule = {
  code: 'DS602',
  name: 'server-in-run',
  category: 'mistakes',
  defaultSeverity: 'warning',
  title: 'Server started in RUN',
  fix: 'none',
  tags: ['shell'],
  description: 'A RUN starts a server (npm start, serve, flask run ...): the build hangs; start it with CMD.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('RUN')) {
      for (const cmd of analysis.commands(instruction)) {
        // Backgrounded (`npm start &`) or bounded (`timeout 10 npm start`): a deliberate smoke test.
        if (cmd.next === '&' || cmd.words[0]?.text === 'timeout') continue;
        const server = serverOf(analysis.program(cmd), analysis.argTexts(cmd));
        if (!server) continue;
        const first = cmd.words[0];
        const last = cmd.words[cmd.words.length - 1];
        out.push({
          range: analysis.rangeOf(instruction, first.start, last.end),
          message: `'${server}' starts a server in a RUN: the build waits for it to exit and hangs, and nothing of it runs in the container; start it with CMD ["…"] instead`,
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS602.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

A RUN must end for the build to go on. \`RUN npm start\`, \`RUN serve -s build\`, \`RUN flask run\`, \`RUN python manage.py runserver\` start a server that never exits: the build hangs until it is killed, and even then nothing of the server runs in the container. The container's process is started by CMD (or ENTRYPOINT). A server put in the background (\`\u2026 &\`) or bounded with \`timeout\` is a deliberate smoke test and not reported.

## Bad

\`\`\`dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci && npm start
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci
CMD ["npm", "start"]
\`\`\`

## Quick fix

None: move the command to CMD.
`;
