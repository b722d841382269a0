/**
 * Single-stage -> multi-stage conversions: for each stack three real-shaped inputs (plain, with a
 * dependency manifest, with unusual config) and their expected output checked in under
 * test/fixtures/convert/ (`UPDATE_FIXTURES=1` rewrites them; review the diff). The validator is applied to
 * each, conversions are deterministic and idempotent (a converted file offers nothing).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  buildModel,
  conversionsFor,
  CONVERSION_LIMITS,
  convertToMultiStage,
  nameStage,
  splitDevBuildRuntime,
  switchBaseImage,
  convertToNginx,
  gatherContextFacts,
  isConversion,
  MemoryFileSystemHost,
  validateConversion,
} from '../../server/src/core/internal';
import { assertMatchesExpected, converted, reasonOf } from '../support/conversions';
import { df, fixture, FIXTURES } from '../support/fixtures';

const CASES: [string, string][] = [
  ['go', 'go'],
  ['node', 'node'],
  ['spa', 'spa'],
  ['python', 'python'],
  ['maven', 'java-maven'],
  ['gradle', 'java-gradle'],
  ['rust', 'rust'],
  ['dotnet', 'dotnet'],
  ['cpp', 'cpp'],
  ['generic', 'generic'],
];
const VARIANTS = ['plain', 'manifest', 'unusual'];

describe('convert to multi-stage: fixtures per stack', () => {
  for (const [prefix, stack] of CASES) {
    for (const variant of VARIANTS) {
      const name = `convert/${prefix}-${variant}.Dockerfile`;
      it(`${prefix} ${variant}`, () => {
        const input = fixture(name);
        const model = buildModel(input);
        const c = converted(convertToMultiStage(model));
        assert.equal(c.stack, stack);
        const expectedFile = path.join(FIXTURES, name.replace(/\.Dockerfile$/, '.expected.Dockerfile'));
        assertMatchesExpected(expectedFile, c.text);
        // The validator, applied again from outside, accepts it.
        const v = validateConversion(model, c);
        assert.deepEqual(v.issues, []);
        assert.ok(v.valid);
        // Multi-stage: a named build stage and a final stage that copies from it.
        const out = buildModel(c.text);
        assert.ok(out.stages.length >= 2);
        assert.ok(out.stages[0].name, 'the build stage is named');
        assert.ok(out.finalStage!.references.some((r) => r.kind === 'copy' && r.target === 0), 'the final stage copies from the build stage');
        // Deterministic, and idempotent: the output offers nothing more.
        assert.equal(converted(convertToMultiStage(buildModel(input))).text, c.text);
        assert.match(reasonOf(convertToMultiStage(out)), /already multi-stage/);
      });
    }
  }
});

describe('convert to multi-stage: what the final stage keeps', () => {
  it('keeps the runtime config exactly: CMD, ENTRYPOINT, ENV, USER, WORKDIR, HEALTHCHECK, STOPSIGNAL, LABEL, EXPOSE', () => {
    const c = converted(convertToMultiStage(buildModel(fixture('convert/node-unusual.Dockerfile'))));
    const before = buildModel(fixture('convert/node-unusual.Dockerfile')).finalStage!.config;
    const after = buildModel(c.text).finalStage!.config;
    assert.deepEqual(after.entrypoint?.args, before.entrypoint?.args);
    assert.deepEqual(after.cmd?.args, before.cmd?.args);
    assert.equal(after.user?.value, 'node');
    assert.equal(after.workdir?.value, before.workdir?.value);
    assert.equal(after.healthcheck?.value, before.healthcheck?.value);
    assert.equal(after.stopsignal?.value, 'SIGINT');
    assert.deepEqual([...after.labels.keys()], [...before.labels.keys()]);
    assert.deepEqual(after.expose.map((e) => e.value), ['8080']);
  });

  it('keeps every comment and the parser directive at the top', () => {
    const input = fixture('convert/go-unusual.Dockerfile');
    const c = converted(convertToMultiStage(buildModel(input)));
    assert.ok(c.text.startsWith('# syntax=docker/dockerfile:1\nARG GO_VERSION=1.22\n'));
    for (const line of input.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(c.text.includes(line), line);
  });

  it('Go: static binary on distroless with CGO_ENABLED=0; cgo builds get a glibc base with the linked runtime library', () => {
    const plain = converted(convertToMultiStage(buildModel(fixture('convert/go-plain.Dockerfile'))));
    assert.match(plain.text, /^ENV CGO_ENABLED=0$/m);
    assert.match(plain.text, /^FROM gcr\.io\/distroless\/static-debian12$/m);
    const cgo = converted(convertToMultiStage(buildModel(fixture('convert/go-unusual.Dockerfile'))));
    assert.match(cgo.text, /^FROM debian:bookworm-slim$/m);
    assert.match(cgo.text, /libsqlite3-0/);
    assert.doesNotMatch(cgo.text, /CGO_ENABLED=0/);
  });

  it('a named USER created by the Dockerfile is created in the runtime stage too, which then needs a shell base', () => {
    const c = converted(convertToMultiStage(buildModel(fixture('convert/gradle-unusual.Dockerfile'))));
    const finalPart = c.text.slice(c.text.indexOf('# Runtime stage'));
    assert.match(finalPart, /RUN addgroup -S spring && adduser -S spring -G spring/);
    assert.match(finalPart, /^FROM eclipse-temurin:17-jre-alpine$/m);
  });

  it('the golang image default WORKDIR /go is made explicit, and said so', () => {
    const c = converted(convertToMultiStage(buildModel(df('FROM golang', 'COPY hello.go .', 'RUN go build hello.go', 'CMD ["./hello"]'))));
    assert.match(c.text, /^WORKDIR \/go$/m);
    assert.match(c.text, /COPY --from=build \/go\/hello \/go\/hello/);
    assert.ok(c.notes.some((n) => n.includes('WORKDIR /go')));
  });

  it('a bare command moved onto PATH says so', () => {
    const c = converted(convertToMultiStage(buildModel(fixture('convert/rust-manifest.Dockerfile'))));
    assert.match(c.text, /COPY --from=build \/usr\/local\/cargo\/bin\/myapp \/usr\/local\/bin\/myapp/);
    assert.ok(c.notes.some((n) => /moved/.test(n)));
  });

  it('keeps CRLF line endings', () => {
    const input = fixture('convert/go-plain.Dockerfile').replace(/\n/g, '\r\n');
    const c = converted(convertToMultiStage(buildModel(input)));
    assert.ok(!/[^\r]\n/.test(c.text), 'every line break is CRLF');
    assert.ok(c.text.endsWith('\r\n'));
  });
});

describe('convert to multi-stage: placeholders, the nginx variant, refusals', () => {
  it('asks for an artifact path it cannot determine, and validates with the confirmed value', () => {
    const model = buildModel(fixture('convert/generic-unusual.Dockerfile'));
    const c = converted(convertToMultiStage(model));
    assert.equal(c.placeholders.length, 1);
    assert.ok(c.text.includes(c.placeholders[0].token));
    assert.ok(c.validation.unverified.some((u) => /to be confirmed/.test(u)));
    const confirmed = converted(convertToMultiStage(model, { values: { [c.placeholders[0].token]: '/bin/collector' } }));
    assert.deepEqual(confirmed.placeholders, []);
    assert.match(confirmed.text, /^COPY --from=build \/bin\/collector \/bin\/collector$/m);
  });

  it('SPA: the nginx variant changes CMD/EXPOSE and says so; the default keeps the original server', () => {
    const model = buildModel(fixture('convert/spa-plain.Dockerfile'));
    const nginx = converted(convertToNginx(model));
    assert.equal(nginx.kind, 'multiStageNginx');
    assert.match(nginx.text, /^FROM nginx:alpine$/m);
    assert.match(nginx.text, /COPY --from=build \/app\/build \/usr\/share\/nginx\/html/);
    assert.ok(nginx.configChanges.includes('cmd') && nginx.configChanges.includes('expose'));
    assert.ok(nginx.notes.some((n) => /CMD/.test(n) && /EXPOSE 80/.test(n)));
    assert.match(nginx.title, /changes CMD\/EXPOSE/);
    const plain = converted(convertToMultiStage(model));
    assert.match(plain.text, /CMD \["serve", "-s", "build"\]\s*$/);
    assert.match(reasonOf(convertToNginx(buildModel(fixture('convert/go-plain.Dockerfile')))), /front-end/);
  });

  it('refuses what would change how the container runs, or has nothing to split', () => {
    const cases: [string, RegExp][] = [
      [df('FROM rust:1.78', 'COPY . .', 'RUN cargo build --release', 'CMD ["cargo", "run"]'), /toolchain/],
      [df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm install && npm run build', 'CMD ["npm", "run", "dev"]'), /development command/],
      [df('FROM maven:3.9-eclipse-temurin-17', 'COPY . /app', 'WORKDIR /app', 'RUN mvn package', 'CMD ["mvn", "spring-boot:run"]'), /build tool/],
      [df('FROM alpine:3.20', 'RUN apk add --no-cache wrk', 'CMD ["wrk"]'), /^the container runs `wrk`, which the Dockerfile installs as a package: a package or service image/],
      [df('FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'RUN pip install -r requirements.txt', 'CMD ["python", "app.py"]'), /would not make it smaller/],
      [fixture('multistage-go.Dockerfile'), /already multi-stage/],
      [df('FROM scratch', 'COPY app /app'), /scratch/],
      [df('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN msbuild'), /Windows/],
      ['', /no FROM/],
      ['FROM golang\0\0', /not a Dockerfile/],
    ];
    for (const [text, re] of cases) assert.match(reasonOf(convertToMultiStage(buildModel(text))), re, text);
  });

  it('computes no conversion past CONVERSION_LIMITS, and says so for every kind', () => {
    const go = fixture('convert/go-plain.Dockerfile');
    const padded = (size: number) => go.replace(/\n/, `\n# ${'x'.repeat(size - go.length - 3)}\n`);
    const under = buildModel(padded(CONVERSION_LIMITS.maxLength));
    assert.equal(under.text.length, CONVERSION_LIMITS.maxLength);
    assert.ok(isConversion(convertToMultiStage(under)), 'a file at the limit is converted');
    const over = buildModel(padded(CONVERSION_LIMITS.maxLength + 1));
    const list = conversionsFor(over, { kinds: ['multiStage', 'multiStageNginx', 'multiStageRunArtifact', 'devBuildRuntime', 'switchBase', 'nameStage', 'extractBase'] });
    assert.deepEqual(list.offered, []);
    assert.equal(list.skipped.length, 7);
    for (const s of list.skipped) assert.match(s.reason, /too large to convert/, s.kind);
    assert.match(reasonOf(nameStage(over, 0)), /too large to convert/);
    assert.match(reasonOf(switchBaseImage(over, 0)), /too large to convert/);
  });
});

describe('convert: build-context facts through the FileSystemHost', () => {
  it('reads package.json scripts, go.mod and pom.xml through the injected host', async () => {
    const host = new MemoryFileSystemHost({
      '/p/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node build/server.js', build: 'tsc' }, dependencies: { express: '4' }, devDependencies: { typescript: '5' } }),
      '/p/package-lock.json': '{}',
      '/g/go.mod': 'module example.com/tools/relay\n\ngo 1.22\n',
      '/j/pom.xml': '<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.2.0</version></parent><artifactId>orders</artifactId><version>1.4.2</version></project>',
    });
    const node = await gatherContextFacts(host, '/p');
    assert.deepEqual(node.packageJson?.scripts.start, 'node build/server.js');
    assert.deepEqual(node.lockFiles, ['package-lock.json']);
    const n = converted(convertToMultiStage(buildModel(fixture('convert/node-manifest.Dockerfile')), { context: node }));
    assert.match(n.text, /^RUN npm prune --omit=dev$/m, 'package.json was read and its start script needs no dev dependency');
    assert.match(n.text, /^COPY --from=build \/app \/app$/m, 'the whole app directory, with the build output');

    const go = await gatherContextFacts(host, '/g');
    assert.equal(go.goModule, 'example.com/tools/relay');
    const g = converted(convertToMultiStage(buildModel(df('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build', 'ENTRYPOINT ["/src/relay"]')), { context: go }));
    assert.match(g.text, /COPY --from=build \/src\/relay \/src\/relay/);

    const java = await gatherContextFacts(host, '/j');
    assert.deepEqual(java.pom, { artifactId: 'orders', version: '1.4.2', packaging: undefined, finalName: undefined });
    const empty = await gatherContextFacts(host, '/missing');
    assert.equal(empty.packageJson, undefined);
  });
});

describe('the conversion validator', () => {
  const model = buildModel(fixture('convert/go-unusual.Dockerfile'));
  const good = converted(convertToMultiStage(model));
  const check = (text: string, artifacts = good.artifacts) => validateConversion(model, { ...good, text, artifacts });

  it('accepts the conversion', () => assert.ok(check(good.text).valid));

  it('rejects a changed runtime config', () => {
    const v = check(good.text.replace('CMD ["--port", "9000"]', 'CMD ["--port", "9001"]'));
    assert.ok(!v.valid);
    assert.ok(v.issues.some((i) => i.check === 'runtimeConfig' && /CMD/.test(i.message)));
    assert.ok(!check(good.text.replace(/^USER store\n(?![\s\S]*^USER store)/m, '')).valid, 'USER dropped from the final stage');
  });

  it('rejects an unresolved stage reference', () => {
    const v = check(good.text.replace('COPY --from=build', 'COPY --from=biuld'));
    assert.ok(v.issues.some((i) => i.check === 'references'));
    assert.ok(check(good.text.replace('COPY --from=build', 'COPY --from=7')).issues.some((i) => i.check === 'references'));
  });

  it('rejects a missing original instruction or comment', () => {
    assert.ok(check(good.text.replace('RUN go mod download\n', '')).issues.some((i) => i.check === 'instructions'));
    assert.ok(check(good.text.replace('# cgo: the sqlite driver links libsqlite3\n', '')).issues.some((i) => i.check === 'comments'));
  });

  it('rejects an artifact that nothing in the build stage produces', () => {
    const v = check(good.text, [{ stage: 'build', source: '/app/bin/store', destination: '/app/bin/store', producedBy: 'cargo build' }]);
    assert.ok(v.issues.some((i) => i.check === 'artifacts'));
  });

  it('rejects output that does not parse', () => {
    assert.ok(check(`${good.text}FROM\n`).issues.some((i) => i.check === 'parse'));
  });
});

describe('convert: SPA served by vite preview', () => {
  it('keeps serving dist with vite (node_modules kept), copies vite.config when the context has one', async () => {
    const text = df('FROM node:20', 'WORKDIR /app', 'COPY package.json ./', 'RUN npm install', 'COPY . .', 'RUN npm run build', 'EXPOSE 4173', 'CMD ["npm", "run", "preview"]');
    const host = new MemoryFileSystemHost({
      '/spa/package.json': JSON.stringify({ scripts: { build: 'vite build', preview: 'vite preview --port 4173' }, devDependencies: { vite: '5' } }),
      '/spa/vite.config.ts': 'export default {}',
    });
    const context = await gatherContextFacts(host, '/spa');
    const c = converted(convertToMultiStage(buildModel(text), { context }));
    assert.equal(c.stack, 'spa');
    const finalPart = c.text.slice(c.text.indexOf('# Runtime stage'));
    assert.match(finalPart, /^FROM node:20-slim$/m);
    for (const p of ['package.json', 'node_modules', 'dist', 'vite.config.ts']) assert.match(finalPart, new RegExp(`^COPY --from=build /app/${p.replace('.', '\\.')} /app/${p.replace('.', '\\.')}$`, 'm'));
    assert.doesNotMatch(c.text, /npm prune/, 'vite is a dev dependency: no prune');
    const nginx = converted(convertToNginx(buildModel(text), { context }));
    assert.match(nginx.text, /^COPY --from=build \/app\/dist \/usr\/share\/nginx\/html$/m);
  });
});

describe('convert: ARGs, health checks and shells', () => {
  it('re-declares a stage ARG the final stage uses, and not one it does not', () => {
    const text = df('FROM golang:1.22', 'ARG VERSION=1.0', 'ARG GOFLAGS=-trimpath', 'WORKDIR /src', 'COPY . .', 'RUN go build -ldflags "-X main.version=$VERSION" -o /out/app .', 'LABEL version=$VERSION', 'ENTRYPOINT ["/out/app"]');
    const c = converted(convertToMultiStage(buildModel(text)));
    const finalPart = c.text.slice(c.text.indexOf('# Runtime stage'));
    assert.match(finalPart, /^ARG VERSION=1\.0$/m);
    assert.doesNotMatch(finalPart, /GOFLAGS/);
    assert.equal(buildModel(c.text).finalStage!.config.labels.get('version')?.value, '$VERSION');
  });

  it('a HEALTHCHECK with curl gets curl in the runtime image; `sh -c` commands get a shell base', () => {
    const curl = converted(convertToMultiStage(buildModel(df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o api .', 'HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1', 'CMD ["./api"]'))));
    assert.match(curl.text, /^FROM debian:bookworm-slim$/m, 'golang:1.22 is built on bookworm');
    assert.match(curl.text, /apt-get install -y --no-install-recommends curl/);
    const sh = converted(convertToMultiStage(buildModel(df('FROM golang:1.22-alpine', 'WORKDIR /app', 'COPY . .', 'RUN go build -o api .', 'CMD ["sh", "-c", "./api --port $PORT"]'))));
    assert.match(sh.text, /^FROM alpine:3\.20$/m);
  });
});

describe('convert: names with regular-expression characters', () => {
  it('never throws on program names like `[` or `a+b` (they are matched literally)', () => {
    for (const text of ['FROM g\nRUN go build\nCMD [', 'FROM golang:1.22\nRUN go build -o /x/a+b .\nRUN cp /x/a+b /usr/local/bin\nCMD ["a+b"]\n', 'FROM node:20\nRUN npm i -g c++@1\nRUN npm run build\nCMD ["c++"]\n']) {
      const model = buildModel(text);
      assert.doesNotThrow(() => convertToMultiStage(model), text);
      assert.doesNotThrow(() => splitDevBuildRuntime(model), text);
      assert.doesNotThrow(() => conversionsFor(model), text);
    }
  });
});

describe('multi-stage conversion: what it reads from the RUNs (command model)', () => {
  const convert = (runs: string, base = 'node:20') => converted(convertToMultiStage(buildModel(`FROM ${base}\nWORKDIR /app\nCOPY . .\n${runs}\nRUN npm run build\nCMD ["node", "dist/index.js"]\n`)));

  it('names the reordered install as written: continuation lines joined, exec form as its words', () => {
    const note = (install: string) => convert(install).notes.find((n) => n.startsWith('The dependency manifest')) ?? '';
    assert.match(note('RUN npm ci \\\n    --no-audit   "--omit=dev"'), /`npm ci --no-audit "--omit=dev"` runs before the sources/);
    assert.match(note('RUN ["npm", "ci"]'), /`npm ci` runs before the sources/);
  });
});
