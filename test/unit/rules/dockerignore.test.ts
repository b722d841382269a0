import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectStack } from '../../../server/src/core/rules/dockerignore';
import { contextResultsFor, lines } from './helpers';

describe('.dockerignore starter: the detected stack', () => {
  it('a Go project with a package.json (front-end tooling) that builds FROM golang is a Go project', async () => {
    assert.equal(detectStack(['go.mod', 'package.json', 'main.go'], ['golang:1.22', 'gcr.io/distroless/static-debian12']), 'go');
    const [r] = await contextResultsFor('DS303', lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'), { 'go.mod': 'module x', 'package.json': '{}' });
    const fix = r.finding.fixes![0];
    assert.equal(fix.title, 'Create a .dockerignore for a Go project');
    assert.match(fix.createFiles![0].content, /^# Go$/m);
    assert.doesNotMatch(fix.createFiles![0].content, /node_modules/);
  });

  it('manifests decide when the images name no stack of theirs; images when there is no manifest', () => {
    assert.equal(detectStack(['package.json', 'go.mod'], ['alpine:3.20']), 'node');
    assert.equal(detectStack(['pom.xml'], ['eclipse-temurin:21']), 'java');
    assert.equal(detectStack([], ['python:3.13-slim']), 'python');
    assert.equal(detectStack(['Makefile'], ['debian:bookworm']), 'generic');
  });
});
