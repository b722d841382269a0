import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, buildModel, parseIgnore, ignoredBy } from '../../../server/src/core/internal';
import { contextResultsFor, lines } from './helpers';

describe('DS303 missing .dockerignore', () => {
  const dockerfile = lines('FROM node:20-slim', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .');

  it('reports COPY . . with no .dockerignore, and offers one suited to the stack', async () => {
    const [r, ...rest] = await contextResultsFor('DS303', dockerfile, { 'package.json': '{}' });
    assert.equal(rest.length, 0);
    assert.deepEqual(r.finding.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 8 } });
    assert.match(r.finding.message, /no \.dockerignore/);
    const fix = r.finding.fixes![0];
    assert.equal(fix.createFiles![0].path, '/ctx/.dockerignore');
    assert.match(fix.createFiles![0].content, /^node_modules$/m);
    assert.match(fix.createFiles![0].content, /^\.git$/m);
    assert.equal(r.diagnostic.data.stack, 'node');
  });

  it('after the fix creates the file, the diagnostic is gone and no other appears', async () => {
    const [r] = await contextResultsFor('DS303', dockerfile, { 'go.mod': 'module x' });
    const content = r.finding.fixes![0].createFiles![0].content;
    assert.match(content, /^\*\.test$/m, 'a Go context gets the Go entries');
    assert.doesNotMatch(content, /^vendor$/m, 'a vendored module builds from vendor/');
    assert.deepEqual(await contextResultsFor('DS303', dockerfile, { 'go.mod': 'module x', '.dockerignore': content }), []);
    // The created file must not hide what the Dockerfile copies (DS511).
    assert.deepEqual(await contextResultsFor('DS511', dockerfile, { 'go.mod': 'module x', '.dockerignore': content }), []);
  });

  it('never lists what the Dockerfile copies by name: the build would miss it', async () => {
    const prebuilt = lines('FROM node:20-slim', 'WORKDIR /app', 'COPY package.json ./', 'RUN npm install --omit=dev', 'COPY dist/ ./dist/', 'COPY .env ./', 'COPY . .', 'CMD ["node", "dist/server.js"]');
    const [r] = await contextResultsFor('DS303', prebuilt, { 'package.json': '{}' });
    const content = r.finding.fixes![0].createFiles![0].content;
    assert.doesNotMatch(content, /^dist$/m);
    assert.doesNotMatch(content, /^\.env$/m);
    assert.match(content, /^node_modules$/m, 'the rest of the template stays');
    assert.match(content, /^# Not listed, as the Dockerfile copies them: \.env, dist$/m);
    // Applied, no COPY of the Dockerfile names an ignored file (DS511).
    assert.deepEqual(await contextResultsFor('DS511', prebuilt, { 'package.json': '{}', '.dockerignore': content, 'dist/server.js': '', '.env': '' }), []);
    const jar = lines('FROM eclipse-temurin:21-jre', 'COPY target/*.jar /app.jar', 'COPY . /src', 'CMD ["java", "-jar", "/app.jar"]');
    const [j] = await contextResultsFor('DS303', jar, { 'pom.xml': '<project/>' });
    assert.doesNotMatch(j.finding.fixes![0].createFiles![0].content, /^target$/m);
  });

  it('never lists the build output or the dependencies of a Dockerfile that does not make them: the image takes them from the context', async () => {
    const content = async (dockerfile: string, files: Record<string, string>) => (await contextResultsFor('DS303', dockerfile, files))[0].finding.fixes![0].createFiles![0].content;
    // Built and installed outside (CI), copied with the rest: neither node_modules nor dist may be ignored.
    const outside = await content(lines('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["node", "dist/index.js"]'), { 'package.json': '{}' });
    assert.doesNotMatch(outside, /^(node_modules|dist|build|\.next)$/m);
    assert.match(outside, /^# Not listed, as the Dockerfile does not build them \(the image takes them from the build context\): dist, build, \.next$/m);
    assert.match(outside, /^# Not listed, as the Dockerfile does not install them \(the image takes them from the build context\): node_modules$/m);
    assert.match(outside, /^\.git$/m, 'the common lines stay');
    // Installed and built in the image: both listed, no note.
    const inside = await content(lines('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build', 'CMD ["node", "dist/index.js"]'), { 'package.json': '{}' });
    assert.match(inside, /^node_modules$/m);
    assert.match(inside, /^dist$/m);
    assert.doesNotMatch(inside, /Not listed/);
    // A jar built outside and run from the copied context.
    const jar = await content(lines('FROM eclipse-temurin:21-jre', 'COPY . /app', 'CMD ["java", "-jar", "/app/target/app.jar"]'), { 'pom.xml': '<project/>' });
    assert.doesNotMatch(jar, /^target$/m);
    const built = await content(lines('FROM maven:3-eclipse-temurin-21', 'COPY . /app', 'WORKDIR /app', 'RUN ./mvnw -B package', 'CMD ["java", "-jar", "target/app.jar"]'), { 'pom.xml': '<project/>' });
    assert.match(built, /^target$/m);
    // PHP without composer: vendor/ comes from the context.
    assert.doesNotMatch(await content(lines('FROM php:8.3-apache', 'COPY . /var/www/html/'), { 'composer.json': '{}' }), /^vendor$/m);
    assert.match(await content(lines('FROM php:8.3-apache', 'COPY . /var/www/html/', 'RUN composer install --no-dev'), { 'composer.json': '{}' }), /^vendor$/m);
  });

  it('accepts an existing .dockerignore or Dockerfile.dockerignore, and Dockerfiles that copy single files', async () => {
    assert.deepEqual(await contextResultsFor('DS303', dockerfile, { '.dockerignore': '.git\n' }), []);
    assert.deepEqual(await contextResultsFor('DS303', dockerfile, { 'Dockerfile.dockerignore': '.git\n' }), []);
    assert.deepEqual(await contextResultsFor('DS303', lines('FROM alpine:3.20', 'COPY app.sh /app.sh'), {}), []);
  });

  it('matches paths the way .dockerignore does', () => {
    const rules = parseIgnore('# c\n**/*.log\nnode_modules\n!keep.log\n/build/\n');
    assert.ok(ignoredBy(rules, 'a/b/c.log'));
    assert.ok(ignoredBy(rules, './node_modules/x/y.js'));
    assert.equal(ignoredBy(rules, 'keep.log'), undefined);
    assert.ok(ignoredBy(rules, 'build/out.bin'));
    assert.equal(ignoredBy(rules, 'src/build.ts'), undefined);
    assert.ok(buildModel(applyEdits('a', [])));
  });

  it('looks for the .dockerignore in the context the COPY sources name, and stays quiet when a parent folder may be the context', async () => {
    const inSub = lines('FROM rust:1.79', 'COPY ./Cargo.toml ./build.rs ./', 'COPY . .', 'RUN cargo build --release');
    assert.deepEqual(await contextResultsFor('DS303', inSub, { 'Cargo.toml': '', 'build.rs': '', '.dockerignore': 'target\n' }, undefined, 'docker/Dockerfile'), []);
    assert.deepEqual(await contextResultsFor('DS303', lines('FROM golang:1.22', 'COPY . .'), { '.dockerignore': '.git\n' }, undefined, 'docker/Dockerfile'), []);
    // No .dockerignore anywhere: reported.
    assert.equal((await contextResultsFor('DS303', inSub, { 'Cargo.toml': '', 'build.rs': '' }, undefined, 'docker/Dockerfile')).length, 1);
  });
});
