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
});
