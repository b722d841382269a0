/**
 * Node.js back ends with a build step, and front-end SPAs: the runtime is the same Node version's -slim
 * (or the same -alpine) image with production dependencies only; an SPA is served the way the original
 * served it (`serve`, `http-server`, an installed nginx ...), or, as the explicitly labelled variant, by nginx.
 */
import type { Analysis } from '../analyze';
import { commandsOf, isCleanupOnly, isRuntimeSetup } from '../analyze';
import { globalInstallOf, nodePackageManagerOf, runsBuildScript, runtimeImage, slimTag, SPA_SERVERS } from '../../stacks';
import { packageInstallsOf } from '../soundness';
import { node as nodeProfile } from '../../stacks/profiles.generated';
import { resolvePath } from '../layout';
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe, RecipeInput, RecipePlan } from './recipe';
import { codenameOf, commandDir, hasToolchain, joinPath } from './common';
import { argsOf, commandsOfScript, programOf, type ShellCommand } from '../../commands';
import { escapeRegExp } from '../../text';

const DEV_COMMAND = /^(nodemon|ts-node|ts-node-dev|vite|ng|nuxt|next)$|^(dev|serve|watch|start:dev|develop)$/;
/** The static file servers of the node profile that run on Node (nginx is served by its own image). */
const STATIC_SERVERS = SPA_SERVERS.filter((s) => s !== 'nginx');

/** The same Node version's small variant: `18` -> `18-slim`, `18-alpine` stays, `latest` -> `slim` (stacks/variants.ts). */
export function nodeRuntimeImage(a: Analysis): string | undefined {
  if (a.base.short !== 'node') return undefined;
  const prefix = a.base.registry ? `${a.base.registry}/${a.base.repository}` : a.base.repository;
  const tag = slimTag('node', a.base.tag);
  return tag === undefined ? undefined : runtimeImage(nodeProfile, 'slim', { image: prefix, slim: tag });
}

function nodeMajor(tag: string): number | undefined {
  const m = /^(\d+)/.exec(tag);
  return m ? Number(m[1]) : undefined;
}

