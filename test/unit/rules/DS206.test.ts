import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, expectAt, expectNone, lines } from './helpers';

describe('DS206 pip install without --no-cache-dir', () => {
  it('reports pip install and python -m pip install', () => {
    expectAt('DS206', lines('FROM python:3.12-slim', 'RUN pip «install» -r requirements.txt', 'RUN python -m pip «install» gunicorn'));
  });
  it('accepts --no-cache-dir, PIP_NO_CACHE_DIR and a cache mount', () => {
    expectNone('DS206', lines('FROM python:3.12-slim', 'RUN pip install --no-cache-dir flask'));
    expectNone('DS206', lines('FROM python:3.12-slim', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install flask'));
    expectNone('DS206', lines('FROM python:3.12-slim', 'RUN --mount=type=cache,target=/root/.cache/pip pip install flask'));
  });
  it('accepts a RUN that removes the cache itself (rm of ~/.cache/pip, pip cache purge), not one that only mentions it', () => {
    expectNone('DS206', lines('FROM python:3.12-slim', 'RUN pip install flask && rm -rf /root/.cache/pip'));
    expectNone('DS206', lines('FROM python:3.12-slim', 'RUN pip install flask && pip cache purge'));
    expectNone('DS206', lines('FROM python:3.12-slim', 'RUN python -m pip install flask && python -m pip cache purge'));
    expectAt('DS206', lines('FROM python:3.12-slim', 'RUN pip «install» flask && echo rm -rf /root/.cache/pip'));
  });
  it('adds --no-cache-dir', () => {
    assert.equal(applyFix('DS206', lines('FROM python:3.12-slim', 'RUN pip3 install flask')), lines('FROM python:3.12-slim', 'RUN pip3 install --no-cache-dir flask'));
  });
});
