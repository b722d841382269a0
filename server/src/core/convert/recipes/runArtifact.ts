/**
 * The labelled "build once, run the built artifact" variant, for images whose CMD/ENTRYPOINT runs the
 * toolchain itself (`cargo run`, `mvn spring-boot:run`, `mvn exec:java`, `dotnet run`, `go run`,
 * `ng serve`, `yarn dev`): the build stage builds a release artifact with the same toolchain (reusing the
 * Dockerfile's own build step when it already does), the runtime stage on the stack's small base runs it.
 * This changes how the container starts, on purpose: the plan declares the exact new CMD/ENTRYPOINT
 * (commandChange) and the validator accepts that change and nothing else. What cannot be told (a binary
 * or jar name without the manifest, a main class, a start script) is a placeholder the user confirms.
 */
import type { Analysis } from '../analyze';
import { splitWords } from '../analyze';
import type { ContextFacts, ConversionPlaceholder, StackId } from '../types';
import { ARTIFACT_TOKEN, artifactPlaceholder, BuildAddition, MAIN_CLASS_TOKEN, Recipe, RecipeInput, RecipePlan, START_SCRIPT_TOKEN } from './recipe';
import { argsOf, programOf, type ShellCommand } from '../../commands';
import { GRADLE_PROGRAMS, MAVEN_PROGRAMS, mavenPackage, runsBuildScript, runtimeImage } from '../../stacks';
import { dotnet as dotnetProfile, go as goProfile, node as nodeProfile } from '../../stacks/profiles.generated';
import { basename, commandDir, installLine, joinPath, mentions, runtimeLibraries, shellBase } from './common';
import { jreRuntime } from './java';
import { nodeRuntimeImage, packageManager, scriptOf } from './node';
import { rustRuntime } from './rust';

/** How the container starts the toolchain. */
export interface Launch {
  /** The key whose instruction holds the toolchain command (the one the variant replaces). */
  key: 'cmd' | 'entrypoint';
  /** The toolchain command's words (a `sh -c` wrapper and `exec` dropped). */
  words: string[];
  /** Arguments for the program itself (after `--`), passed on to the built artifact. */
  programArgs: string[];
}

/** The toolchain command the container runs, or why the variant cannot replace it. */
export function launchOf(a: Analysis): Launch | string {
  const c = a.stage.config;
  if (a.shellScript || a.shellPrefix) return `the command is a shell script (\`${(c.entrypoint?.value ?? '') + (c.entrypoint && c.cmd ? ' ' : '') + (c.cmd?.value ?? '')}\`): the variant replaces a single toolchain command only`;
  let words: string[];
  let key: Launch['key'] = 'cmd';
  if (c.entrypoint && c.cmd) {
    // ENTRYPOINT ["cargo", "run", "--"] + CMD [args]: the CMD stays, as the program's arguments.
    const ep = c.entrypoint.form === 'exec' && c.entrypoint.args ? c.entrypoint.args : splitWords(c.entrypoint.value);
    if (ep[ep.length - 1] !== '--') return `the CMD passes arguments to the toolchain command in the ENTRYPOINT (\`${ep.join(' ')}\`), which the built artifact would not take the same way`;
    key = 'entrypoint';
    words = a.command.slice(0, a.command.length - (c.cmd.form === 'exec' && c.cmd.args ? c.cmd.args.length : splitWords(c.cmd.value).length) - 1);
    if (!words.length) return 'the command cannot be read';
    return checkShell({ key, words, programArgs: [] }, a.execForm);
  }
  if (c.entrypoint) key = 'entrypoint';
  words = a.command;
  if (!words.length) return 'the Dockerfile sets no CMD or ENTRYPOINT';
  const dash = words.indexOf('--');
  const programArgs = dash >= 0 ? words.slice(dash + 1) : [];
  if (dash >= 0) words = words.slice(0, dash);
  return checkShell({ key, words, programArgs }, a.execForm);
}