export function packageManager(a: Analysis): 'npm' | 'yarn' | 'pnpm' {
  const commands = a.items.filter((i) => i.keyword === 'RUN').flatMap((i) => commandsOf(a, i));
  const used = commands.map(nodePackageManagerOf);
  if (used.includes('pnpm')) return 'pnpm';
  // `npm ci` next to a global `npm i -g yarn`: npm installs the app's dependencies.
  const npmInstalls = commands.some((cmd) => programOf(cmd) === 'npm' && ['ci', 'install', 'i'].includes(argsOf(cmd)[0]?.text ?? '') && !globalInstallOf(cmd));
  if (used.includes('yarn') && !npmInstalls) return 'yarn';
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

/**
 * Whether dev dependencies may be pruned: only when package.json was read and neither the command nor the
 * script it runs names a dev dependency (or another script, whose needs are not followed).
 */
export function pruneStep(a: Analysis, pm: 'npm' | 'yarn' | 'pnpm'): { line?: string; note: string } {
  const pkg = a.facts?.packageJson;
  if (!pkg) return { note: 'Dev dependencies are kept in node_modules: package.json was not read, so whether the start command needs one cannot be told.' };
  const script = scriptOf(a);
  if (script.name && script.body === undefined && script.name !== 'start') return { note: `Dev dependencies are kept in node_modules: package.json has no \`${script.name}\` script to tell what the start command needs.` };
  const text = `${a.command.join(' ')} ${script.body ?? ''}`;
  if (script.body && /\b(npm|yarn|pnpm|npx)\b/.test(script.body)) return { note: `Dev dependencies are kept in node_modules: the \`${script.name}\` script runs \`${script.body}\`, whose needs are not followed.` };
  const used = pkg.devDependencies.filter((d) => new RegExp(`(^|[\\s/'"=])${escapeRegExp(d)}($|[\\s/'"@])`).test(text));
  if (used.length) return { note: `Dev dependencies are kept in node_modules: the start command uses ${used.join(', ')}, a dev dependency.` };
  const major = nodeMajor(a.base.tag);
  const line = `RUN ${nodeProfile.pruneDevDependencies!(pm, major)}`;
  return { line, note: `The build stage drops dev dependencies (\`${line.slice(4)}\`): package.json was read and the start command (\`${a.command.join(' ')}\`${script.body ? `, \`${script.body}\`` : ''}) names none. Assumed: the app does not require a dev dependency at run time.` };
}

/**
 * Where dev dependencies are pruned: after the last RUN of the build stage (not only the build step), since a
 * later RUN (`npm run seed`, tests, a script) may need them.
 */
export function prunePosition(a: Analysis, buildSteps: number[]): number {
  return Math.max(...buildSteps, ...a.items.filter((i) => i.keyword === 'RUN' && !isRuntimeSetup(a, i) && !isCleanupOnly(a, i)).map((i) => i.position));
}

/** Packages installed globally (`npm install -g`, `yarn global add`): installed again in a Node runtime. */
export function globalPackages(a: Analysis): string[] {
  const names = a.items.filter((i) => i.keyword === 'RUN').flatMap((i) => commandsOf(a, i).flatMap((cmd) => globalInstallOf(cmd) ?? []));
  return [...new Set(names)];
}

function withGlobals(a: Analysis, plan: RecipePlan): RecipePlan {
  const globals = globalPackages(a);
  if (globals.length) {
    plan.runtimeSetup.push(`RUN npm install -g ${globals.join(' ')}`);
    plan.notes.push(`The runtime installs the global packages the Dockerfile installs (${globals.join(', ')}): they live outside the app directory.`);
  }
  return plan;
}

/**
 * The dependency install steps of a Node app run in the app directory: npm ci/install, yarn, pnpm install, also
 * with package names (`npm install express`: no package.json needed, the packages land in ./node_modules).
 * Global installs (-g) are not the app's dependencies.
 */
export function nodeInstallSteps(a: Analysis): number[] {
  return a.items.filter((i) => i.keyword === 'RUN' && commandsOf(a, i).some((cmd) => nodeProfile.dependencyInstall!(cmd) === 'dependencies')).map((i) => i.position);
}

/** A Node server without a build step (`npm ci`, `node server.js`): the same Node version's slim image with the app and its dependencies. */
export const nodeServer: Recipe = ({ analysis: a, buildSteps }) => {
  const image = nodeRuntimeImage(a);
  if (!image) return `no slim Node image is known for the base ${a.base.resolved}`;
  if (!a.command.length) return 'the Dockerfile sets no CMD or ENTRYPOINT: the runtime stage would not know what to run';
  const script = scriptOf(a);
  const program = a.command[0];
  if (DEV_COMMAND.test(program) || (script.name && DEV_COMMAND.test(script.name)) || (script.body && /^(nodemon|ts-node|next dev|vite|ng serve)/.test(script.body))) return `the container runs a development command (\`${a.command.join(' ')}\`) that needs the dev dependencies and sources: a runtime stage would change how it runs`;
  const app = a.finalWorkdir;
  if (app === '/') return 'the app lives in / (no WORKDIR): the runtime stage could not copy it apart from the system';
  if (image === a.base.resolved && !hasToolchain(a)) return `already on ${a.base.resolved} and installs no build tools: a second stage would not make it smaller`;
  const pm = packageManager(a);
  const prune = pruneStep(a, pm);
  return withGlobals(a, {
    stack: 'node',
    runtimeBase: image,
    runtimeShell: /alpine/.test(image) ? 'apk' : 'apt',
    artifacts: [{ source: app, destination: app, producedBy: pm }],
    runtimeSetup: [],
    buildAdditions: prune.line ? [{ position: prunePosition(a, buildSteps), after: true, lines: [prune.line] }] : [],
    configChanges: [],
    notes: [`The runtime is ${image} (the same Node version and Debian release, without the compilers and headers of the full image); the app directory ${app} is copied with its node_modules.`, prune.note],
    placeholders: [],
  });
};

export const node: Recipe = ({ analysis: a, buildSteps }) => {
  const image = nodeRuntimeImage(a);
  if (!image) return `no slim Node image is known for the base ${a.base.resolved}`;
  const program = a.command[0];
  if (!program) return 'the Dockerfile sets no CMD or ENTRYPOINT: the runtime stage would not know what to run';
  const script = scriptOf(a);
  const devish = (program && DEV_COMMAND.test(program)) || (script.name && DEV_COMMAND.test(script.name)) || (script.body && /^(nodemon|ts-node|next dev|vite(?!\s+preview)|ng serve)/.test(script.body));
  if (devish) return `the container runs a development command (\`${a.command.join(' ')}\`) that needs the dev dependencies and sources: a runtime stage would change how it runs`;
  const app = a.finalWorkdir;
  if (app === '/') return 'the app lives in / (no WORKDIR): the runtime stage could not copy it apart from the system';
  const pm = packageManager(a);
  const prune = pruneStep(a, pm);
  const notes = [`The runtime is ${image}.`, prune.note];
  // The build output: the top directory of `node <dir>/<file>` when the command (or its script) names one.
  const runs = program === 'node' ? a.command[1] : script.body ? /\bnode\s+(\S+)/.exec(script.body)?.[1] : undefined;
  const top = runs ? runs.replace(/^\.\//, '').split('/')[0] : undefined;
  const artifacts: RecipePlan['artifacts'] = [{ source: app, destination: app, producedBy: 'build' }];
  notes.push(`The whole app directory ${app} is copied: the build output${top && runs!.includes('/') ? ` (${resolvePath(top, app)})` : ''}, node_modules and the files the app may read next to them (views, public files, configuration); the toolchain of the full image stays behind.`);
  return withGlobals(a, {
    stack: 'node',
    runtimeBase: image,
    runtimeShell: /alpine/.test(image) ? 'apk' : 'apt',
    artifacts,
    runtimeSetup: [],
    buildAdditions: prune.line ? [{ position: prunePosition(a, buildSteps), after: true, lines: [prune.line] }] : [],
    configChanges: [],
    notes,
    placeholders: [],
  });
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

/** The build script's output directory by tool: react-scripts -> build, next export -> out, ng build -> dist/<project>, vite and the rest -> dist. */
function guessOutput(a: Analysis): string {
  const pkg = a.facts?.packageJson;
  // The words of each RUN's commands, of the other instructions, and of the build script's commands.
  const script = commandsOfScript(pkg?.scripts.build ?? '').map((c) => c.words.map((w) => w.text));
  const lists = [...a.items.map((i) => (i.keyword === 'RUN' ? commandsOf(a, i).flatMap((cmd) => cmd.words.map((w) => w.text)) : i.args.split(/[\s"',[\]]+/))), ...script];
  const has = (test: (words: string[], k: number) => boolean) => lists.some((words) => words.some((_, k) => test(words, k)));
  if (has((w, k) => /^(react-scripts|create-react-app)(@|$)/.test(w[k]))) return 'build';
  if (has((w, k) => w[k] === 'next' && w[k + 1] === 'export')) return 'out';
  if (has((w, k) => w[k] === 'ng' && w[k + 1] === 'build')) return `dist/${pkg?.name ?? 'app'}`;
  return 'dist';
}

/**
 * The output directory when the build script fixes it: `react-scripts build` always writes build/ (unless the
 * Dockerfile sets BUILD_PATH). Other tools read a config file (vite.config, angular.json, next.config) that may move it.
 */
function knownOutput(a: Analysis): string | undefined {
  const build = a.facts?.packageJson?.scripts.build;
  if (!build || !/^(npx\s+)?react-scripts\s+build\s*$/.test(build)) return undefined;
  if (a.items.some((i) => /\bBUILD_PATH\b/.test(i.args))) return undefined;
  if (!a.items.some((i) => i.keyword === 'RUN' && commandsOf(a, i).some(runsBuildScript))) return undefined;
  return 'build';
}

const WEB_ROOT = /^\/(var\/www\/html|usr\/share\/nginx\/html)\/?$/;

/** The nginx image that serves the build output: Debian-based for Debian builds (the same release when the tag names it), alpine for alpine builds. */
export function nginxImage(a: Analysis): string {
  const release = codenameOf(a.base.tag);
  return runtimeImage(nodeProfile, 'nginx', { nginx: a.base.family === 'alpine' ? 'alpine' : release ? `stable-${release}` : 'stable' });
}

/** The RUN that copies the build output into a web server's root (`cp -r dist/* /var/www/html/`), with the directory it copies. */
export function webRootCopy(a: Analysis): { position: number; dir: string; only: boolean } | undefined {
  const copies = (cmd: ShellCommand) => ['cp', 'mv', 'rsync'].includes(cmd.words[0]?.text ?? '');
  for (const item of a.items) {
    if (item.keyword !== 'RUN') continue;
    const commands = commandsOf(a, item);
    const found = commandDir(a, item, copies);
    if (!found) continue;
    for (const cmd of commands.slice(commands.indexOf(found.cmd))) {
      const words = cmd.words.map((w) => w.text).filter((w) => !w.startsWith('-'));
      if (!copies(cmd) || words.length !== 3 || !WEB_ROOT.test(words[2])) continue;
      const source = words[1].replace(/\/(\*|\.)?$/, '');
      if (/[*?$]/.test(source)) continue;
      return { position: item.position, dir: resolvePath(source, found.dir), only: commands.length === 1 };
    }
  }
  return undefined;
}

const WEB_SERVER_PACKAGES = /^(nginx|nginx-\S+|apache2|lighttpd)$/;

/** RUNs that only install a web server package (apt-get update/install nginx, list cleanup): dead once nginx is the runtime image. */
export function webServerInstalls(a: Analysis): number[] {
  return a.items
    .filter((i) => i.keyword === 'RUN')
    .filter((i) => {
      const pkgs = packageInstallsOf(a, i).flatMap((x) => (x.manager === 'yum' ? ['yum'] : x.packages));
      const listCleanup = (cmd: ShellCommand) => programOf(cmd) === 'rm' && argsOf(cmd).every((w) => w.text.startsWith('-') || /^\/var\/(lib\/apt\/lists|cache\/apk)/.test(w.text));
      return pkgs.length > 0 && pkgs.every((p) => WEB_SERVER_PACKAGES.test(p)) && commandsOf(a, i).every((cmd) => ['apt-get', 'apt', 'apk'].includes(programOf(cmd)) || listCleanup(cmd));
    })
    .map((i) => i.position);
}

/** Where the SPA's build output is, as far as the Dockerfile and the build context tell (else a placeholder). */
function spaOutput(a: Analysis, program: string, served: string | undefined, vitePreview: boolean, variant: RecipeInput['variant']) {
  const app = a.finalWorkdir;
  const webRoot = webRootCopy(a);
  const placeholders: ReturnType<typeof artifactPlaceholder>[] = [];
  const notes: string[] = [];
  let out: string;
  if (served && served !== '.') out = resolvePath(served, app);
  else if (vitePreview) out = joinPath(app, 'dist');
  else if (webRoot && (variant === 'nginx' || program === 'nginx')) out = webRoot.dir;
  else if (variant === 'nginx' && knownOutput(a)) {
    out = joinPath(app, knownOutput(a)!);
    notes.push(`The build output is ${out}: package.json's build script is \`${a.facts!.packageJson!.scripts.build}\`, which writes build/.`);
  } else {
    out = ARTIFACT_TOKEN;
    placeholders.push(artifactPlaceholder('the built static files', joinPath(app, guessOutput(a))));
  }
  return { out, placeholders, notes, webRoot };
}

/** The labelled nginx variant: the nginx image serves the build output; what only the single image needed is left out. */
function spaOnNginx(a: Analysis, buildSteps: number[], output: ReturnType<typeof spaOutput>): RecipePlan {
  const { out, placeholders, notes, webRoot } = output;
  // What only the old single image needed once nginx is the runtime image: the web server's install and the copy into its root.
  const dead = [...webServerInstalls(a), ...(webRoot?.only ? [webRoot.position] : [])].filter((p) => !buildSteps.includes(p));
  const deadNote = dead.length ? [`Left out of the build stage: the web server install and the copy into its root (${dead.map((p) => `line ${a.items.find((i) => i.position === p)!.instruction.getRange().start.line + 1}`).join(', ')}); the nginx image serves the files instead.`] : [];
  const image = nginxImage(a);
  return {
    stack: 'spa',
    runtimeBase: image,
    runtimeShell: /alpine/.test(image) ? 'apk' : 'apt',
    artifacts: [{ source: out, destination: '/usr/share/nginx/html', producedBy: 'build' }],
    runtimeSetup: [],
    buildAdditions: [],
    runConfigOverride: ['EXPOSE 80', 'CMD ["nginx", "-g", "daemon off;"]'],
    configChanges: ['cmd', 'entrypoint', 'expose', 'user', 'workdir', 'healthcheck', 'stopsignal', 'shell'],
    notes: [
      `${image} serves the build output from /usr/share/nginx/html: CMD becomes \`nginx -g "daemon off;"\` and the image listens on port 80 (EXPOSE 80). The original CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK and STOPSIGNAL are left out.`,
      ...(image === 'nginx:alpine' ? [] : ['A Debian-based nginx image, like the build (nginx:alpine is the smaller choice when nothing else needs glibc).']),
      ...notes,
      ...deadNote,
      'Client-side routes need a `try_files $uri /index.html` nginx config to survive a reload.',
    ],
    placeholders,
    dropped: dead,
  };
}

/** `vite preview` serves the build output with vite itself: node_modules stays, the sources stay behind. */
function spaOnVitePreview(a: Analysis, output: ReturnType<typeof spaOutput>): RecipePlan | string {
  const { out, placeholders } = output;
  const app = a.finalWorkdir;
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

/** A static file server that runs on Node (`serve`, `http-server` ...): the slim Node image with only that server installed. */
function spaOnStaticServer(a: Analysis, program: string, output: ReturnType<typeof spaOutput>): RecipePlan | string {
  const { out, placeholders } = output;
  const image = nodeRuntimeImage(a);
  if (!image) return `no slim Node image is known for the base ${a.base.resolved}`;
  // npx finds a globally installed server on PATH, so the runtime does not fetch it at start.
  const installs = a.items.filter((i) => i.keyword === 'RUN').flatMap((i) => commandsOf(a, i).flatMap((cmd) => globalInstallOf(cmd) ?? (programOf(cmd) === 'npm' && ['install', 'i'].includes(argsOf(cmd)[0]?.text ?? '') ? argsOf(cmd).slice(1).map((w) => w.text) : [])));
  const version = installs.find((w) => w.startsWith(`${program}@`));
  return {
    stack: 'spa',
    runtimeBase: image,
    runtimeShell: /alpine/.test(image) ? 'apk' : 'apt',
    artifacts: [{ source: out, destination: out, producedBy: 'build' }],
    runtimeSetup: [`RUN npm install -g ${version ?? program}`],
    buildAdditions: [],
    configChanges: [],
    notes: [`The runtime is ${image} with only \`${program}\` installed, serving the build output${out === ARTIFACT_TOKEN ? '' : ` ${out}`} as before.`],
    placeholders,
  };
}

export const spa: Recipe = ({ analysis: a, buildSteps, variant }) => {
  const program = (a.command[0] === 'npx' ? a.command[1] : a.command[0]) ?? '';
  const served = STATIC_SERVERS.includes(program) ? servedDirectory(a.command) : undefined;
  // `vite preview` (directly, or as the npm script the command runs) serves dist/ with vite itself.
  const script = scriptOf(a);
  const words = a.command[0] === 'npx' ? a.command.slice(1) : a.command;
  const vitePreview = (words[0] === 'vite' && words[1] === 'preview') || (!!script.body && /^vite\s+preview\b/.test(script.body));
  const output = spaOutput(a, program, served, vitePreview, variant);
  if (variant === 'nginx') return spaOnNginx(a, buildSteps, output);
  if (program === 'nginx') {
    if (!output.webRoot) return 'the container runs nginx, but no RUN copies the build output into its web root: the files to serve cannot be told';
    return `the container runs nginx installed into ${a.base.resolved}: the nginx image that would serve the build output starts nginx with its own ENTRYPOINT and STOPSIGNAL, so only the labelled nginx variant, which says so, serves it`;
  }
  if (vitePreview) return spaOnVitePreview(a, output);
  if (!STATIC_SERVERS.includes(program)) {
    return `the container runs \`${a.command.join(' ') || '(nothing)'}\`, not a static file server: serving the build output changes how it runs (use the nginx variant)`;
  }
  return spaOnStaticServer(a, program, output);
};
