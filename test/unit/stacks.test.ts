import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, detectProfile, dockerignoreTemplate, imageParts, PROFILES, profile, runCommands, toolchainImage } from '../../server/src/core/internal';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defineStack } from '../../server/src/core/stacks/define';
import { runtimeImage } from '../../server/src/core/stacks';
import { ROOT } from '../support/lspClient';
import { baseImageStack, buildCommandOf, dependencyInstallOf, globalInstallOf, isNodeBuild, isStackBuildPackage, javaBuildTool, javaVersionOf, jreImage, jvmBuildProgram, mavenPackage, namesFrontEndTool, namesNext, nodePackageManagerOf, PROFILES as ALL, stackLabel } from '../../server/src/core/stacks';

/** The commands of a one-RUN Dockerfile, from the command model. */
function commands(run: string) {
  const model = buildModel(`FROM scratch\nRUN ${run}\n`);
  const instruction = model.instructions.find((i) => i.getKeyword().toUpperCase() === 'RUN')!;
  return runCommands(model, instruction).commands;
}

/** The build commands the profiles find in a RUN, as `stack: shown words`. */
function builds(run: string): string[] {
  return commands(run).flatMap((c) => {
    const b = buildCommandOf(c);
    return b ? [`${b.stack}: ${b.shown}`] : [];
  });
}

/** The manifests a plain dependency install reads (manifest-first), by the first profile that knows it. */
function manifests(run: string): (string | undefined)[] {
  return commands(run).map((c) => ALL.map((p) => p.manifestInstall?.(c)).find((m) => m));
}

