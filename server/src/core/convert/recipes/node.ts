/**
 * Node.js back ends with a build step, and front-end SPAs: the runtime is the same Node version's -slim
 * (or the same -alpine) image with production dependencies only; an SPA is served the way the original
 * served it (`serve`, `http-server` ...), or, as the explicitly labelled variant, by nginx:alpine.
 */
import type { Analysis } from '../analyze';
import { runText } from '../analyze';
import { resolvePath } from '../layout';
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe, RecipePlan } from './recipe';
import { joinPath, stepDir } from './common';
import { escapeRegExp } from '../../text';

const DEV_COMMAND = /^(nodemon|ts-node|ts-node-dev|vite|ng|nuxt|next)$|^(dev|serve|watch|start:dev|develop)$/;
const STATIC_SERVERS = /^(serve|http-server|live-server|static-server|lite-server)$/;

/** The same Node version's small variant: `18` -> `18-slim`, `18-alpine` stays, `latest` -> `slim`. */
export function nodeRuntimeImage(a: Analysis): string | undefined {
  if (a.base.short !== 'node') return undefined;
  const prefix = a.base.registry ? `${a.base.registry}/${a.base.repository}` : a.base.repository;
  const tag = a.base.tag;
  if (/alpine|slim/.test(tag)) return `${prefix}:${tag}`;
  if (tag === 'latest') return `${prefix}:slim`;
  const m = /^(.*?)-?(trixie|bookworm|bullseye|buster|stretch)$/.exec(tag);
  if (m) return `${prefix}:${m[1] ? `${m[1]}-` : ''}${m[2]}-slim`;
  return `${prefix}:${tag}-slim`;
}

function nodeMajor(tag: string): number | undefined {
  const m = /^(\d+)/.exec(tag);
  return m ? Number(m[1]) : undefined;
}

export function packageManager(a: Analysis): 'npm' | 'yarn' | 'pnpm' {
  const runs = a.items.filter((i) => i.keyword === 'RUN').map(runText).join('\n');
  if (/\bpnpm\b/.test(runs)) return 'pnpm';
  if (/\byarn\b/.test(runs) && !/\bnpm\s+(ci|install|i)\b(?!\s+-g)/.test(runs)) return 'yarn';
  return 'npm';
}

/** The script a `npm start` / `yarn start:prod` command runs, when package.json was read. */
export function scriptOf(a: Analysis): { name?: string; body?: string } {
  const [p, sub, name] = a.command;
  let script: string | undefined;
  if ((p === 'npm' || p === 'pnpm') && sub === 'start') script = 'start';
  else if ((p === 'npm' || p === 'pnpm') && sub === 'run') script = name;
  else if (p === 'yarn') script = sub === 'run' ? name : sub;
  if (!script) return {};
  return { name: script, body: a.facts?.packageJson?.scripts[script] };
}

