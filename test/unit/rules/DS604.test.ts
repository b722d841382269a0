import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS604 ambiguous glob into one file', () => {
  it('reports a wildcard copied to a file name', () => {
    const r = expectAt('DS604', lines('FROM eclipse-temurin:21-jre', 'COPY «target/*.jar» app.jar'));
    assert.match(r[0].finding.message, /is copied to one file, app.jar, but it matches every jar the build leaves there/);
    const gradle = expectAt('DS604', lines('FROM eclipse-temurin:21-jre', 'COPY «build/libs/*.jar» /app/app.jar'));
    assert.match(gradle[0].finding.message, /app-plain.jar/);
  });
  it('accepts globs into directories and exact files', () => {
    expectNone('DS604', lines('FROM eclipse-temurin:21-jre', 'COPY target/*.jar /app/', 'COPY target/app-1.0.jar app.jar', 'COPY *.sh /usr/local/bin', 'COPY requirements*.txt ./', 'COPY build/libs/app-*-SNAPSHOT.jar /app/app.jar'));
  });
});
