import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS405 sudo', () => {
  it('reports sudo in RUN', () => {
    expectAt('DS405', lines('FROM ubuntu:24.04', 'RUN «sudo» apt-get update && DEBIAN_FRONTEND=x «sudo» -E make install'));
  });
  it('accepts commands without sudo', () => expectNone('DS405', lines('FROM ubuntu:24.04', 'RUN echo sudo', 'RUN apt-get install -y sudo')));
  it('removes sudo', () => {
    assert.equal(applyFix('DS405', lines('FROM ubuntu:24.04', 'RUN sudo mkdir /x')), lines('FROM ubuntu:24.04', 'RUN mkdir /x'));
  });
});
