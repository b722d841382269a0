/**
 * The labelled "build once, run the built artifact" variant (kind multiStageRunArtifact) for images whose
 * CMD/ENTRYPOINT runs the toolchain itself. Per stack three inputs (plain, with the build context read,
 * unusual config) and their expected output under test/fixtures/convert/runartifact-* (`UPDATE_FIXTURES=1`
 * rewrites them; review the diff). Each is checked by the validator, which must accept exactly the declared
 * CMD/ENTRYPOINT change and nothing else; the default conversion refuses every one of these inputs.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  buildModel,
  ContextFacts,
  conversionsFor,
  convertToMultiStage,
  convertToRunArtifact,
  gatherContextFacts,
  isConversion,
  MemoryFileSystemHost,
  validateConversion,
} from '../../server/src/core/internal';
import { assertMatchesExpected, converted, reasonOf } from '../support/conversions';
import { df, fixture, FIXTURES } from '../support/fixtures';

/** The build context each `manifest` fixture is converted with (read through the injected host). */
const CONTEXTS: Record<string, Record<string, string>> = {
  rust: { '/ctx/Cargo.toml': '[package]\nname = "guess"\nversion = "0.1.0"\n\n[dependencies]\nrand = "0.8"\n', '/ctx/Cargo.lock': '' },
  maven: { '/ctx/pom.xml': '<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.2.0</version></parent><artifactId>orders</artifactId><version>1.4.2</version><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>' },
  dotnet: { '/ctx/Worker.csproj': '<Project Sdk="Microsoft.NET.Sdk.Worker"></Project>' },
  go: { '/ctx/go.mod': 'module example.com/relay\n\ngo 1.22\n' },
  node: { '/ctx/package.json': JSON.stringify({ name: 'shop', scripts: { dev: 'next dev', build: 'next build', start: 'next start' }, dependencies: { next: '14', react: '18' } }), '/ctx/package-lock.json': '{}' },
};

/** [fixture prefix, stack]. */
const CASES: [string, string][] = [
  ['rust', 'rust'],
  ['maven', 'java-maven'],
  ['dotnet', 'dotnet'],
  ['go', 'go'],
  ['node', 'node'],
];
const VARIANTS = ['plain', 'manifest', 'unusual'];

async function contextFor(prefix: string, variant: string): Promise<ContextFacts | undefined> {
  if (variant !== 'manifest') return undefined;
  return gatherContextFacts(new MemoryFileSystemHost(CONTEXTS[prefix]), '/ctx');
}

describe('run-artifact variant: fixtures per stack', () => {
  for (const [prefix, stack] of CASES) {
    for (const variant of VARIANTS) {
      const name = `convert/runartifact-${prefix}-${variant}.Dockerfile`;
      it(`${prefix} ${variant}`, async () => {
        const input = fixture(name);
        const model = buildModel(input);
        const context = await contextFor(prefix, variant);
        // Why the variant exists: the default conversion refuses to change how the container runs.
        assert.ok(!isConversion(convertToMultiStage(model, { context })), 'the default conversion refuses it');
        const c = converted(convertToRunArtifact(model, { context }));
        assert.equal(c.kind, 'multiStageRunArtifact');
        // The key that changes is the one that started the toolchain.
        const key = model.finalStage!.config.entrypoint ? 'ENTRYPOINT' : 'CMD';
        if (!(prefix === 'node' && variant === 'unusual')) assert.equal(c.stack, stack);
        const expectedFile = path.join(FIXTURES, name.replace(/\.Dockerfile$/, '.expected.Dockerfile'));
        assertMatchesExpected(expectedFile, c.text);
        // Labelled: the title and a note say which key changes and what it ran before.
        const from = c.commandChange!.from;
        assert.ok(c.title.includes(`changes ${key}: runs the built`), c.title);
        assert.ok(c.title.includes(`instead of \`${from}\``), c.title);
        assert.ok(c.notes.some((n) => n.startsWith(`${key} changes:`) && n.includes(`instead of \`${from}\``)), c.notes.join('\n'));
        // The validator, applied again from outside, accepts it; the declared change is the final stage's command.
        const v = validateConversion(model, c);
        assert.deepEqual(v.issues, []);
        const out = buildModel(c.text);
        const cfg = out.finalStage!.config;
        const declared = key === 'CMD' ? c.commandChange!.cmd : c.commandChange!.entrypoint;
        const actual = key === 'CMD' ? cfg.cmd : cfg.entrypoint;
        assert.deepEqual(actual?.args, declared);
        // Only that key: the other one is as it was, and the original instruction stays in the build stage.
        const other = key === 'CMD' ? 'entrypoint' : 'cmd';
        assert.equal(c.commandChange![other], undefined);
        assert.deepEqual(cfg[other]?.value, model.finalStage!.config[other]?.value);
        assert.ok(out.stages[0].instructions.some((i) => i.getKeyword() === key), 'the original command stays in the build stage');
        assert.ok(out.finalStage!.references.some((r) => r.kind === 'copy' && r.target === 0), 'the final stage copies from the build stage');
        // Deterministic, and the output offers nothing more.
        assert.equal(converted(convertToRunArtifact(buildModel(input), { context })).text, c.text);
        assert.match(reasonOf(convertToRunArtifact(out)), /already multi-stage/);
      });
    }
  }
});

