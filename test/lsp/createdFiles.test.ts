/**
 * A quick fix that creates a file (DS303: a .dockerignore) shows it after its edit: the server asks to hear of
 * created .dockerignore files (workspace.fileOperations.didCreate) and, when the client reports the one the fix
 * creates, asks the client to open it (window/showDocument), for clients that support that request.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CAPABILITIES, LspClient } from '../support/lspClient';

describe('created files over stdio', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ds-created-'));
    writeFileSync(path.join(dir, 'package.json'), '{}');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function ds303Fix(client: LspClient) {
    const file = path.join(dir, 'Dockerfile');
    const text = 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n';
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    client.open(uri, text);
    const published = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.some((d: any) => d.code === 'DS303'));
    const d = published.params.diagnostics.find((x: any) => x.code === 'DS303');
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'DS303' && a.edit);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    return fix;
  }

  it('the DS303 fix creates the .dockerignore; when the client reports it created, the server has it shown', async () => {
    const client = new LspClient();
    const shown: unknown[] = [];
    let showRequested!: () => void;
    const requested = new Promise<void>((resolve) => (showRequested = resolve));
    client.onServerRequest = (method, params) => {
      if (method === 'window/showDocument') {
        shown.push(params);
        showRequested();
        return { success: true };
      }
      return method === 'workspace/configuration' ? [null] : null;
    };
    try {
      const init = await client.initialize({}, { ...DEFAULT_CAPABILITIES, window: { showDocument: { support: true } } });
      assert.deepEqual(init.capabilities.workspace?.fileOperations?.didCreate, { filters: [{ scheme: 'file', pattern: { glob: '**/.dockerignore' } }] });
      const fix = await ds303Fix(client);
      const ignoreUri = pathToFileURL(path.join(dir, '.dockerignore')).toString();
      assert.equal(fix.edit.documentChanges[0].uri, ignoreUri);
      // Another file created meanwhile is not shown; the one the fix creates is.
      client.notify('workspace/didCreateFiles', { files: [{ uri: pathToFileURL(path.join(dir, 'other', '.dockerignore')).toString() }] });
      client.notify('workspace/didCreateFiles', { files: [{ uri: ignoreUri }] });
      await requested;
      assert.deepEqual(shown, [{ uri: ignoreUri, takeFocus: true }]);
    } finally {
      await client.shutdown();
    }
  });

  it('a client without window/showDocument gets the edit alone', async () => {
    const client = new LspClient();
    const requests: string[] = [];
    client.onServerRequest = (method) => {
      requests.push(method);
      return method === 'workspace/configuration' ? [null] : null;
    };
    try {
      await client.initialize();
      const fix = await ds303Fix(client);
      assert.equal(fix.command, undefined);
      client.notify('workspace/didCreateFiles', { files: [{ uri: pathToFileURL(path.join(dir, '.dockerignore')).toString() }] });
      // A request after the notification is answered after it was handled: no showDocument was asked for.
      await client.request('textDocument/codeLens', { textDocument: { uri: pathToFileURL(path.join(dir, 'Dockerfile')).toString() } });
      assert.ok(!requests.includes('window/showDocument'), JSON.stringify(requests));
    } finally {
      await client.shutdown();
    }
  });
});
