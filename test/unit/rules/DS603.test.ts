import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS603 RUN without effect', () => {
  it('reports RUN cd, RUN export, RUN source', () => {
    expectAt('DS603', lines('FROM python:3.12-slim', '«RUN cd /app»', '«RUN export A=1»', '«RUN source venv/bin/activate»'));
  });
  it('offers WORKDIR for cd and ENV for export', () => {
    assert.equal(applyFix('DS603', lines('FROM python:3.12-slim', 'RUN cd /app', 'RUN pip install .')), lines('FROM python:3.12-slim', 'WORKDIR /app', 'RUN pip install .'));
    assert.equal(applyFix('DS603', lines('FROM python:3.12-slim', 'RUN export PIP_NO_CACHE_DIR=1 A=b', 'RUN pip install .')), lines('FROM python:3.12-slim', 'ENV PIP_NO_CACHE_DIR=1 A=b', 'RUN pip install .'));
  });
  it('accepts RUNs that do something, and redirections', () => {
    expectNone('DS603', lines('FROM python:3.12-slim', 'RUN cd /app && pip install .', 'RUN export > /env.txt', 'RUN true', 'RUN source venv/bin/activate && pip install .', 'RUN . ./scripts/install-deps.sh'));
  });
});
