import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS504 undefined ARG in FROM', () => {
  it('reports variables in FROM that no global ARG declares', () => {
    const r = expectAt('DS504', lines('ARG GO_VERSION=1.22', 'FROM golang:${«GO_VERSON»}', 'ARG RUNTIME=alpine', 'FROM $«RUNTIME»'));
    assert.match(r[0].finding.message, /did you mean '\$GO_VERSION'/);
    assert.match(r[1].finding.message, /no ARG before the first FROM declares/);
  });
  it('accepts global ARGs and predefined platform ARGs', () => {
    expectNone('DS504', lines('ARG BASE=alpine:3.20', 'FROM --platform=$BUILDPLATFORM ${BASE}'));
  });
  it('fixes the misspelling', () => {
    assert.equal(applyFix('DS504', lines('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSON}', 'USER app')), lines('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSION}', 'USER app'));
  });
  it('reports a name once per FROM, as BuildKit does, and its fix renames every use', () => {
    const r = expectAt('DS504', lines('ARG GO_VERSION=1.22', 'FROM golang:${«GO_VERSON»}-${GO_VERSON}-${GO_VERSON}', 'FROM $«GO_VERSON»'));
    assert.equal(r.length, 2);
    assert.match(r[0].finding.message, /'\$GO_VERSON' \(used 3 times\)/);
    assert.doesNotMatch(r[1].finding.message, /used/);
    assert.equal(applyFix('DS504', lines('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSON}-${GO_VERSON}', 'USER app')), lines('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSION}-${GO_VERSION}', 'USER app'));
  });
  it('gives a FROM of a hundred thousand uses of one name one finding', () => {
    const r = expectAt('DS504', lines(`FROM $«A»${'$A'.repeat(99_999)}`));
    assert.match(r[0].finding.message, /used 100000 times/);
  });
});
