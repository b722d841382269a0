/**
 * Conversions that are sound or refused, per failure class of issue 16 (core/convert/soundness.ts and the
 * recipes it guards): minimal Dockerfiles with context facts; each asserts the exact refusal reason or the
 * exact lines of the output that matter.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, ContextFacts, convertToMultiStage, convertToNginx, convertToRunArtifact, splitDevBuildRuntime } from '../../server/src/core/internal';
import { converted, reasonOf } from '../support/conversions';
import { df } from '../support/fixtures';
import { analyseForConversion } from '../../server/src/core/internal';
import { packageInstallsOf, writtenPaths } from '../../server/src/core/convert/soundness';

const lines = (text: string) => text.split('\n');
const finalStage = (text: string) => text.slice(text.lastIndexOf('\nFROM '));
const buildStage = (text: string) => text.slice(0, text.lastIndexOf('\nFROM '));
const facts = (over: Partial<ContextFacts>): ContextFacts => ({ lockFiles: [], cargoBins: [], csproj: [], files: [], dirs: [], ...over });
const pkg = (scripts: Record<string, string>, dependencies: string[], devDependencies: string[]): ContextFacts['packageJson'] => ({ scripts, dependencies, devDependencies });

describe('class 1: package and service images are not taken for app builds', () => {
  it('refuses nginx installed from apt with an entrypoint from the context', () => {
    const m = buildModel(df('FROM debian:bookworm-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*', 'COPY docker-entrypoint.sh /', 'ENTRYPOINT ["/docker-entrypoint.sh"]', 'CMD ["nginx", "-g", "daemon off;"]'));
    const reason = 'the container runs `nginx`, which the Dockerfile installs as a package: a package or service image (the package and its configuration are the product), not an app build';
    assert.equal(reasonOf(convertToMultiStage(m)), reason);
    assert.equal(reasonOf(convertToRunArtifact(m)), reason, 'the variant refuses for the same reason');
  });
  it('refuses an image that builds something but runs a package it installs', () => {
    const m = buildModel(df('FROM debian:bookworm', 'RUN apt-get update && apt-get install -y gcc make redis-server', 'COPY . /src', 'RUN make -C /src', 'CMD ["redis-server"]'));
    assert.equal(reasonOf(convertToMultiStage(m)), 'the container runs `redis-server`, which the Dockerfile installs as a package: a package or service image (the package and its configuration are the product), not an app build');
  });
});

describe('class 2: runtime needs move with the runtime', () => {
  it('installs runtime packages again, repeats context files copied outside the app directory', () => {
    const m = buildModel(df('FROM python:3.12', 'WORKDIR /src', 'RUN apt-get update && apt-get install -y --no-install-recommends git gcc && rm -rf /var/lib/apt/lists/*', 'COPY fixtures /fixtures', 'COPY . .', 'RUN pip install --no-cache-dir .', 'CMD ["myapp", "--fixtures", "/fixtures"]'));
    const out = finalStage(converted(convertToMultiStage(m)).text);
    assert.ok(lines(out).includes('RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*'), out);
    assert.ok(lines(out).includes('COPY fixtures /fixtures'), out);
  });
  it('moves the RUN that creates the user USER names, and refuses when that RUN also builds', () => {
    const moved = buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o /app/server .', 'RUN useradd -r app && mkdir -p /var/run/app && chown app /var/run/app', 'USER app', 'CMD ["/app/server"]'));
    const out = finalStage(converted(convertToMultiStage(moved)).text);
    assert.ok(lines(out).includes('RUN useradd -r app && mkdir -p /var/run/app && chown app /var/run/app'), out);
    assert.ok(lines(out).includes('FROM debian:bookworm-slim'), out);
    const mixed = buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o /app/server . && useradd -r app', 'USER app', 'CMD ["/app/server"]'));
    assert.equal(reasonOf(convertToMultiStage(mixed)), 'USER app is created by the RUN on line 4, which also does build work: the runtime stage would not have the user');
  });
  it('refuses a build RUN that writes a directory the runtime needs', () => {
    const m = buildModel(df('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /usr/local/bin/app . && mkdir -p /var/lib/app', 'CMD ["app"]'));
    assert.equal(reasonOf(convertToMultiStage(m)), 'the RUN on line 4 writes /var/lib/app, which the runtime stage would not have (it copies /usr/local/bin/app, /src)');
  });
});

describe('class 3: app assets stay', () => {
  it('copies the app directory again from the context when it may hold assets (http.Dir("web"))', () => {
    const m = buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o server .', 'CMD ["./server"]'));
    const ctx = facts({ files: ['go.mod', 'main.go'], dirs: ['web'], goModule: 'example.com/site' });
    const out = finalStage(converted(convertToMultiStage(m, { context: ctx })).text);
    assert.deepEqual(lines(out).filter((l) => l.startsWith('COPY')), ['COPY . .', 'COPY --from=build /app/server /app/server']);
  });
  it('copies only the binary when the context holds nothing but Go sources', () => {
    const m = buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o server .', 'CMD ["./server"]'));
    const ctx = facts({ files: ['go.mod', 'main.go'], dirs: [], goModule: 'example.com/site' });
    const out = finalStage(converted(convertToMultiStage(m, { context: ctx })).text);
    assert.deepEqual(lines(out).filter((l) => l.startsWith('COPY')), ['COPY --from=build /app/server /app/server']);
  });
});

describe('class 4: dev dependencies are pruned only when package.json says the start command needs none', () => {
  const file = df('FROM node:22', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm install', 'COPY . .', 'RUN npm run build', 'EXPOSE 4173', 'CMD ["npm", "run", "preview", "--", "--host"]');
  it('keeps dev dependencies when package.json was not read', () => {
    const c = converted(convertToMultiStage(buildModel(file)));
    assert.ok(!/prune/.test(c.text), c.text);
    assert.ok(c.notes.includes('Dev dependencies are kept in node_modules: package.json was not read, so whether the start command needs one cannot be told.'));
  });
  it('keeps them when the start script uses a dev dependency', () => {
    const ctx = facts({ packageJson: pkg({ build: 'tsc', preview: 'vite preview' }, ['express'], ['vite', 'typescript']) });
    const c = converted(convertToMultiStage(buildModel(file), { context: ctx }));
    assert.ok(!/prune/.test(c.text), c.text);
  });
  it('prunes them when package.json was read and the start command names none', () => {
    const ctx = facts({ packageJson: pkg({ build: 'tsc', start: 'node dist/server.js' }, ['express'], ['typescript']) });
    const m = buildModel(df('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN npm run build', 'CMD ["npm", "start"]'));
    assert.ok(lines(converted(convertToMultiStage(m, { context: ctx })).text).includes('RUN npm prune --omit=dev'));
  });
});

describe('class 5: no glob destinations', () => {
  it('copies a jar named by a pattern into its directory', () => {
    const m = buildModel(df('FROM gradle:8-jdk17', 'WORKDIR /app', 'COPY . .', 'RUN gradle bootJar', 'CMD java -jar /app/build/libs/*.jar'));
    const out = finalStage(converted(convertToMultiStage(m)).text);
    assert.ok(lines(out).includes('COPY --from=build /app/build/libs/*.jar /app/build/libs/'), out);
    assert.ok(!/COPY \S+ \S*\*\S*$/m.test(out.replace(/^COPY --from=build (\S+) /gm, 'COPY ')), out);
  });
});

describe('class 6: tool images are not rewritten', () => {
  it('refuses an image whose command is a shell', () => {
    const m = buildModel(df('FROM golang:1.22', 'RUN go install example.com/tools/lint@v1.0.0', 'WORKDIR /workspace', 'CMD ["bash"]'));
    assert.equal(reasonOf(convertToMultiStage(m)), 'the container starts a shell (`bash`): a tool or CI image whose toolchain is the product, not an app build');
  });
  it('refuses an image without a command', () => {
    const m = buildModel(df('FROM golang:1.22', 'RUN go install example.com/tools/release@v2.0.0'));
    assert.equal(reasonOf(convertToMultiStage(m)), 'the image sets no CMD or ENTRYPOINT: a base or tool image, not an app whose runtime can be told apart');
  });
  it('refuses an image that runs make', () => {
    const m = buildModel(df('FROM gcc:13', 'COPY . /src', 'RUN make -C /src tools', 'ENTRYPOINT ["make"]'));
    assert.equal(reasonOf(convertToMultiStage(m)), 'the container runs the build tool `make`: a tool or packaging image whose toolchain is the product, not an app build');
  });
});

describe('class 7: versions, releases and stage contents', () => {
  it('refuses when the Java version cannot be read, keeps it when it can', () => {
    const unknown = buildModel(df('FROM maven:3', 'WORKDIR /app', 'COPY . .', 'RUN mvn package', 'CMD ["java", "-jar", "target/app.jar"]'));
    assert.equal(reasonOf(convertToMultiStage(unknown)), "the Java version of maven:3 is not named in its tag: the runtime JRE must be the build's major version (pin it, e.g. maven:3-eclipse-temurin-17)");
    const eight = buildModel(df('FROM maven:3-jdk-8', 'WORKDIR /app', 'COPY . .', 'RUN mvn package', 'CMD ["java", "-jar", "target/app.jar"]'));
    assert.ok(lines(converted(convertToMultiStage(eight)).text).includes('FROM eclipse-temurin:8-jre'));
  });
  it('keeps the Debian release of the toolchain; refuses when the tag does not tell it', () => {
    const go = buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o server .', 'USER nobody', 'CMD ./server'));
    assert.ok(lines(converted(convertToMultiStage(go)).text).includes('FROM debian:bookworm-slim'));
    const rust = buildModel(df('FROM rust:latest', 'WORKDIR /app', 'COPY . .', 'RUN cargo build --release', 'CMD ["./target/release/app"]'));
    assert.equal(reasonOf(convertToMultiStage(rust)), 'the Debian release of rust:latest is not named in its tag (add -bookworm or -trixie to the FROM): the runtime base must be the same release');
  });
  it('runs apt-get update before a moved RUN that installs without it', () => {
    const m = buildModel(df('FROM golang:1.22-bookworm', 'RUN apt-get update', 'WORKDIR /app', 'COPY . .', 'RUN go build -o server .', 'RUN apt-get install -y tzdata', 'CMD ./server'));
    const out = lines(finalStage(converted(convertToMultiStage(m)).text));
    assert.ok(out.indexOf('RUN apt-get update') >= 0 && out.indexOf('RUN apt-get update') < out.indexOf('RUN apt-get install -y tzdata'), out.join('\n'));
  });
  it('leaves ENV and USER after the build out of the build stage', () => {
    const m = buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o server .', 'ENV PORT=8080', 'USER 1000', 'CMD ["./server"]'));
    const text = converted(convertToMultiStage(m)).text;
    assert.ok(!/^(ENV PORT=8080|USER 1000)$/m.test(buildStage(text)), text);
    assert.ok(lines(finalStage(text)).includes('ENV PORT=8080') && lines(finalStage(text)).includes('USER 1000'), text);
  });
  it('keeps the pip install in the dev stage of a Python split', () => {
    const m = buildModel(df('FROM python:3.11', 'WORKDIR /app', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt', 'COPY . .', 'CMD ["python", "app.py"]'));
    const text = converted(splitDevBuildRuntime(m)).text;
    const dev = text.slice(0, text.indexOf('FROM dev AS build'));
    assert.ok(lines(dev).includes('RUN pip install -r requirements.txt'), text);
  });
  it('copies only the scripts pip added to /usr/local/bin and checks native libraries', () => {
    const m = buildModel(df('FROM python:3.11', 'WORKDIR /app', 'COPY . .', 'RUN pip install -r requirements.txt', 'CMD ["gunicorn", "app:app"]'));
    const out = lines(finalStage(converted(convertToMultiStage(m)).text));
    assert.ok(out.includes('COPY --from=build /tmp/pip-bin/ /usr/local/bin/'), out.join('\n'));
    assert.ok(!out.includes('COPY --from=build /usr/local/bin /usr/local/bin'));
    assert.ok(out.some((l) => l.startsWith('RUN libs=$(find /usr/local/lib/python3.11/site-packages') && l.includes("if find /usr/local/lib/python3.11/site-packages -name '*.so*' -exec env LD_LIBRARY_PATH=\"$libs\" ldd {} +")), out.join('\n'));
  });
});

describe('class 8: a Node server without a build step gets a slim runtime', () => {
  const file = df('FROM node:20', 'WORKDIR /usr/src/app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'EXPOSE 3000', 'CMD ["node", "server.js"]');
  it('offers node:20-slim with production dependencies', () => {
    const ctx = facts({ packageJson: pkg({}, ['express'], ['nodemon']), lockFiles: ['package-lock.json'] });
    const c = converted(convertToMultiStage(buildModel(file), { context: ctx }));
    assert.deepEqual(lines(c.text).filter((l) => /^(FROM|RUN npm|COPY --from)/.test(l)), ['FROM node:20 AS build', 'RUN npm ci', 'RUN npm prune --omit=dev', 'FROM node:20-slim', 'COPY --from=build /usr/src/app /usr/src/app']);
  });
  it('the run-artifact variant and dev/build/runtime do not contradict the default', () => {
    const m = buildModel(file);
    assert.equal(reasonOf(convertToRunArtifact(m)), 'the container does not run a toolchain command (`node server.js`): nothing for this variant to replace');
    assert.equal(reasonOf(splitDevBuildRuntime(m)), 'the Node app has no build step: a dev stage would hold the whole build (the multi-stage conversion applies)');
  });
  it('a toolchain-at-start refusal mentions the run-artifact variant only when it is offered', () => {
    const sbt = buildModel(df('FROM sbtscala/scala-sbt:eclipse-temurin-17.0.8_1.9.6_3.3.1', 'WORKDIR /app', 'COPY . .', 'CMD ["sbt", "run"]'));
    assert.ok(!/run-artifact variant/.test(reasonOf(convertToMultiStage(sbt))));
  });
});

describe('class 9: SPA served by nginx', () => {
  const file = df('FROM node:20-bookworm', 'RUN apt-get update && apt-get install -y nginx', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build', 'RUN cp -r dist/* /var/www/html/', 'EXPOSE 80', 'CMD ["nginx", "-g", "daemon off;"]');
  it('the default refuses (the nginx image starts differently) and points to the variant, which is offered', () => {
    assert.equal(reasonOf(convertToMultiStage(buildModel(file))), 'the container runs nginx installed into node:20-bookworm: the nginx image that would serve the build output starts nginx with its own ENTRYPOINT and STOPSIGNAL, so only the labelled nginx variant, which says so, serves it');
    const c = converted(convertToNginx(buildModel(file)));
    assert.ok(!/apt-get install -y nginx|cp -r dist/.test(c.text), c.text);
    assert.deepEqual(lines(finalStage(c.text)).filter((l) => /^(FROM|WORKDIR|COPY|EXPOSE|CMD)/.test(l)), ['FROM nginx:stable-bookworm', 'WORKDIR /app', 'COPY --from=build /app/dist /usr/share/nginx/html', 'EXPOSE 80', 'CMD ["nginx", "-g", "daemon off;"]']);
  });
  it('the nginx variant reads the artifact from the cp command and leaves the old EXPOSE/CMD out', () => {
    const c = converted(convertToNginx(buildModel(file)));
    assert.equal(c.placeholders.length, 0);
    assert.ok(!/^(EXPOSE|CMD)/m.test(buildStage(c.text)), c.text);
    assert.ok(lines(c.text).includes('FROM nginx:stable-bookworm'));
  });
  it('alpine builds stay on nginx:alpine', () => {
    const alpine = file.replace('FROM node:20-bookworm', 'FROM node:20-alpine').replace('apt-get update && apt-get install -y nginx', 'apk add --no-cache nginx');
    assert.ok(lines(converted(convertToNginx(buildModel(alpine))).text).includes('FROM nginx:alpine'));
  });
});

describe('soundness reads RUN on the command model (quoting, sudo, && chains, heredocs)', () => {
  const analysed = (...lines: string[]) => {
    const a = analyseForConversion(buildModel(df(...lines)));
    if (typeof a === 'string') throw new Error(a);
    return a;
  };
  const runs = (a: Exclude<ReturnType<typeof analyseForConversion>, string>) => a.items.filter((i) => i.keyword === 'RUN');

  it('follows cd, quotes, sudo and redirections for the paths a RUN writes', () => {
    const a = analysed('FROM debian:bookworm', 'WORKDIR /app', `RUN cd /srv && sudo mkdir "data dir" && echo 'x > /not/a/file' > "/etc/app.conf" && cp a.txt '/opt/b' && curl -o /opt/tool https://x 2>/dev/null`);
    assert.deepEqual(writtenPaths(runs(a)[0], a), ['/srv/data dir', '/etc/app.conf', '/opt/b', '/opt/tool']);
  });
  it('reads the commands of a heredoc RUN and the file a `cat > f <<EOF` writes (not its body)', () => {
    const a = analysed('FROM debian:bookworm', 'RUN <<EOF', 'mkdir -p /var/lib/app', 'cat > /etc/app.ini <<INI', 'touch /not/run', 'INI', 'EOF');
    assert.deepEqual(writtenPaths(runs(a)[0], a), ['/var/lib/app', '/etc/app.ini']);
  });
  it('does not take a mkdir the same RUN builds into, nor words inside quotes, for writes', () => {
    const a = analysed('FROM debian:bookworm', 'WORKDIR /src', 'RUN mkdir build && cd build && cmake .. && echo "mkdir /x; touch /y"');
    assert.deepEqual(writtenPaths(runs(a)[0], a), []);
  });
  it('reads package installs through sudo, flags with values and an apk virtual package', () => {
    const a = analysed('FROM alpine:3.20', 'RUN sudo apk add --no-cache --virtual .deps gcc musl-dev "libpq" && apk add -X https://x curl', 'RUN apt-get -o Dpkg::Options::=--force-confnew install -y tzdata=2024a-1 ./local.deb');
    assert.deepEqual(packageInstallsOf(a, runs(a)[0]), [
      { manager: 'apk', packages: ['gcc', 'musl-dev', 'libpq'], virtual: '.deps' },
      { manager: 'apk', packages: ['curl'], virtual: undefined },
    ]);
    assert.deepEqual(packageInstallsOf(a, runs(a)[1]), [{ manager: 'apt', packages: ['tzdata=2024a-1'], virtual: undefined }]);
    const quoted = analysed('FROM debian:bookworm', 'RUN echo "apt-get install foo" && apt-get install -y bar');
    assert.deepEqual(packageInstallsOf(quoted, runs(quoted)[0]), [{ manager: 'apt', packages: ['bar'], virtual: undefined }]);
  });
  it('finds the RUN that creates the USER with sudo, quotes and a name that is a prefix of another', () => {
    const m = buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', "RUN go build -o /app/server . && sudo useradd -r 'appuser'", 'USER app', 'CMD ["/app/server"]'));
    assert.equal(reasonOf(convertToMultiStage(m)), 'USER app is not created in the Dockerfile (it comes with golang:1.22); debian:bookworm-slim is not known to have it');
    const quoted = buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', "RUN go build -o /app/server . && sudo useradd -r 'app'", 'USER app', 'CMD ["/app/server"]'));
    assert.equal(reasonOf(convertToMultiStage(quoted)), 'USER app is created by the RUN on line 4, which also does build work: the runtime stage would not have the user');
  });
});

describe('C/C++ conversions read the install on the command model', () => {
  it('takes the prefix and the build tool through quotes and sudo, not from package names', () => {
    const m = buildModel(df('FROM gcc:13-bookworm', 'WORKDIR /src', 'COPY . .', 'RUN apt-get install -y gcc && "./configure" --prefix "/opt/app" && sudo make -j4 && sudo make install-strip', 'CMD ["app"]'));
    const o = converted(convertToMultiStage(m));
    assert.equal(o.placeholders[0]?.suggestion, '/opt/app/bin/app');
    assert.equal(o.artifacts[0]?.producedBy, './configure');
  });
  it('copies /usr/local after `make install` with the default prefix', () => {
    const m = buildModel(df('FROM gcc:13-bookworm', 'WORKDIR /src', 'COPY . .', 'RUN cmake -DCMAKE_INSTALL_PREFIX=/usr/local . && make install', 'CMD ["app"]'));
    assert.deepEqual(converted(convertToMultiStage(m)).artifacts.map((x) => x.source), ['/usr/local']);
  });
});
