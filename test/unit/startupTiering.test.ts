/**
 * The server holds V8's optimizing tiers back while it starts (server/src/node/startupTiering.ts): under a V8 it
 * knows, the pacing flags are raised, and their defaults come back after the start; under any other, nothing.
 * The table's flags and defaults are checked against the V8 of the Node that runs the tests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import { createConnection, createMessageConnection, NotificationType, RequestType, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/server';
import { holdBackTierUpAtStartup, PACING_FLAGS, STARTUP_PACING, STARTUP_WINDOW_MS, type TieringHost } from '../../server/src/node/startupTiering';

function fakeHost(v8Version: string) {
  const set: string[] = [];
  const timers: { restore: () => void; ms: number }[] = [];
  const host: TieringHost = { v8Version, setFlags: (f) => set.push(f), later: (restore, ms) => timers.push({ restore, ms }) };
  return { host, set, timers };
}

describe('startup tiering', () => {
  it('under Node 20 (V8 11.3) paces tier-up four times slower, then restores the default after the start', () => {
    const { host, set, timers } = fakeHost('11.3.244.8-node.38');
    const held = holdBackTierUpAtStartup(host);
    assert.deepEqual(held.flags.map((f) => f.name), ['interrupt-budget']);
    assert.deepEqual(set, [`--interrupt-budget=${67584 * STARTUP_PACING}`]);
    held.restore();
    assert.deepEqual(set.slice(1), ['--interrupt-budget=67584']);
    // The window's timer, when it fires later, and a second restore change nothing more.
    assert.equal(timers.length, 1);
    assert.equal(timers[0].ms, STARTUP_WINDOW_MS);
    timers[0].restore();
    held.restore();
    assert.equal(set.length, 2);
  });

  it('restores the defaults when the window ends without a restore (no document opened)', () => {
    const { host, set, timers } = fakeHost('11.3.244.8-node.38');
    holdBackTierUpAtStartup(host);
    timers[0].restore();
    assert.deepEqual(set, [`--interrupt-budget=${67584 * STARTUP_PACING}`, '--interrupt-budget=67584']);
  });

  it('under Node 24 (V8 13.6) paces both optimizing tiers and restores both', () => {
    const { host, set, timers } = fakeHost('13.6.233.10-node.27');
    holdBackTierUpAtStartup(host).restore();
    assert.equal(timers.length, 1);
    assert.deepEqual(set, ['--invocation-count-for-turbofan=12000', '--invocation-count-for-maglev=1600', '--invocation-count-for-turbofan=3000', '--invocation-count-for-maglev=400']);
  });

  it('changes nothing under a V8 it does not know (VS Code’s Electron, a future Node)', () => {
    for (const v of ['12.8.374.38-electron.0', '14.1.0', '10.2.154.26-node.36']) {
      const { host, set, timers } = fakeHost(v);
      assert.deepEqual(holdBackTierUpAtStartup(host).flags, []);
      assert.deepEqual(set, []);
      assert.equal(timers.length, 0);
    }
  });

  it("the table's flags and defaults are those of this Node's V8 (node --v8-options)", () => {
    const known = PACING_FLAGS.find((k) => process.versions.v8.startsWith(k.v8));
    assert.ok(known, `V8 ${process.versions.v8} (Node ${process.version}) is in PACING_FLAGS: the test machine runs Node 20`);
    assert.equal(process.version.split('.')[0], `v${known.node}`);
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const f of known.flags) assert.match(options, new RegExp(`default: --${f.name}=${f.default}\\b`), `--${f.name} defaults to ${f.default}`);
  });

  it('in a real process, sets and restores its flags without a word on stdout or stderr', () => {
    const module = path.resolve(__dirname, '../../server/src/node/startupTiering.js');
    const started = Date.now();
    const run = spawnSync(process.execPath, ['-e', `const t = require(${JSON.stringify(module)}); const held = t.holdBackTierUpAtStartup(); setTimeout(() => { held.restore(); process.stdout.write(String(held.flags.length)); }, 10);`], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    // The restore timer does not keep the process alive.
    assert.ok(Date.now() - started < STARTUP_WINDOW_MS, `exited before the restore was due (${Date.now() - started} ms)`);
    assert.equal(run.stdout, String(PACING_FLAGS.find((k) => process.versions.v8.startsWith(k.v8))?.flags.length ?? 0));
  });

  it('the server says its start is over once, when the first diagnostics are published', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    let over = 0;
    let published = 0;
    // startServer listens on the connection itself.
    startServer(server, { onStartupOver: () => over++ });
    const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const diagnosed = new Map<string, () => void>();
    client.onNotification(new NotificationType<{ uri: string }>('textDocument/publishDiagnostics'), (p) => {
      published++;
      // Told after the publish, in the same turn.
      setImmediate(() => diagnosed.get(p.uri)?.());
    });
    client.onRequest(new RequestType<unknown, unknown, unknown>('workspace/configuration'), () => [null]);
    client.onRequest(new RequestType<unknown, unknown, unknown>('client/registerCapability'), () => null);
    client.listen();
    try {
      await client.sendRequest(new RequestType<unknown, unknown, unknown>('initialize'), { processId: null, rootUri: null, capabilities: {}, initializationOptions: { trusted: false } });
      await client.sendNotification(new NotificationType<unknown>('initialized'), {});
      assert.equal(over, 0, 'not before a document is diagnosed');
      for (const [i, text] of ['FROM alpine:3.20\n', 'FROM debian:12\nRUN apt-get install -y curl\n'].entries()) {
        const uri = `file:///startup/${i}/Dockerfile`;
        const done = new Promise<void>((resolve) => diagnosed.set(uri, resolve));
        await client.sendNotification(new NotificationType<unknown>('textDocument/didOpen'), { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
        await done;
        assert.equal(over, 1, `after document ${i + 1}'s diagnostics`);
      }
      assert.equal(published, 2);
    } finally {
      client.dispose();
      server.dispose();
    }
  });
});
