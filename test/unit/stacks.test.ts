import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectProfile, dockerignoreTemplate, imageParts, MAVEN_PACKAGE, NODE_BUILD, PROFILES, profile, toolchainImage } from '../../server/src/core/internal';

describe('stack profiles', () => {
  it('has one profile per id, each with detection, build commands, runtime bases and .dockerignore lines', () => {
    assert.equal(new Set(PROFILES.map((p) => p.id)).size, PROFILES.length);
    for (const p of PROFILES) {
      assert.ok(p.detection.manifests.length, `${p.id}: manifests`);
      assert.ok(p.runtimeBases.length, `${p.id}: runtime bases`);
      assert.match(p.dockerignore[0], /^# /, `${p.id}: the .dockerignore section starts with a heading`);
      for (const [k, body] of Object.entries(p.build)) assert.doesNotThrow(() => new RegExp(body), `${p.id}.build.${k}`);
    }
  });

  it('detects a context by its manifests first, in profile order, then by its base images', () => {
    assert.equal(detectProfile(['package.json', 'go.mod'], [])?.id, 'node');
    assert.equal(detectProfile(['go.mod'], ['node:20'])?.id, 'go');
    assert.equal(detectProfile(['Api.csproj'], [])?.id, 'dotnet');
    assert.equal(detectProfile(['README.md'], ['eclipse-temurin:21-jdk'])?.id, 'java');
    assert.equal(detectProfile(['CMakeLists.txt'], ['debian:12']), undefined, 'C/C++ build files alone do not name the stack');
    assert.equal(detectProfile([], ['debian:12']), undefined);
  });

  it('builds the .dockerignore template from the profile', () => {
    const text = dockerignoreTemplate('rust');
    assert.ok(text.startsWith('# Version control and editor files\n.git\n'));
    assert.ok(text.endsWith('\n\n# Rust\ntarget\n'));
    assert.deepEqual(profile('go').dockerignore, ['# Go', 'bin', 'vendor', '*.test', 'coverage.out']);
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

  it('matches build commands', () => {
    assert.match('./mvnw -B package -DskipTests', MAVEN_PACKAGE);
    assert.doesNotMatch('mvn dependency:go-offline', MAVEN_PACKAGE);
    assert.match('npm run build', NODE_BUILD);
    assert.match('npx vite build', NODE_BUILD);
    assert.doesNotMatch('npm ci --omit=dev', NODE_BUILD);
  });
});
