import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS403 latest or missing tag', () => {
  it('reports a missing tag and latest, also through ARG defaults', () => {
    const r = expectAt('DS403', lines('ARG BASE=debian', 'FROM «ubuntu» AS a', 'FROM «node:latest» AS b', 'FROM «${BASE}»'));
    assert.match(r[0].finding.message, /'ubuntu' has no tag, which means 'latest'/);
    assert.match(r[1].finding.message, /'node:latest' moves/);
  });
  it('accepts tags, digests, scratch, stages and unresolved variables', () => {
    expectNone('DS403', lines('FROM ubuntu:24.04 AS a', 'FROM alpine@sha256:abc AS b', 'FROM a', 'FROM scratch', 'FROM ${UNSET}'));
    // A misspelt stage name is DS101's, not an unpinned image.
    expectNone('DS403', lines('FROM golang:1.22 AS builder', 'FROM buidler AS test'));
  });

  it('accepts a tag written with build arguments, even when their defaults are placeholders', () => {
    expectNone('DS403', lines('ARG GO_VERSION=PLEASE_PROVIDE', 'ARG PLAT=${TARGETPLATFORM/\\//-}', 'FROM example/build:${GO_VERSION}-${PLAT} AS builder'));
  });
});