describe('run-artifact variant: the validator accepts exactly the declared change', () => {
  const model = buildModel(fixture('convert/runartifact-go-plain.Dockerfile'));
  const good = converted(convertToRunArtifact(model));
  const check = (text: string, declared = true) => validateConversion(model, { ...good, text, commandChange: declared ? good.commandChange : undefined });

  it('accepts the conversion as declared', () => assert.ok(check(good.text).valid));

  it('rejects another command than the declared one', () => {
    const v = check(good.text.replace('CMD ["/usr/local/bin/app"]', 'CMD ["/usr/local/bin/app", "--debug"]'));
    assert.ok(v.issues.some((i) => i.check === 'runtimeConfig' && /declared/.test(i.message)), JSON.stringify(v.issues));
  });

  it('rejects the command change when nothing declares it', () => {
    const v = check(good.text, false);
    assert.ok(v.issues.some((i) => i.check === 'runtimeConfig' && /CMD changed/.test(i.message)), JSON.stringify(v.issues));
  });

  it('rejects an ENTRYPOINT added next to the declared CMD (not declared)', () => {
    const v = check(`${good.text}ENTRYPOINT ["/bin/sh"]\n`);
    assert.ok(v.issues.some((i) => /ENTRYPOINT changed/.test(i.message)), JSON.stringify(v.issues));
  });

  it('rejects any other runtime change (EXPOSE, USER) even with the command declared', () => {
    assert.ok(check(good.text.replace(/EXPOSE 8080\n(?![\s\S]*EXPOSE 8080)/, '')).issues.some((i) => /EXPOSE changed/.test(i.message)));
    assert.ok(check(`${good.text}USER nobody\n`).issues.some((i) => /USER changed/.test(i.message)));
  });
});