describe('stack profiles', () => {
  it('has one profile per id, each with detection and .dockerignore lines', () => {
    assert.equal(new Set(PROFILES.map((p) => p.id)).size, PROFILES.length);
    for (const p of PROFILES) {
      assert.ok(p.detection.manifests.length, `${p.id}: manifests`);
      assert.match(p.dockerignore[0], /^# /, `${p.id}: the .dockerignore section starts with a heading`);
      for (const [k, step] of Object.entries(p.steps)) {
        assert.match(step.phrase, /^[a-z]+s /, `${p.id}.steps.${k}: a verb phrase`);
        assert.equal(step.kind === 'compile', !!step.toolchain, `${p.id}.steps.${k}: a compile step names its toolchain`);
      }
    }
  });

  it('every runtime base a profile lists is one a conversion asks for, and only listed ones are asked for', () => {
    const dir = path.join(ROOT, 'server', 'src', 'core');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const asked = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/runtimeImage\((\w+), ([^{]+?), \{/g)) {
        const id = m[1].replace(/Profile$/, '');
        for (const key of m[2].matchAll(/'(\w+)'/g)) asked.add(`${id}.${key[1]}`);
      }
    }
    const listed = new Set(PROFILES.flatMap((p) => p.runtimeBases.map((b) => `${p.id}.${b.key}`)));
    assert.deepEqual([...listed].sort(), [...asked].sort());
    assert.equal(runtimeImage(profile('go'), 'static', { debian: '12' }), 'gcr.io/distroless/static-debian12');
    assert.throws(() => runtimeImage(profile('go'), 'static', {}), /needs a value for \{debian\}/);
    assert.throws(() => runtimeImage(profile('go'), 'shell', {}), /no runtime base 'shell'/);
  });

  it("node's dev dependency pruning by package manager and Node version", () => {
    const prune = profile('node').pruneDevDependencies!;
    assert.equal(prune('npm', 20), 'npm prune --omit=dev');
    assert.equal(prune('npm', 14), 'npm prune --production');
    assert.equal(prune('npm'), 'npm prune --omit=dev');
    assert.equal(prune('pnpm', 20), 'pnpm prune --prod');
    assert.equal(prune('yarn', 20), 'yarn install --production --ignore-scripts --prefer-offline');
    assert.equal(prune('bun', 20), undefined);
  });

  it('defineStack: what a profile leaves out is none of that kind, what it writes is kept', () => {
    const bases = [{ key: 'slim', image: 'elixir:{elixir}-slim', when: 'always' }];
    const spec = { id: 'php' as const, name: 'Minimal', detectionOrder: 99, detection: { manifests: ['mix.exs'], images: /elixir/ }, runtimeBases: bases, dockerignore: ['# Minimal'] };
    const minimal = defineStack(spec);
    assert.deepEqual(minimal.stacks, ['generic']);
    for (const list of [minimal.programs, minimal.compiled, minimal.buildPackages, minimal.sourceFiles, minimal.sourceDirs, minimal.buildCaches]) assert.deepEqual(list, []);
    assert.deepEqual(defineStack({ ...spec, runtimeBases: undefined }).runtimeBases, [], 'no conversion, no runtime bases');
    assert.deepEqual([minimal.labels, minimal.baseImages, minimal.steps], [{}, {}, {}]);
    assert.equal(minimal.buildCommand(commands('mix compile')[0]), undefined);
    assert.equal(minimal.manifestInstall, undefined);
    assert.equal(minimal.pruneDevDependencies, undefined);
    assert.equal(minimal.runtimeBases, bases);
    assert.deepEqual(defineStack({ ...spec, programs: ['mix'] }).programs, ['mix']);
    // Two profiles never share a default list: one's cannot change another's.
    assert.notEqual(defineStack(spec).programs, minimal.programs);
  });

  it('detects a context by its manifests first, in profile order, then by its base images', () => {
    assert.equal(detectProfile(['package.json', 'go.mod'], [])?.id, 'node');
    assert.equal(detectProfile(['go.mod'], ['node:20'])?.id, 'go');
    assert.equal(detectProfile(['Api.csproj'], [])?.id, 'dotnet');
    assert.equal(detectProfile(['cpanfile'], ['perl:5.40'])?.id, 'perl');
    assert.equal(detectProfile(['README.md'], ['eclipse-temurin:21-jdk'])?.id, 'java');
    assert.equal(detectProfile(['CMakeLists.txt'], ['debian:12']), undefined, 'C/C++ build files alone do not name the stack');
    assert.equal(detectProfile([], ['debian:12']), undefined);
  });

  it('builds the .dockerignore template from the profile', () => {
    const text = dockerignoreTemplate('rust');
    assert.ok(text.startsWith('# Version control and editor files\n.git\n'));
    assert.ok(text.endsWith('\n\n# Rust\ntarget\n'));
    assert.deepEqual(profile('go').dockerignore, ['# Go', 'bin', '*.test', 'coverage.out'], 'not vendor/: a vendored module builds from it');
    // What the image makes itself is named among the profile's own lines, and left out when the Dockerfile does not make it.
    for (const p of PROFILES) for (const line of Object.keys(p.dockerignoreMadeBy ?? {})) assert.ok(p.dockerignore.includes(line), `${p.id}: ${line}`);
    assert.ok(dockerignoreTemplate('rust', [], { build: false, deps: true }).endsWith('\n*.log\n\n# Not listed, as the Dockerfile does not build them (the image takes them from the build context): target\n'));
  });

  it('recognises toolchain images and names a runtime base', () => {
    const t = (repository: string, tag = 'latest', registry?: string) => toolchainImage(imageParts({ repository, tag, registry }));
    assert.equal(t('golang', '1.22')?.stack, 'go');
    assert.equal(t('library/maven', '3.9')?.label, 'Maven and a JDK');
    assert.equal(t('eclipse-temurin', '21-jdk')?.runtime, 'eclipse-temurin:<version>-jre');
    assert.equal(t('openjdk', '17-jdk')?.runtime, 'eclipse-temurin:<version>-jre');
    assert.equal(t('eclipse-temurin', '21-jre'), undefined);
    assert.equal(t('dotnet/sdk', '8.0', 'mcr.microsoft.com')?.stack, 'dotnet');
    assert.equal(t('dotnet/aspnet', '8.0', 'mcr.microsoft.com'), undefined);
    assert.equal(t('node', '20'), undefined);
  });

  it('finds build commands on the command model', () => {
    assert.ok(commands('./mvnw -B package -DskipTests').some((c) => mavenPackage(c)));
    assert.ok(!commands('mvn dependency:go-offline').some((c) => mavenPackage(c)));
    assert.ok(commands('npm run build').some(isNodeBuild));
    assert.ok(commands('npx vite build').some(isNodeBuild));
    assert.ok(!commands('npm ci --omit=dev').some(isNodeBuild));
  });

  it('gives each conversion stack one label and one profile, and orders the profiles by detectionOrder', () => {
    const covered = PROFILES.flatMap((p) => Object.keys(p.labels));
    assert.equal(new Set(covered).size, covered.length, 'a stack is labelled by one profile');
    for (const p of PROFILES) for (const s of [...Object.keys(p.labels), ...p.compiled, ...Object.values(p.baseImages)]) assert.ok(p.stacks.includes(s as never), `${p.id}: ${s} is one of its stacks`);
    assert.equal(stackLabel('java-gradle'), 'Java (Gradle)');
    assert.equal(stackLabel('spa'), 'front-end SPA');
    assert.equal(stackLabel('generic'), 'generic');
    // Ordered by detectionOrder, each order once; C/C++ last (its build files are common in any project).
    const orders = PROFILES.map((p) => p.detectionOrder);
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b));
    assert.equal(new Set(orders).size, orders.length, 'no two profiles share a detectionOrder');
    for (const id of ['node', 'go', 'python', 'java', 'rust', 'dotnet', 'ruby', 'php', 'cpp']) assert.ok(PROFILES.some((p) => p.id === id), id);
    assert.equal(PROFILES[0].id, 'node');
    assert.equal(PROFILES[PROFILES.length - 1].id, 'cpp');
  });

  it('finds build commands on the command model, not in the text', () => {
    assert.deepEqual(builds('CGO_ENABLED=0 go build -o /app ./cmd/app'), ['go: go build']);
    assert.deepEqual(builds('./mvnw -B -DskipTests package'), ['java-maven: ./mvnw -B -DskipTests package']);
    assert.deepEqual(builds('mvn dependency:go-offline'), []);
    assert.deepEqual(builds('gradle --no-daemon :app:bootJar'), ['java-gradle: gradle --no-daemon :app:bootJar']);
    assert.deepEqual(builds('npm ci && npm run build:prod'), ['node: npm run build:prod']);
    assert.deepEqual(builds('yarn install && yarn build'), ['node: yarn build']);
    assert.deepEqual(builds('npx vite build'), ['node: npx vite build']);
    assert.deepEqual(builds('python3.12 -m pip install -r requirements.txt'), ['python: python3.12 -m pip install']);
    assert.deepEqual(builds('cargo build --release'), ['rust: cargo build']);
    assert.deepEqual(builds('dotnet publish -c Release -o /out'), ['dotnet: dotnet publish']);
    assert.deepEqual(builds('sbt "project api" assembly'), ['jvm: sbt project api assembly']);
    assert.deepEqual(builds('./configure && make'), ['cpp: ./configure', 'cpp: make']);
    // Package names and quoted text are not commands.
    assert.deepEqual(builds('apt-get install -y gcc make golang'), []);
    assert.deepEqual(builds('echo "go build" > /notes'), []);
  });

  it('names the stack of a build image and the build-only OS packages', () => {
    assert.equal(baseImageStack('golang'), 'go');
    assert.equal(baseImageStack('maven'), 'java-maven');
    assert.equal(baseImageStack('sdk'), 'dotnet');
    assert.equal(baseImageStack('debian'), undefined);
    assert.equal(baseImageStack('constructor'), undefined);
    for (const p of ['build-essential', 'gcc-12', 'golang-1.21', 'openjdk-17-jdk-headless', 'dotnet-sdk-8.0', 'python3-pip', 'yarnpkg', 'cargo']) assert.ok(isStackBuildPackage(p), p);
    for (const p of ['curl', 'ca-certificates', 'openjdk-17-jre', 'python3', 'libpq5']) assert.ok(!isStackBuildPackage(p), p);
  });

  it('reads the Java version of a build image and names its JRE', () => {
    assert.equal(javaVersionOf('maven', '3-eclipse-temurin-17'), '17');
    assert.equal(javaVersionOf('openjdk', '8-jdk'), '8');
    assert.equal(javaVersionOf('openjdk', '1.8'), '8');
    assert.equal(javaVersionOf('eclipse-temurin', '21'), '21');
    assert.equal(javaVersionOf('maven', '3'), undefined);
    assert.equal(jreImage('17', false), 'eclipse-temurin:17-jre');
    assert.equal(jreImage('21', true), 'eclipse-temurin:21-jre-alpine');
  });

  it('lists sources, build caches, programs and image variants the conversion reads', () => {
    assert.ok(profile('go').sourceFiles.length && profile('java').sourceDirs.includes('target'));
    assert.ok(profile('rust').buildCaches.includes('/usr/local/cargo'));
    assert.deepEqual(profile('java').programs, ['mvn', 'mvnw', 'gradle', 'gradlew', 'sbt']);
    assert.deepEqual(profile('go').imageVariants, { images: ['golang'], variants: 'alpine' });
  });

  it('tells dependency installs from project installs and names the manifests of a plain install', () => {
    const installs = (run: string) => commands(run).map(dependencyInstallOf);
    assert.deepEqual(installs('yarn && yarn build'), ['dependencies', undefined]);
    assert.deepEqual(installs('npm install -g serve'), [undefined]);
    assert.deepEqual(installs('pip install --no-cache-dir -r requirements.txt && pip install -e .'), ['dependencies', 'project']);
    assert.deepEqual(installs('python setup.py install'), ['project']);
    assert.deepEqual(installs('poetry install --no-root && uv sync'), ['dependencies', 'dependencies']);
    assert.deepEqual(manifests('npm ci --omit=dev'), ['package*.json']);
    assert.deepEqual(manifests('yarn install --frozen-lockfile'), ['package.json yarn.lock*']);
    assert.deepEqual(manifests('pnpm i'), ['package.json pnpm-lock.yaml*']);
    assert.deepEqual(manifests('go mod download -x'), ['go.mod go.sum*']);
    assert.deepEqual(manifests('python3 -m pip install --no-cache-dir -r requirements/prod.txt'), ['requirements/prod.txt']);
    assert.deepEqual(manifests('pip install -r requirements.txt -i https://mirror'), [undefined], 'an option with a value is not a plain install');
    assert.deepEqual(manifests('npm install express'), [undefined]);
  });
});

