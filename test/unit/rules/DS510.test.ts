import { describe, it } from 'node:test';
import { resolveSettings } from '../../../common/settings';
import { expectAt, expectNone, lines } from './helpers';

describe('DS510 invalid definition description', () => {
  const on = resolveSettings({ rules: { DS510: 'warning' } });
  it('is off by default, as in BuildKit', () => expectNone('DS510', lines('# the version', 'ARG VERSION=1', 'FROM alpine:3.20')));
  it('reports a comment right above ARG or a named FROM that does not start with the name', () => {
    expectAt('DS510', lines('«# the version»', 'ARG VERSION=1', '«# compile it»', 'FROM alpine:3.20 AS build'), on);
  });
  it('accepts descriptions, separated comments and directives', () => {
    expectNone('DS510', lines('# syntax=docker/dockerfile:1', 'ARG X=1', '# VERSION to build', 'ARG VERSION=1', '# a note', '', 'FROM alpine:3.20 AS build'), on);
  });
});