describe('run-artifact variant: placeholders, never a silent guess', () => {
  it('Rust without Cargo.toml asks for the binary path, and validates with the confirmed value', () => {
    const model = buildModel(fixture('convert/runartifact-rust-plain.Dockerfile'));
    const c = converted(convertToRunArtifact(model));
    assert.equal(c.placeholders.length, 1);
    assert.match(c.placeholders[0].suggestion, /^\/usr\/src\/app\/target\/release\//);
    assert.ok(c.commandChange!.cmd!.includes(c.placeholders[0].token));
    const ok = converted(convertToRunArtifact(model, { values: { [c.placeholders[0].token]: '/usr/src/app/target/release/guess' } }));
    assert.deepEqual(ok.placeholders, []);
    assert.match(ok.text, /^COPY --from=build \/usr\/src\/app\/target\/release\/guess \/usr\/src\/app\/target\/release\/guess$/m);
    assert.match(ok.text, /^CMD \["\/usr\/src\/app\/target\/release\/guess"\]$/m);
    assert.deepEqual(ok.commandChange!.cmd, ['/usr/src/app/target/release/guess']);
    assert.ok(ok.validation.valid);
  });

  it('Maven spring-boot:run without pom.xml asks for the jar; with it, names target/<artifactId>-<version>.jar', async () => {
    const c = converted(convertToRunArtifact(buildModel(fixture('convert/runartifact-maven-plain.Dockerfile'))));
    assert.equal(c.placeholders[0]?.token, '__ARTIFACT_PATH__');
    const context = await gatherContextFacts(new MemoryFileSystemHost(CONTEXTS.maven), '/ctx');
    const m = converted(convertToRunArtifact(buildModel(fixture('convert/runartifact-maven-manifest.Dockerfile')), { context }));
    assert.deepEqual(m.placeholders, []);
    assert.deepEqual(m.commandChange!.cmd, ['java', '-jar', '/app/target/orders-1.4.2.jar']);
  });

  it('exec:java: the main class from the command, else pom.xml, else a placeholder', async () => {
    const text = df('FROM maven:3.9-eclipse-temurin-17', 'WORKDIR /app', 'COPY . .', 'RUN mvn package', 'CMD ["mvn", "exec:java"]');
    const ask = converted(convertToRunArtifact(buildModel(text)));
    assert.deepEqual(ask.placeholders.map((p) => p.token), ['__MAIN_CLASS__']);
    const host = new MemoryFileSystemHost({ '/p/pom.xml': '<project><artifactId>x</artifactId><version>1</version><build><plugins><plugin><artifactId>exec-maven-plugin</artifactId><configuration><mainClass>org.acme.App</mainClass></configuration></plugin></plugins></build></project>' });
    const context = await gatherContextFacts(host, '/p');
    assert.equal(context.pom?.mainClass, 'org.acme.App');
    const known = converted(convertToRunArtifact(buildModel(text), { context }));
    assert.deepEqual(known.commandChange!.cmd, ['java', '-cp', '/app/target/classes:/app/target/dependency/*', 'org.acme.App']);
    assert.match(known.text, /^RUN mvn dependency:copy-dependencies -DincludeScope=runtime$/m, 'the package step is reused; only the dependencies are added');
    const confirmed = converted(convertToRunArtifact(buildModel(text), { values: { __MAIN_CLASS__: 'org.acme.Other' } }));
    assert.equal(confirmed.commandChange!.cmd![3], 'org.acme.Other');
    assert.match(reasonOf(convertToRunArtifact(buildModel(text), { values: { __MAIN_CLASS__: 'a" "b' } })), /quote/);
  });

  it('a Next.js dev script without package.json asks for the start script', () => {
    const c = converted(convertToRunArtifact(buildModel(fixture('convert/runartifact-node-plain.Dockerfile'))));
    assert.deepEqual(c.placeholders.map((p) => p.token), ['__START_SCRIPT__']);
    const ok = converted(convertToRunArtifact(buildModel(fixture('convert/runartifact-node-plain.Dockerfile')), { values: { __START_SCRIPT__: 'start' } }));
    assert.deepEqual(ok.commandChange!.cmd, ['yarn', 'start']);
  });
});

describe('run-artifact variant: what it builds and refuses', () => {
  it('reuses the Dockerfile\'s own release build, and adds one when there is none', () => {
    const reuse = converted(convertToRunArtifact(buildModel(fixture('convert/runartifact-rust-unusual.Dockerfile'))));
    assert.doesNotMatch(reuse.text, /Added by the conversion/);
    const add = converted(convertToRunArtifact(buildModel(df('FROM rust:1.78', 'WORKDIR /app', 'COPY . .', 'RUN cargo fetch', 'CMD ["cargo", "run", "--bin", "srv"]'))));
    assert.match(add.text, /^RUN cargo build --release --bin srv$/m);
    assert.match(add.text, /^COPY --from=build \/app\/target\/release\/srv \/usr\/local\/bin\/srv$/m);
    assert.ok(add.notes.some((n) => /release profile/.test(n)));
  });

  it('the added build runs after every source step (no manifest-first move ahead of the sources)', () => {
    const c = converted(convertToRunArtifact(buildModel(fixture('convert/runartifact-go-plain.Dockerfile'))));
    assert.ok(c.text.indexOf('COPY . .') < c.text.indexOf('RUN CGO_ENABLED=0 go build'), c.text);
  });

  it('go run: builds the named package with its flags; program arguments follow the binary', () => {
    const c = converted(convertToRunArtifact(buildModel(fixture('convert/runartifact-go-manifest.Dockerfile'))));
    assert.match(c.text, /^RUN CGO_ENABLED=0 go build -tags netgo -o \/usr\/local\/bin\/app \.\/cmd\/server$/m);
    assert.deepEqual(c.commandChange!.cmd, ['/usr/local/bin/app', '-addr', ':8080']);
  });

  it('refuses what it cannot carry over, with a reason', () => {
    const cases: [string, RegExp][] = [
      [df('FROM rust:1.78', 'COPY . .', 'CMD cargo run && echo done'), /shell script/],
      [df('FROM rust:1.78', 'COPY . .', 'CMD cargo run --example demo'), /--example/],
      [df('FROM golang:1.22', 'COPY . .', 'CMD go run main.go --port $PORT'), /expands variables/],
      [df('FROM maven:3.9', 'COPY . .', 'CMD ["mvn", "spring-boot:run", "-Dspring-boot.run.arguments=--x"]'), /not carried over/],
      [df('FROM sbtscala/scala-sbt:eclipse-temurin-17.0.4_1.7.1_3.2.0', 'WORKDIR /app', 'COPY . .', 'CMD ["sbt", "run"]'), /sbt-assembly or sbt-native-packager/],
      [df('FROM gradle:8-jdk17', 'WORKDIR /app', 'COPY . .', 'CMD ["gradle", "bootRun"]'), /Gradle/],
      [df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'CMD ["nodemon", "src/index.js"]'), /runs the sources directly/],
      [df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["npm", "run", "dev"]'), /no build script known/],
      [df('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o /app/server .', 'CMD ["/app/server"]'), /does not run a toolchain/],
      [df('FROM mcr.microsoft.com/dotnet/sdk:8.0', 'COPY . .', 'ENTRYPOINT ["dotnet", "run"]'), /no WORKDIR/],
    ];
    for (const [text, re] of cases) assert.match(reasonOf(convertToRunArtifact(buildModel(text))), re, text);
  });

  it('conversionsFor offers it only where it applies, after the default kinds, never instead of a valid default', () => {
    const toolchain = conversionsFor(buildModel(fixture('convert/runartifact-go-plain.Dockerfile')));
    assert.deepEqual(toolchain.offered.map((c) => c.kind).filter((k) => k.startsWith('multiStage')), ['multiStageRunArtifact']);
    const plain = conversionsFor(buildModel(fixture('convert/go-plain.Dockerfile')));
    assert.ok(!plain.offered.some((c) => c.kind === 'multiStageRunArtifact'));
    assert.ok(!plain.skipped.some((c) => c.kind === 'multiStageRunArtifact'), 'nothing said about it for a file it does not concern');
  });
});