describe('stack build steps on the command model (rules, DS201)', () => {
  it('isNodeBuild: build-like package scripts, tsc/webpack, a CLI build, directly or through npx', () => {
    const yes = (script: string) => commands(script).some(isNodeBuild);
    for (const s of ['npm run build', 'npm run build:prod', 'yarn compile', 'pnpm run dist', 'npx tsc -p .', 'webpack --mode production', 'npx ng build', 'yarn vite build', 'npm ci && npm run bundle']) assert.ok(yes(s), s);
    for (const s of ['npm ci', 'npm run test', 'echo npm run build', 'ng serve', 'npm run prebuild']) assert.ok(!yes(s), s);
  });
  it('javaBuildTool: Maven and Gradle, their wrappers, and a wrapper run through sh', () => {
    const tools = (script: string) => commands(script).map(javaBuildTool);
    assert.deepEqual(tools('mvn -B package && ./mvnw verify'), ['maven', 'maven']);
    assert.deepEqual(tools('chmod +x gradlew && sh ./gradlew build && gradle test'), [undefined, 'gradle', 'gradle']);
    assert.deepEqual(tools('echo mvn'), [undefined]);
  });
});

describe('stack facts the conversion reads from the command model', () => {
  it('reads global installs through sudo and quotes, not local ones', () => {
    assert.deepEqual(commands(`sudo npm install -g "serve@14" pm2 && npm i --global nodemon && yarn global add 'http-server' && npm install express`).map(globalInstallOf), [['serve@14', 'pm2'], ['nodemon'], ['http-server'], undefined]);
  });
  it('tells the package manager a command uses or installs', () => {
    assert.deepEqual(commands('corepack prepare pnpm@8 --activate && npm i -g yarn && npm ci && echo yarn-is-not-used').map(nodePackageManagerOf), ['pnpm', 'yarn', 'npm', undefined]);
  });
  it('names front-end tools and Next.js in command words, not in longer names', () => {
    const words = (run: string) => commands(run).flatMap((c) => c.words.map((w) => w.text));
    assert.equal(namesFrontEndTool(words('npm i -g @angular/cli@17 && npx ng build --prod')), true);
    assert.equal(namesFrontEndTool(words('node_modules/.bin/vite build')), true);
    assert.equal(namesFrontEndTool(words('echo vitest && ng serve && cp vite.config.js /x')), false);
    assert.equal(namesNext(words('npm run build && npx next build')), true);
    assert.equal(namesNext(words('echo next-steps')), false);
  });
  it('tells sbt and javac builds apart from the JVM stack', () => {
    assert.deepEqual(commands('sbt clean stage && javac -d out Main.java && java -jar x.jar').map(jvmBuildProgram), ['sbt', 'javac', undefined]);
  });
});