/** Shell operators and expansions in a shell-form command; an exec-form command's words reach the program as they are. */
function checkShell(l: Launch, execForm: boolean): Launch | string {
  if (execForm) return l;
  const all = [...l.words, ...l.programArgs];
  if (all.some((w) => /^(&&|\|\||;|\||>|>>|<|&|2>&1)$/.test(w) || /;$/.test(w))) return `the command is a shell script (\`${all.join(' ')}\`): the variant replaces a single toolchain command only`;
  if (all.some((w) => /[$`]/.test(w))) return `the command expands variables at run time (\`${all.join(' ')}\`): an exec-form command would not`;
  return l;
}

/** RUN/COPY/ADD of the stage: the variant's build step goes after the last one (where the sources are). */
function lastSourceStep(a: Analysis): number | undefined {
  const xs = a.items.filter((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword)).map((i) => i.position);
  return xs.length ? Math.max(...xs) : undefined;
}

/** The build step of the Dockerfile that already builds what is needed (a command `builds` accepts), run in `dir`. */
function existingStep(a: Analysis, steps: number[], builds: (cmd: ShellCommand) => boolean, dir: string): number | undefined {
  const runs = a.items.filter((i) => i.keyword === 'RUN');
  // The detected build steps first, then a build step the stack detection did not pick (another stack won).
  for (const item of [...runs.filter((i) => steps.includes(i.position)).reverse(), ...runs.filter((i) => !steps.includes(i.position)).reverse()]) {
    if (commandDir(a, item, builds)?.dir === dir) return item.position;
  }
  return undefined;
}

/** A command that runs the package's build script or `ng build` (what `ng serve` serves). */
function ngBuild(cmd: ShellCommand): boolean {
  const args = argsOf(cmd).map((w) => w.text);
  return runsBuildScript(cmd) || (programOf(cmd) === 'ng' && args[0] === 'build') || (programOf(cmd) === 'npx' && args[0] === 'ng' && args[1] === 'build');
}

interface Parts {
  stack: StackId;
  label: string;
  runtimeBase: string;
  runtimeShell: RecipePlan['runtimeShell'];
  runtimeSetup?: string[];
  artifacts: RecipePlan['artifacts'];
  /** The build command to add (after the last RUN/COPY/ADD), when no step of the Dockerfile builds the artifact. */
  build?: string;
  command: string[];
  notes: string[];
  placeholders?: ConversionPlaceholder[];
}

function planOf(input: RecipeInput, l: Launch, p: Parts): RecipePlan | string {
  const a = input.analysis;
  const buildAdditions: BuildAddition[] = [];
  if (p.build) {
    const at = lastSourceStep(a);
    if (at === undefined) return 'the image copies no sources and runs no command: there is nothing to build';
    buildAdditions.push({ position: at, after: true, lines: [`# Added by the conversion: builds the artifact the runtime stage runs.`, `RUN ${p.build}`] });
  }
  const key = l.key === 'cmd' ? 'CMD' : 'ENTRYPOINT';
  const from = l.words.join(' ');
  const shown = p.command.join(' ');
  const notes = [
    `${key} changes: the image runs the built ${p.label} (\`${shown}\`) instead of \`${from}\`. The original ${key} stays in the build stage, where it has no effect.`,
    ...(p.build ? [`The build stage runs \`${p.build}\` after the sources are in place.`] : []),
    ...p.notes,
  ];
  return {
    stack: p.stack,
    runtimeBase: p.runtimeBase,
    runtimeShell: p.runtimeShell,
    artifacts: p.artifacts,
    runtimeSetup: p.runtimeSetup ?? [],
    buildAdditions,
    runConfigOverride: [`# Runs the built ${p.label} instead of \`${from}\` (changed by the conversion).`, `${key} [${p.command.map((w) => JSON.stringify(w)).join(', ')}]`],
    configChanges: [],
    commandChange: { from, [l.key]: p.command },
    artifactLabel: p.label,
    notes,
    placeholders: p.placeholders ?? [],
  };
}

const NOT_COPIED = 'Files the program reads from the project directory at run time (configuration, templates, static files) are not in the runtime stage: copy them there if it needs them.';

// ---------------------------------------------------------------- Rust: cargo run -> cargo build --release

function rust(input: RecipeInput, l: Launch): RecipePlan | string {
  const a = input.analysis;
  const args = l.words.slice(2);
  let bin: string | undefined;
  let pkg: string | undefined;
  let release = false;
  const buildFlags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const [flag, inline] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--release' || flag === '-r') release = true;
    else if (flag === '--bin') buildFlags.push('--bin', (bin = value()));
    else if (flag === '-p' || flag === '--package') buildFlags.push('--package', (pkg = value()));
    else if (flag === '--features' || flag === '-F') buildFlags.push('--features', value());
    else if (/^(--locked|--frozen|--offline|--all-features|--no-default-features|-q|--quiet)$/.test(flag)) buildFlags.push(flag);
    else return `\`cargo run ${args.join(' ')}\`: the option ${w} is not carried over to a release build`;
  }
  if (mentions(a, /CARGO_TARGET_DIR|--target-dir|CARGO_BUILD_TARGET\b/)) return 'the build sets its own cargo target directory: the release binary\'s path cannot be told';
  const dir = a.finalWorkdir;
  const facts = a.facts;
  const name = bin ?? (!pkg && facts?.cargoBins.length === 1 ? facts.cargoBins[0] : !pkg && facts?.cargoPackage && !facts.cargoBins.length ? facts.cargoPackage : undefined);
  const flags = buildFlags.join(' ');
  const releaseBuild = (cmd: ShellCommand) => {
    const args = argsOf(cmd).map((w) => w.text);
    return programOf(cmd) === 'cargo' && args[0] === 'build' && args.includes('--release') && buildFlags.every((f) => args.includes(f));
  };
  const reuse = existingStep(a, input.buildSteps, releaseBuild, dir);
  const placeholders: ConversionPlaceholder[] = [];
  let source: string;
  let destination: string;
  if (name) {
    source = joinPath(dir, `target/release/${name}`);
    destination = `/usr/local/bin/${name}`;
  } else {
    source = destination = ARTIFACT_TOKEN;
    placeholders.push(artifactPlaceholder('the release binary (the package or [[bin]] name in Cargo.toml)', joinPath(dir, `target/release/${pkg ?? 'app'}`)));
  }
  const notes: string[] = [];
  if (!release) notes.push('The binary is built with the release profile (`cargo run` without --release ran a debug build).');
  if (name) notes.push(`Copied: the release binary ${source}, to ${destination}.`);
  notes.push(NOT_COPIED);
  const plan = planOf(input, l, {
    stack: 'rust',
    label: 'binary',
    runtimeBase: '',
    runtimeShell: 'none',
    artifacts: [{ source, destination, producedBy: 'cargo build' }],
    build: reuse === undefined ? `cargo build --release${flags ? ` ${flags}` : ''}` : undefined,
    command: [destination, ...l.programArgs],
    notes,
    placeholders,
  });
  if (typeof plan !== 'string') return rustRuntime(a, input.needsShell, plan) ?? plan;
  return plan;
}

// ---------------------------------------------------------------- Maven: spring-boot:run -> the repackaged jar; exec:java -> classes + dependencies

function javaRuntime(a: Analysis, notes: string[]): { image: string; shell: 'apk' | 'apt' } | string {
  const jre = jreRuntime(a);
  if (typeof jre === 'string') return jre;
  notes.push(`The runtime is ${jre.image}: a JRE of the same Java version, without the JDK and Maven.`);
  return jre;
}

function maven(input: RecipeInput, l: Launch): RecipePlan | string {
  const a = input.analysis;
  const tool = l.words[0];
  const args = l.words.slice(1);
  const goal = args.find((w) => /^(spring-boot:run|exec:java|org\.springframework\.boot:spring-boot-maven-plugin(:[\w.-]+)?:run)$/.test(w));
  if (!goal) return `the container runs Maven (\`${l.words.join(' ')}\`) with no goal that starts the app (spring-boot:run, exec:java)`;
  const passed: string[] = [];
  let mainClass: string | undefined;
  for (const w of args) {
    if (w === goal) continue;
    if (/^(-q|--quiet|-B|--batch-mode|-e|--errors|-U|--update-snapshots|-o|--offline|-DskipTests(=true)?|-Dmaven\.test\.skip=true|-P\S+|-ntp|--no-transfer-progress)$/.test(w)) passed.push(w);
    else if (/^-Dexec\.mainClass=/.test(w)) mainClass = w.slice('-Dexec.mainClass='.length);
    else return `\`${l.words.join(' ')}\`: the option ${w} is not carried over (it may pass arguments or settings to the app through Maven)`;
  }
  const dir = a.finalWorkdir;
  const notes: string[] = [];
  const placeholders: ConversionPlaceholder[] = [];
  const runtime = javaRuntime(a, notes);
  if (typeof runtime === 'string') return runtime;
  const reuse = existingStep(a, input.buildSteps, (cmd) => !!mavenPackage(cmd), dir);
  const flags = passed.filter((f) => f !== '-o' && f !== '--offline').join(' ');
  const mvn = `${tool}${flags ? ` ${flags}` : ''}`;
  if (/spring-boot/.test(goal)) {
    const pom = a.facts?.pom;
    let jar: string;
    if (pom?.artifactId && pom.version && (!pom.packaging || pom.packaging === 'jar')) jar = joinPath(dir, `target/${pom.finalName ?? `${pom.artifactId}-${pom.version}`}.jar`);
    else {
      jar = ARTIFACT_TOKEN;
      placeholders.push(artifactPlaceholder('the Spring Boot jar (artifactId-version.jar in target/)', joinPath(dir, 'target/app-0.0.1-SNAPSHOT.jar')));
    }
    notes.push('`mvn package` repackages the jar with its dependencies (spring-boot-maven-plugin, the plugin `spring-boot:run` uses).', NOT_COPIED);
    return planOf(input, l, {
      stack: 'java-maven',
      label: 'jar',
      runtimeBase: runtime.image,
      runtimeShell: runtime.shell,
      artifacts: [{ source: jar, destination: jar, producedBy: 'mvn' }],
      build: reuse === undefined ? `${mvn} -DskipTests package` : undefined,
      command: ['java', '-jar', jar, ...l.programArgs],
      notes: reuse === undefined ? [...notes, 'Tests are skipped in the added build (`spring-boot:run` did not run them).'] : notes,
      placeholders,
    });
  }
  // exec:java: the compiled classes and the runtime dependencies, on a plain classpath.
  const main = mainClass ?? a.facts?.pom?.mainClass;
  if (!main) {
    placeholders.push({ token: MAIN_CLASS_TOKEN, name: 'main class', prompt: 'Fully qualified main class the app runs (exec.mainClass of pom.xml)', suggestion: 'com.example.Main' });
  }
  const copyDeps = 'dependency:copy-dependencies -DincludeScope=runtime';
  notes.push(`The build stage copies the runtime dependencies to target/dependency (\`${copyDeps}\`); the app runs from target/classes with them on the classpath, as exec:java ran it.`, NOT_COPIED);
  return planOf(input, l, {
    stack: 'java-maven',
    label: 'classes',
    runtimeBase: runtime.image,
    runtimeShell: runtime.shell,
    artifacts: [
      { source: joinPath(dir, 'target/classes'), destination: joinPath(dir, 'target/classes'), producedBy: 'mvn' },
      { source: joinPath(dir, 'target/dependency'), destination: joinPath(dir, 'target/dependency'), producedBy: 'dependency:copy-dependencies' },
    ],
    build: reuse === undefined ? `${mvn} -DskipTests package ${copyDeps}` : `${mvn} ${copyDeps}`,
    command: ['java', '-cp', `${joinPath(dir, 'target/classes')}:${joinPath(dir, 'target/dependency')}/*`, main ?? MAIN_CLASS_TOKEN, ...l.programArgs],
    notes,
    placeholders,
  });
}

// ---------------------------------------------------------------- .NET: dotnet run -> dotnet publish -c Release

function dotnet(input: RecipeInput, l: Launch): RecipePlan | string {
  const a = input.analysis;
  const args = l.words.slice(2);
  let project: string | undefined;
  const publishFlags: string[] = [];
  let configuration = 'Release';
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const [flag, inline] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--project' || flag === '-p') project = value();
    else if (flag === '-c' || flag === '--configuration') configuration = value();
    else if (flag === '-f' || flag === '--framework') publishFlags.push('-f', value());
    else if (flag === '--no-launch-profile' || flag === '--no-restore' || flag === '--no-build') continue;
    else return `\`dotnet run ${args.join(' ')}\`: the option ${w} is not carried over to a published app`;
  }
  let image: string;
  if (a.base.repository === 'dotnet/sdk' && a.base.registry === 'mcr.microsoft.com') image = runtimeImage(dotnetProfile, 'web', { tag: a.base.tag });
  else if (a.base.repository === 'microsoft/dotnet' && /sdk/.test(a.base.tag)) image = runtimeImage(dotnetProfile, 'legacy', { tag: a.base.tag.replace(/sdk/, 'aspnetcore-runtime') });
  else return `no .NET runtime image is known for the base ${a.base.resolved}`;
  const dir = a.finalWorkdir;
  if (dir === '/') return 'the app lives in / (no WORKDIR): the published app could not be copied apart from the system';
  const projectName = project && /\.(cs|fs|vb)proj$/.test(project) ? basename(project).replace(/\.(cs|fs|vb)proj$/, '') : !project && a.facts?.csproj.length === 1 ? a.facts.csproj[0].replace(/\.(cs|fs|vb)proj$/, '') : undefined;
  const placeholders: ConversionPlaceholder[] = [];
  let dll: string;
  if (projectName) dll = joinPath(dir, `${projectName}.dll`);
  else {
    dll = ARTIFACT_TOKEN;
    placeholders.push({ ...artifactPlaceholder('', joinPath(dir, 'App.dll')), prompt: `Path of the app's main .dll in the runtime stage (the publish output is copied to ${dir}; the .dll is named after the project)` });
  }
  const out = '/publish';
  const notes = [
    `The runtime is ${image}: the ASP.NET Core runtime without the SDK (it also runs console apps). The publish output ${out} is copied to ${dir}.`,
    '`dotnet run` applied Properties/launchSettings.json (its URLs and ASPNETCORE_ENVIRONMENT); the published app does not: it listens where ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS say (the image default) and runs as Production unless ENV sets otherwise.',
  ];
  return planOf(input, l, {
    stack: 'dotnet',
    label: 'app',
    runtimeBase: image,
    runtimeShell: /alpine/.test(a.base.tag) ? 'apk' : 'apt',
    artifacts: [{ source: out, destination: dir, producedBy: 'dotnet publish' }],
    build: `dotnet publish${project ? ` ${project}` : ''} -c ${configuration}${publishFlags.length ? ` ${publishFlags.join(' ')}` : ''} -o ${out}`,
    command: ['dotnet', dll, ...l.programArgs],
    notes,
    placeholders,
  });
}

// ---------------------------------------------------------------- Go: go run -> go build

function go(input: RecipeInput, l: Launch): RecipePlan | string {
  const a = input.analysis;
  const args = l.words.slice(2);
  const valued = new Set(['-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-p', '-exec', '-overlay', '-pgo']);
  const flags: string[] = [];
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    const w = args[i];
    if (w === '-exec' || w.startsWith('-exec=')) return '`go run -exec` runs the program through another command: not carried over';
    flags.push(w);
    if (valued.has(w) && i + 1 < args.length) flags.push(args[++i]);
  }
  const targets: string[] = [];
  if (i < args.length && args[i].endsWith('.go')) while (i < args.length && args[i].endsWith('.go')) targets.push(args[i++]);
  else if (i < args.length) targets.push(args[i++]);
  if (!targets.length) return '`go run` names no package or file';
  const programArgs = [...args.slice(i), ...l.programArgs];
  const cgo = mentions(a, /CGO_ENABLED[= ]+1/) || (!mentions(a, /CGO_ENABLED[= ]+0/) && a.packages.some((p) => /-dev$/.test(p) && !/^(musl-dev|libc-dev|libc6-dev|linux-headers)$/.test(p)));
  const binary = '/usr/local/bin/app';
  const quote = (w: string) => (/[\s"'$]/.test(w) ? `'${w.replace(/'/g, `'\\''`)}'` : w);
  const build = `${cgo || mentions(a, /CGO_ENABLED/) ? '' : 'CGO_ENABLED=0 '}go build ${[...flags.map(quote), '-o', binary, ...targets].join(' ')}`;
  const notes = [`The binary is built as ${binary} (a name the conversion chose: \`go run\` built an unnamed temporary one).`, NOT_COPIED];
  let runtimeBase: string;
  let runtimeShell: RecipePlan['runtimeShell'];
  const runtimeSetup: string[] = [];
  if (cgo) {
    const sh = shellBase(a);
    if (typeof sh === 'string') return sh;
    const libs = runtimeLibraries(a, sh.shell, sh.image);
    const pkgs = sh.shell === 'apt' ? ['ca-certificates', ...libs.packages] : libs.packages;
    runtimeBase = sh.image;
    runtimeShell = sh.shell;
    if (pkgs.length) runtimeSetup.push(installLine(sh.shell, pkgs));
    notes.push(`The build uses cgo, so the runtime is ${sh.image} with the C libraries it links.`);
  } else if (input.needsShell) {
    const sh = shellBase(a);
    if (typeof sh === 'string') return sh;
    runtimeBase = sh.image;
    runtimeShell = sh.shell;
    notes.push(`The binary is static (CGO_ENABLED=0); the runtime is ${sh.image}: the image needs a shell (a user, or setup commands).`);
  } else {
    runtimeBase = runtimeImage(goProfile, 'static', { debian: '12' });
    runtimeShell = 'none';
    notes.push(`The binary is static (CGO_ENABLED=0); the runtime is ${runtimeBase}: no shell, no package manager, CA certificates and time zones included.`);
  }
  return planOf(input, l, {
    stack: 'go',
    label: 'binary',
    runtimeBase,
    runtimeShell,
    runtimeSetup,
    artifacts: [{ source: binary, destination: binary, producedBy: 'go build' }],
    build,
    command: [binary, ...programArgs],
    notes,
  });
}

// ---------------------------------------------------------------- Node dev servers: ng serve -> ng build + serve; `yarn dev` -> build + start

const DEV_SCRIPT_NAME = /^(dev|develop|start:dev|serve|watch)$/;
const DEV_BODY = /^(npx\s+)?(nodemon|ts-node|ts-node-dev|next\s+dev|vite(?!\s+(build|preview))|ng\s+serve|nuxt(\s+dev)?$|vue-cli-service\s+serve|react-scripts\s+start|webpack(-dev-server|\s+serve))/;

/** What the Node.js cases share: the runtime image, the app directory, the command and the script it runs. */
interface NodeLaunch {
  image: string;
  shell: RecipePlan['runtimeShell'];
  app: string;
  /** The command's words, `npx` dropped. */
  words: string[];
  script: ReturnType<typeof scriptOf>;
  pm: ReturnType<typeof packageManager>;
  pkg: ContextFacts['packageJson'];
}

function node(input: RecipeInput, l: Launch): RecipePlan | string {
  const a = input.analysis;
  const image = nodeRuntimeImage(a);
  if (!image) return `no slim Node image is known for the base ${a.base.resolved}`;
  const app = a.finalWorkdir;
  if (app === '/') return 'the app lives in / (no WORKDIR): the runtime stage could not copy it apart from the system';
  const n: NodeLaunch = {
    image,
    shell: /alpine/.test(image) ? 'apk' : 'apt',
    app,
    words: l.words[0] === 'npx' ? l.words.slice(1) : l.words,
    script: scriptOf({ ...a, command: l.words }),
    pm: packageManager(a),
    pkg: a.facts?.packageJson,
  };
  const body = n.script.body;
  // ng serve, directly or as the script the command runs.
  const ng = n.words[0] === 'ng' && n.words[1] === 'serve' ? n.words.slice(2) : body && /^(npx\s+)?ng\s+serve\b/.test(body) ? splitWords(body.replace(/^(npx\s+)?ng\s+serve\b/, '')) : undefined;
  return ng ? ngServe(input, l, n, ng) : devServer(input, l, n);
}

/** `ng serve` -> the build output served by `serve` on the same port (the nginx variant serves it without Node). */
function ngServe(input: RecipeInput, l: Launch, n: NodeLaunch, ng: string[]): RecipePlan | string {
  const a = input.analysis;
  const { image, shell, app, words, pm, pkg } = n;
  let port = '4200';
  for (let i = 0; i < ng.length; i++) {
    const w = ng[i];
    const [flag, inline] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    if (flag === '--port') port = inline ?? ng[++i];
    else if (flag === '--host' || flag === '--poll') {
      if (inline === undefined) i++;
    }
    else if (/^(--disable-host-check|--open|-o|--live-reload|--hmr)$/.test(flag)) continue;
    else return `\`ng serve\` with ${w}: the option is not carried over to serving the build output`;
  }
  if (!/^\d+$/.test(port ?? '')) return '`ng serve --port` is not a number';
  const reuse = existingStep(a, input.buildSteps, ngBuild, app);
  const build = reuse !== undefined ? undefined : words[0] === 'ng' && l.words[0] !== 'npx' ? 'ng build' : pkg?.scripts.build ? `${pm} run build` : 'npx ng build';
  const out = ARTIFACT_TOKEN;
  return planOf(input, l, {
    stack: 'spa',
    label: 'static files',
    runtimeBase: image,
    runtimeShell: shell,
    runtimeSetup: ['RUN npm install -g serve'],
    artifacts: [{ source: out, destination: out, producedBy: 'build' }],
    build,
    command: ['serve', '-s', out, '-l', port],
    notes: [
      `The runtime is ${image} with only \`serve\` installed, serving the build output on port ${port} as \`ng serve\` did (single-page fallback to index.html). The nginx variant serves it without Node.`,
      '`ng serve` proxies and live reload are development features the served build does not have.',
    ],
    placeholders: [artifactPlaceholder('the built static files (outputPath in angular.json; dist/<project>/browser since Angular 17)', joinPath(app, `dist/${pkg?.name ?? 'app'}`))],
  });
}

/** A dev server (`next dev`, a `dev` script) -> the build, and the package's start command on the built app. */
function devServer(input: RecipeInput, l: Launch, n: NodeLaunch): RecipePlan | string {
  const a = input.analysis;
  const { image, shell, app, words, script, pm, pkg } = n;
  const body = script.body;
  const direct = words[0] === 'next' && words[1] === 'dev' ? words.slice(2) : undefined;
  const devScript = !!script.name && (DEV_SCRIPT_NAME.test(script.name) || (!!body && DEV_BODY.test(body)));
  if (!direct && !devScript) {
    if (/^(nodemon|ts-node|ts-node-dev)$/.test(words[0] ?? '')) return `\`${l.words.join(' ')}\` runs the sources directly: there is no build artifact to run instead`;
    return `the container does not run a toolchain or dev-server command (\`${l.words.join(' ')}\`): nothing for this variant to replace`;
  }
  const extra = direct ?? l.words.slice(l.words.indexOf(script.name!) + 1);
  if (extra.length) return `\`${l.words.join(' ')}\` passes options to the dev server, which the built app's start command would not take the same way`;
  if (body && /^(npx\s+)?(nodemon|ts-node|ts-node-dev)\b/.test(body)) return `the \`${script.name}\` script runs the sources directly (\`${body}\`): there is no build artifact to run instead`;
  const placeholders: ConversionPlaceholder[] = [];
  let start: string[];
  const nextDev = !!direct || (!!body && /^(npx\s+)?next\s+dev\b/.test(body));
  if (pkg?.scripts.start && !DEV_BODY.test(pkg.scripts.start)) start = pm === 'yarn' ? ['yarn', 'start'] : [pm, 'start'];
  else if (nextDev && (!pkg || !pkg.scripts.start)) start = ['npx', 'next', 'start'];
  else if (pkg && (!pkg.scripts.start || DEV_BODY.test(pkg.scripts.start)) && /\breact-scripts\s+start\b/.test(`${body ?? ''} ${pkg.scripts.start ?? ''}`)) {
    // Create React App: `react-scripts start` is the dev server, and a CRA project has no server for its build.
    return `the \`${script.name}\` script is the Create React App dev server (\`${body}\`) and package.json has no script that serves the build output: use the nginx variant, which serves the build/ directory`;
  } else {
    start = pm === 'npm' ? ['npm', 'run', START_SCRIPT_TOKEN] : [pm, START_SCRIPT_TOKEN];
    placeholders.push({ token: START_SCRIPT_TOKEN, name: 'start script', prompt: 'Script of package.json that runs the built app (usually `start`: next start, node dist/main.js ...)', suggestion: 'start' });
  }
  const reuse = existingStep(a, input.buildSteps, (cmd) => !!nodeProfile.buildCommand(cmd), app);
  let build: string | undefined;
  if (reuse === undefined) {
    if (!pkg?.scripts.build) return `no build step in the Dockerfile and no build script known${pkg ? ' in package.json' : ' (package.json was not read)'}: the built app cannot be produced`;
    build = `${pm} run build`;
  }
  return planOf(input, l, {
    stack: 'node',
    label: 'app',
    runtimeBase: image,
    runtimeShell: shell,
    artifacts: [{ source: app, destination: app, producedBy: 'build' }],
    build,
    command: start,
    notes: [
      `The runtime is ${image}; the app directory ${app} is copied with its build output and node_modules (dev dependencies kept: the start command may need them). The sources' toolchain and caches stay behind.`,
      'The dev server\'s live reload is gone: rebuild the image to pick up source changes.',
    ],
    placeholders,
  });
}

// ---------------------------------------------------------------- dispatch

export const runArtifact: Recipe = (input) => {
  const a = input.analysis;
  const l = launchOf(a);
  if (typeof l === 'string') return l;
  const w = l.words;
  const program = basename(w[0]);
  if (program === 'cargo' && w[1] === 'run') return rust(input, l);
  if (MAVEN_PROGRAMS.includes(program)) return maven(input, l);
  if (program === 'dotnet' && w[1] === 'run') return dotnet(input, l);
  if (program === 'go' && w[1] === 'run') return go(input, l);
  if (GRADLE_PROGRAMS.includes(program)) return `the container runs Gradle (\`${w.join(' ')}\`): the run-artifact variant does not cover Gradle yet (bootJar or installDist would)`;
  if (program === 'sbt') return `the container runs sbt (\`${w.join(' ')}\`): a runnable artifact needs the sbt-assembly or sbt-native-packager plugin, which the Dockerfile does not show`;
  if (/^(npm|yarn|pnpm|npx|ng|next|nodemon|ts-node|ts-node-dev)$/.test(program)) return node(input, l);
  return `the container does not run a toolchain command (\`${w.join(' ')}\`): nothing for this variant to replace`;
};
