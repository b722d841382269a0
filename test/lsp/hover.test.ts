/** Stage hovers and stage navigation over the real protocol (`node dist/server.js --stdio`). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { fixture, fixtureUri } from '../support/fixtures';

describe('stage hovers and navigation over stdio', () => {
  let client: LspClient;
  const uri = fixtureUri('multistage-go.Dockerfile');
  const text = fixture('multistage-go.Dockerfile');
  const lines = text.split('\n');
  /** Position of `needle` on the first line containing it (plus `offset` characters). */
  const pos = (needle: string, offset = 0) => {
    const line = lines.findIndex((l) => l.includes(needle));
    assert.ok(line >= 0, `${needle} is in the fixture`);
    return { line, character: lines[line].indexOf(needle) + offset };
  };
  const doc = { uri };
  /** Where the stage name `Build` is defined (after AS). */
  const buildName = () => {
    const start = pos('AS Build', 3);
    return { start, end: { line: start.line, character: start.character + 5 } };
  };

  before(async () => {
    client = new LspClient();
    await client.initialize();
    client.open(uri, text);
    await client.waitForDiagnostics(uri, 1);
  });
  after(() => client.shutdown());

  it('hovers a stage name with the stage explanation, as Markdown with a range', async () => {
    const hover = await client.request('textDocument/hover', { textDocument: doc, position: pos('AS Build', 4) });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^\*\*Stage 0 `Build`\*\* \(lines 5–10\): build stage: compiles the Go binary; discarded, only `\/out\/server` is copied into the final image/);
    assert.deepEqual(hover.range, buildName());
  });

  it('resolves the platform ARGs from the platform setting, read per document (workspace/configuration)', async () => {
    // A client that answers workspace/configuration (as VS Code does), with linux/arm64 for the window and for
    // the document's folder: TARGETARCH picks the arm64 stage.
    const arm = new LspClient();
    arm.onServerRequest = (method) => (method === 'workspace/configuration' ? [{ platform: 'linux/arm64' }] : null);
    try {
      await arm.initialize();
      const u = 'file:///tmp/ds-hover-platform/Dockerfile';
      const t = ['FROM alpine:3.20 AS build-amd64', 'RUN echo amd > /a', 'FROM alpine:3.20 AS build-arm64', 'RUN echo arm > /a', 'FROM build-${TARGETARCH}', 'RUN cat /a', ''].join('\n');
      arm.open(u, t);
      await arm.waitForDiagnostics(u, 1);
      const hover = await arm.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 4, character: 2 } });
      assert.match(hover.contents.value, /via stage 1 `build-arm64` \(written `build-\$\{TARGETARCH\}`\)/);
    } finally {
      await arm.shutdown();
    }
  });

  it('a hover that finds no estimate yet has one computed in the background for the next hover', async () => {
    const file = 'file:///tmp/ds-hover-background/Dockerfile';
    client.open(file, 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n');
    await client.waitForDiagnostics(file, 1);
    const figure = async () => /Estimated size: ≈ ([\d.]+ [kMG]?B)/.exec((await client.request('textDocument/hover', { textDocument: { uri: file }, position: { line: 0, character: 1 } })).contents.value)?.[1];
    assert.equal(await figure(), undefined, 'nothing has computed the estimate yet');
    let shown: string | undefined;
    for (let i = 0; i < 100 && !shown; i++) {
      await new Promise((r) => setTimeout(r, 50));
      shown = await figure();
    }
    assert.ok(shown, 'a later hover shows the size, without any lens request');
  });

  it('shows the same stage size as the CodeLens (one estimate, build context measured)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ds-hover-'));
    try {
      writeFileSync(path.join(dir, 'main.go'), 'package main\n'.repeat(20_000));
      const file = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
      client.open(file, 'FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n');
      await client.waitForDiagnostics(file, 1);
      // A hover before the estimate is ready leaves the stage size out rather than show another figure.
      const early = await client.request('textDocument/hover', { textDocument: { uri: file }, position: { line: 0, character: 1 } });
      const earlyFigure = /Estimated size: ≈ ([\d.]+ [kMG]?B)/.exec(early.contents.value)?.[1];
      const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: file } });
      const lens = lenses.find((l: any) => l.range.start.line === 0);
      const lensFigure = /≈ ([\d.]+ [kMG]?B)/.exec(lens.command.title)?.[1];
      assert.ok(lensFigure, lens.command.title);
      const hover = await client.request('textDocument/hover', { textDocument: { uri: file }, position: { line: 0, character: 1 } });
      const hoverFigure = /Estimated size: ≈ ([\d.]+ [kMG]?B)/.exec(hover.contents.value)?.[1];
      assert.equal(hoverFigure, lensFigure);
      if (earlyFigure !== undefined) assert.equal(earlyFigure, lensFigure);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hovers FROM of the final stage with its runtime config, and a numeric reference with the stage it means', async () => {
    const final = await client.request('textDocument/hover', { textDocument: doc, position: pos('FROM ${RUNTIME}', 1) });
    assert.match(final.contents.value, /final image: what ships/);
    assert.match(final.contents.value, /- user: `65532`/);
    const numeric = await client.request('textDocument/hover', { textDocument: doc, position: pos('--from=0', 7) });
    assert.match(numeric.contents.value, /^`--from=0` is stage 0 `Build`, by index/);
  });

  it('hovers the COPY --from source with the instruction that wrote it', async () => {
    const h = await client.request('textDocument/hover', { textDocument: doc, position: pos('--from=0 /out/server', 12) });
    assert.match(h.contents.value, /written by `RUN CGO_ENABLED=0 go build -o \/out\/server \.\/cmd\/server` \(line 10\)/);
  });

  it('leaves other hovers to the standard service', async () => {
    const h = await client.request('textDocument/hover', { textDocument: doc, position: pos('WORKDIR /src', 2) });
    assert.ok(h, 'the standard service explains WORKDIR');
    assert.doesNotMatch(JSON.stringify(h.contents), /Stage \d/);
  });

  it('goes to the definition from FROM build, the mount and --from=0', async () => {
    for (const p of [pos('FROM build', 6), pos('from=build', 6), pos('--from=0', 7)]) {
      const def = await client.request('textDocument/definition', { textDocument: doc, position: p });
      assert.deepEqual(def, { uri, range: buildName() }, JSON.stringify(p));
    }
  });

  it('finds references and highlights, numeric ones included', async () => {
    const refs = await client.request('textDocument/references', { textDocument: doc, position: pos('AS Build', 4), context: { includeDeclaration: true } });
    assert.deepEqual(
      refs.map((r: any) => [r.range.start.line, r.range.start.character]),
      [
        [4, buildName().start.character],
        [11, 5],
        [15, 27],
        [16, 12],
      ],
    );
    const hl = await client.request('textDocument/documentHighlight', { textDocument: doc, position: pos('--from=0', 7) });
    assert.deepEqual(hl.map((h: any) => h.kind), [3, 2, 2, 2]);
  });

  it('renames a stage everywhere, and refuses a clashing name with a message', async () => {
    const prep = await client.request('textDocument/prepareRename', { textDocument: doc, position: pos('from=build', 6) });
    assert.deepEqual(prep, { start: { line: 15, character: 27 }, end: { line: 15, character: 32 } });
    const edit = await client.request('textDocument/rename', { textDocument: doc, position: pos('from=build', 6), newName: 'compile' });
    assert.deepEqual(
      edit.changes[uri].map((e: any) => [e.range.start.line, e.newText]),
      [
        [4, 'compile'],
        [11, 'compile'],
        [15, 'compile'],
      ],
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: doc, position: pos('AS Build', 4), newName: 'runtime' }),
      /Cannot rename the stage: stage 2 \(line 15\) is already named "runtime"/,
    );
  });
});
