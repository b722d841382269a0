/**
 * The "Build stage 'name'" lens over the protocol (features/buildStageLens.ts): on each named stage, only for
 * a client that declared the command, only in a trusted workspace, with the Compose context when a Compose
 * file builds the Dockerfile.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CAPABILITIES, LspClient } from '../support/lspClient';

const DOCKERFILE = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nFROM alpine:3.20 AS debug\n';

describe('build stage lens', () => {
  let dir: string;
  let uri: string;
  const clients: LspClient[] = [];

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ds-buildlens-'));
    mkdirSync(path.join(dir, 'svc'));
    writeFileSync(path.join(dir, 'svc', 'Dockerfile'), DOCKERFILE);
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  api:\n    build:\n      context: .\n      dockerfile: svc/Dockerfile\n');
    uri = pathToFileURL(path.join(dir, 'svc', 'Dockerfile')).href;
  });
  after(async () => {
    for (const c of clients) await c.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  async function lenses(initializationOptions: unknown) {
    const client = new LspClient();
    clients.push(client);
    await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: DEFAULT_CAPABILITIES, initializationOptions });
    client.notify('initialized', {});
    client.open(uri, DOCKERFILE);
    const all = await client.request('textDocument/codeLens', { textDocument: { uri } });
    return all.filter((l: any) => l.command?.command === 'dockerfileStages.buildStage');
  }

  it('one lens per named stage, carrying the stage, its line and the Compose context', async () => {
    const found = await lenses({ commands: ['dockerfileStages.buildStage'] });
    assert.deepEqual(found.map((l: any) => [l.range.start.line, l.command.title]), [
      [0, "$(tools) Build stage 'build'"],
      [4, "$(tools) Build stage 'debug'"],
    ]);
    const args = found[0].command.arguments[0];
    assert.equal(args.uri, uri);
    assert.equal(args.stage, 'build');
    assert.equal(args.line, 0);
    assert.equal(args.context, dir.replace(/\\/g, '/'));
    assert.equal(args.contextSource, "docker-compose.yml, service 'api'");
  });

  it('none for a client that did not declare the command, none in an untrusted workspace', async () => {
    assert.deepEqual(await lenses({}), []);
    assert.deepEqual(await lenses({ commands: ['dockerfileStages.buildStage'], trusted: false }), []);
  });
});
