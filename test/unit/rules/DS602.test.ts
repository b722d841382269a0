import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAt, expectNone, lines } from './helpers';

describe('DS602 server started in RUN', () => {
  it('reports npm start, serve, flask run', () => {
    const r = expectAt('DS602', lines('FROM node:20', 'RUN npm ci && «npm start»', 'RUN «serve -s build»', 'RUN «flask run --host 0.0.0.0»', 'RUN «yarn dev»'));
    assert.match(r[0].finding.message, /'npm start' starts a server in a RUN/);
  });
  it('accepts CMD, builds, backgrounded and bounded servers', () => {
    expectNone('DS602', lines('FROM node:20', 'RUN npm run build && npx vite build', 'RUN npm start & sleep 5 && curl localhost:3000', 'RUN timeout 10 npm start || true', 'RUN npm i -g serve', 'CMD ["npm", "start"]'));
  });
});
