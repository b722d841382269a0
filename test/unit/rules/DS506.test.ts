import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS506 constant FROM --platform', () => {
  it('reports a constant platform', () => {
    expectAt('DS506', lines('FROM --platform=«linux/amd64» alpine:3.20'));
  });
  it('accepts variables and stages named for their platform', () => {
    expectNone('DS506', lines('FROM --platform=$BUILDPLATFORM golang:1.22 AS build', 'FROM --platform=linux/arm64 alpine:3.20 AS base-arm64'));
  });
});