export const node: Recipe = ({ analysis: a, buildSteps }) => {
  const image = nodeRuntimeImage(a);
  if (!image) return `no slim Node image is known for the base ${a.base.resolved}`;
  const program = a.command[0];
  if (!program) return 'the Dockerfile sets no CMD or ENTRYPOINT: the runtime stage would not know what to run';
  const script = scriptOf(a);
  const devish = (program && DEV_COMMAND.test(program)) || (script.name && DEV_COMMAND.test(script.name)) || (script.body && /^(nodemon|ts-node|next dev|vite(?!\s+preview)|ng serve)/.test(script.body));
  if (devish) return `the container runs a development command (\`${a.command.join(' ')}\`) that needs the dev dependencies and sources: a runtime stage would change how it runs`;
  const last = Math.max(...buildSteps);
  const { dir } = stepDir(a, last);
  const app = a.finalWorkdir;
  if (app === '/') return 'the app lives in / (no WORKDIR): the runtime stage could not copy it apart from the system';
  const pm = packageManager(a);
  const major = nodeMajor(a.base.tag);
  const prune = pm === 'yarn' ? 'RUN yarn install --production --ignore-scripts --prefer-offline' : pm === 'pnpm' ? 'RUN pnpm prune --prod' : major !== undefined && major < 16 ? 'RUN npm prune --production' : 'RUN npm prune --omit=dev';
  const notes = [`The build stage drops dev dependencies after the build (\`${prune.slice(4)}\`); the runtime is ${image}.`];
  // The build output: the top directory of `node <dir>/<file>` when the command (or its script) names one.
  const runs = program === 'node' ? a.command[1] : script.body ? /\bnode\s+(\S+)/.exec(script.body)?.[1] : undefined;
  const top = runs ? runs.replace(/^\.\//, '').split('/')[0] : undefined;
  const artifacts: RecipePlan['artifacts'] = [];
  if (top && runs!.includes('/') && top !== 'src' && top !== 'node_modules') {
    const out = resolvePath(top, app);
    artifacts.push({ source: joinPath(app, 'package.json'), destination: joinPath(app, 'package.json') });
    artifacts.push({ source: joinPath(app, 'node_modules'), destination: joinPath(app, 'node_modules'), producedBy: pm });
    artifacts.push({ source: out, destination: out, producedBy: 'build' });
    notes.push(`Copied: package.json, the production node_modules and the build output ${out}.`);
  } else {
    artifacts.push({ source: app, destination: app, producedBy: 'build' });
    notes.push(`The whole app directory ${app} is copied (the build output could not be told apart from the sources); dev dependencies, the npm cache and the toolchain stay behind.`);
  }
  return {
    stack: 'node',
    runtimeBase: image,
    runtimeShell: /alpine/.test(image) ? 'apk' : 'apt',
    artifacts,
    runtimeSetup: [],
    buildAdditions: [{ position: last, after: true, lines: [prune] }],
    configChanges: [],
    notes,
    placeholders: [],
  };
};

/** The directory a static server serves: the first argument that is not an option (or an option's value). */
function servedDirectory(command: string[]): string | undefined {
  const start = command[0] === 'npx' ? 2 : 1;
  const valued = new Set(['-l', '--listen', '-p', '--port', '-a', '--address', '-c', '--config', '-P', '--proxy', '-e', '--ext', '-t', '--timeout']);
  for (let i = start; i < command.length; i++) {
    const w = command[i];
    if (valued.has(w)) {
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    return w;
  }
  return undefined;
}

function guessOutput(a: Analysis): string {
  const text = a.items.map((i) => i.args).join('\n');
  if (/react-scripts|create-react-app/.test(text)) return 'build';
  return 'dist';
}

export const spa: Recipe = ({ analysis: a, buildSteps, variant }) => {
  const last = Math.max(...buildSteps);
  const program = (a.command[0] === 'npx' ? a.command[1] : a.command[0]) ?? '';
  const app = a.finalWorkdir;
  const served = STATIC_SERVERS.test(program) ? servedDirectory(a.command) : undefined;
  // `vite preview` (directly, or as the npm script the command runs) serves dist/ with vite itself.
  const script = scriptOf(a);
  const words = a.command[0] === 'npx' ? a.command.slice(1) : a.command;
  const vitePreview = (words[0] === 'vite' && words[1] === 'preview') || (!!script.body && /^vite\s+preview\b/.test(script.body));
  const placeholders = [];
  let out: string;
  if (served && served !== '.') out = resolvePath(served, app);
  else if (vitePreview) out = joinPath(app, 'dist');
  else {
    out = ARTIFACT_TOKEN;
    placeholders.push(artifactPlaceholder('the built static files', joinPath(app, guessOutput(a))));
  }
  if (variant === 'nginx') {
    return {
      stack: 'spa',
      runtimeBase: 'nginx:alpine',
      runtimeShell: 'apk',
      artifacts: [{ source: out, destination: '/usr/share/nginx/html', producedBy: 'build' }],
      runtimeSetup: [],
      buildAdditions: [],
      runConfigOverride: ['EXPOSE 80', 'CMD ["nginx", "-g", "daemon off;"]'],
      configChanges: ['cmd', 'entrypoint', 'expose', 'user', 'workdir', 'healthcheck', 'stopsignal', 'shell'],
      notes: [
        'nginx:alpine serves the build output from /usr/share/nginx/html: CMD becomes `nginx -g "daemon off;"` and the image listens on port 80 (EXPOSE 80). The original CMD/EXPOSE stay in the build stage, where they have no effect.',
        'Client-side routes need a `try_files $uri /index.html` nginx config to survive a reload.',
      ],
      placeholders,
    };
  }
  if (vitePreview) {
    const image = nodeRuntimeImage(a);
    if (!image) return `no slim Node image is known for the base ${a.base.resolved}`;
    return {
      stack: 'spa',
      runtimeBase: image,
      runtimeShell: /alpine/.test(image) ? 'apk' : 'apt',
      artifacts: [
        { source: joinPath(app, 'package.json'), destination: joinPath(app, 'package.json') },
        { source: joinPath(app, 'node_modules'), destination: joinPath(app, 'node_modules'), producedBy: packageManager(a) },
        { source: out, destination: out, producedBy: 'build' },
        // vite preview reads its config (outDir, port, base) when there is one.
        ...(a.facts?.files ?? []).filter((f) => /^vite\.config\.(js|mjs|cjs|ts|mts)$/.test(f)).map((f) => ({ source: joinPath(app, f), destination: joinPath(app, f) })),
      ],
      runtimeSetup: [],
      buildAdditions: [],
      configChanges: [],
      notes: [`${a.facts ? '' : 'If the project has a vite.config file, copy it too (the build context was not read). '}\`vite preview\` serves ${out} as before; node_modules stays (vite is a dev dependency), the sources and the build cache stay behind. The nginx variant serves ${out} without Node.`],
      placeholders,
    };
  }
  if (!STATIC_SERVERS.test(program)) {
    return `the container runs \`${a.command.join(' ') || '(nothing)'}\`, not a static file server: serving the build output changes how it runs (use the nginx variant)`;
  }
  const image = nodeRuntimeImage(a);
  if (!image) return `no slim Node image is known for the base ${a.base.resolved}`;
  const runtimeSetup: string[] = [];
  {
    // npx finds a globally installed server on PATH, so the runtime does not fetch it at start.
    const version = new RegExp(`\\b(?:npm\\s+(?:install|i)|yarn\\s+global\\s+add)\\s+(?:-g\\s+|--global\\s+)?(${escapeRegExp(program)}@\\S+)`).exec(a.items.map((i) => i.args).join('\n'))?.[1];
    runtimeSetup.push(`RUN npm install -g ${version ?? program}`);
  }
  return {
    stack: 'spa',
    runtimeBase: image,
    runtimeShell: /alpine/.test(image) ? 'apk' : 'apt',
    artifacts: [{ source: out, destination: out, producedBy: 'build' }],
    runtimeSetup,
    buildAdditions: [],
    configChanges: [],
    notes: [`The runtime is ${image} with only \`${program}\` installed, serving the build output${out === ARTIFACT_TOKEN ? '' : ` ${out}`} as before.`],
    placeholders,
  };
};
