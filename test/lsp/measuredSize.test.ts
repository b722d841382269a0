/** dockerfileStages/measuredSize over the real protocol: the lens shows the measured figure for the text that was built, per stage, and drops it on change. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MeasuredSizeNotification, type MeasuredSizeParams } from '../../common/protocol';
import { LspClient } from '../support/lspClient';

const MULTI = ['FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/server .', '', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /out/server /server', 'CMD ["/server"]', ''].join('\n');
const uri = 'untitled:measured/Dockerfile';

const titles = async (client: LspClient) => (await client.request<any[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command.title as string);

describe('measured size over LSP', () => {
  let client: LspClient;
  const settings = { size: { architecture: 'amd64', codeLens: true, statusBar: true, registryLookup: false } };

  before(async () => {
    client = new LspClient();
    client.onServerRequest = (method) => (method === 'workspace/configuration' ? [settings] : null);
    await client.initialize({ settings, trusted: true });
    client.open(uri, MULTI);
  });
  after(() => client.shutdown());

  it('appends the measured final-image size to the final stage lens, a stage figure to its stage, until the text changes', async () => {
    const plain = await titles(client);
    assert.equal(plain.length, 2);
    assert.ok(plain.every((t) => !t.includes('measured')));
    const final: MeasuredSizeParams = { uri, bytes: 9_700_000, image: 'dockerfile-stages-verify/x:converted', builtAt: new Date().toISOString() };
    client.notify(MeasuredSizeNotification, final);
    client.notify(MeasuredSizeNotification, { uri, stage: 'build', bytes: 930_000_000, image: 'x:build', builtAt: final.builtAt });
    client.notify(MeasuredSizeNotification, { uri, bytes: 'big' });
    const measured = await titles(client);
    assert.match(measured[1], / · measured 9\.7 MB$/);
    assert.match(measured[0], /· discarded · measured 930(\.0)? MB$/);
    assert.equal(measured[1].replace(/ · measured .*$/, ''), plain[1], 'the estimate itself is unchanged');
    client.change(uri, 2, [{ text: `${MULTI}# changed\n` }]);
    const changed = await titles(client);
    assert.ok(changed.every((t) => !t.includes('measured')), changed.join(' | '));
    client.change(uri, 3, [{ text: MULTI }]);
    assert.ok((await titles(client)).every((t) => !t.includes('measured')), 'dropped for good, not hidden');
  });
});
