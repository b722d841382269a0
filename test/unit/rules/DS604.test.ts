import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS604 ambiguous glob into one file', () => {
  it('reports a wildcard copied to a file name', () => {
    const r = expectAt('DS604', lines('FROM eclipse-temurin:21-jre', 'COPY «target/*.jar» app.jar'));
    assert.match(r[0].finding.message, /may match several files \(app.jar and app-plain.jar/);
  });
  it('accepts globs into directories and exact files', () => {
    expectNone('DS604', lines('FROM eclipse-temurin:21-jre', 'COPY target/*.jar /app/', 'COPY target/app-1.0.jar app.jar', 'COPY *.sh /usr/local/bin', 'COPY requirements*.txt ./'));
  });
});
