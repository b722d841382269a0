/**
 * The core's service (core/service.ts): one parse per document version shared by every verb, the I/O it is
 * given and nothing else, the one estimate → convert → re-estimate flow behind the lens and the estimate
 * request, code actions listed without their edit and resolved later, settings taken per call.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStagesService, MemoryFileSystemHost, type Arch, type BaseImageInfo, type ImageName } from '../../server/src/core';
import { defaultSettings } from '../../common/settings';
import { SizeEstimates } from '../../server/src/core/service/sizes';

const GO_SINGLE = ['FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go build -o server .', 'EXPOSE 8080', 'CMD ["./server"]', ''].join('\n');
const MULTI = ['FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .', 'FROM alpine:3.20', 'COPY --from=build /out/app /app', 'CMD ["/app"]', ''].join('\n');
const at = (uri: string, text: string, version = 1) => ({ uri, version, text });

describe('stages service', () => {
  it('parses a document version once and gives every verb that model; a new version is parsed again', () => {
    const service = createStagesService({});
    const v1 = at('file:///w/Dockerfile', MULTI);
    const model = service.model(v1);
    assert.equal(service.model({ ...v1 }), model);
    assert.equal(service.explain(v1).stages.length, 2);
    assert.equal(service.model(v1), model, 'explain used the cached model');
    const v2 = at('file:///w/Dockerfile', `${MULTI}USER app\n`, 2);
    assert.notEqual(service.model(v2), model);
    service.close(v2.uri);
    assert.notEqual(service.model(v2), service.model(v1), 'after close, each version parses again');
  });

  it('closing a document drops the stage results its estimates kept for the next version', async () => {
    const sizes = new SizeEstimates({ hostArch: 'amd64', log: { info: () => undefined, warn: () => undefined, error: () => undefined }, contextFacts: async () => undefined, contextOf: () => undefined });
    const service = createStagesService({});
    const kept = () => [...(sizes as unknown as { memos: Map<string, unknown> }).memos.keys()].map((k) => k.split('\n')[0]).sort();
    await sizes.report(service.parse(MULTI), 'file:///a/Dockerfile', {});
    await sizes.report(service.parse(GO_SINGLE), 'file:///b/Dockerfile', {});
    await sizes.report(service.parse(GO_SINGLE), 'file:///b/Dockerfile', { arch: 'arm64' });
    assert.deepEqual(kept(), ['file:///a/Dockerfile', 'file:///b/Dockerfile', 'file:///b/Dockerfile']);
    sizes.forget('file:///b/Dockerfile');
    assert.deepEqual(kept(), ['file:///a/Dockerfile']);
  });

  it('takes model options per document (a folder’s target) and settings per call', () => {
    const service = createStagesService({});
    const doc = at('file:///w/Dockerfile', MULTI);
    assert.equal(service.explain(doc).finalStage, 1);
    service.configureDocument(doc.uri, { target: 'build' });
    assert.equal(service.explain(doc).finalStage, 0);
    const off = { ...defaultSettings, rules: { ...defaultSettings.rules, DS201: 'off' as const } };
    const codes = (s: typeof defaultSettings) => service.validate(at('file:///w/single/Dockerfile', GO_SINGLE), s).map((d) => d.code);
    assert.ok(codes(defaultSettings).includes('DS201'));
    assert.ok(!codes(off).includes('DS201'));
  });

  it('reads the build context only through io.files, and only for file: documents', async () => {
    const files = new MemoryFileSystemHost({ '/w/app/Dockerfile': GO_SINGLE, '/w/app/go.mod': 'module x\n', '/w/app/main.go': 'package main\n' });
    const withFiles = createStagesService({ files });
    const codes = async (s: ReturnType<typeof createStagesService>, uri: string) => (await s.validateContext(at(uri, GO_SINGLE), defaultSettings)).map((r) => r.rule.code);
    assert.deepEqual(await codes(withFiles, 'file:///w/app/Dockerfile'), ['DS303']);
    assert.deepEqual(await codes(withFiles, 'untitled:Untitled-1'), []);
    assert.deepEqual(await codes(createStagesService({}), 'file:///w/app/Dockerfile'), [], 'no io.files: nothing is read');
    const measured = await withFiles.estimate(at('file:///w/app/Dockerfile', GO_SINGLE), {});
    assert.equal(measured.contextMeasured, true);
    const unmeasured = await createStagesService({}).estimate(at('file:///w/app/Dockerfile', GO_SINGLE), {});
    assert.equal(unmeasured.contextMeasured, false);
  });

  it('estimates what the multi-stage conversion would weigh, and the lens offers that conversion', async () => {
    const service = createStagesService({ hostArch: 'arm64' });
    const doc = at('file:///w/Dockerfile', GO_SINGLE);
    const report = await service.estimate(doc, { projectConversion: true });
    assert.equal(report.arch, 'arm64', 'the host architecture is the default');
    assert.ok(report.converted?.final, 'the conversion was estimated');
    assert.ok(report.converted!.final!.compressedBytes < report.estimate.final!.compressedBytes);
    const lenses = await service.codeLenses(doc, {});
    assert.equal(lenses.length, 1);
    assert.match(lenses[0].command!.title, /multi-stage/);
    assert.equal(lenses[0].command!.command, 'dockerfileStages.convertToMultiStage');
    assert.equal(await service.estimate(doc, { projectConversion: true }), await service.estimate(doc, { projectConversion: true }), 'one computation per version and options');
  });

  it('asks io.images only when the call allows registry look-ups, and computes again when a size lands', async () => {
    const asked: string[] = [];
    const listeners: (() => void)[] = [];
    const exact: BaseImageInfo = { compressedBytes: 123_000_000, source: 'registry', match: 'exact', row: 'golang:1.22', uncertainty: 0.02, variants: [] };
    const images = {
      lookup: (name: ImageName, arch: Arch) => {
        asked.push(`${name.repository}@${arch}`);
        return listeners.length > 1 ? exact : undefined;
      },
      onDidChange: (l: () => void) => listeners.push(l),
    };
    const service = createStagesService({ images, hostArch: 'amd64' });
    let changed = 0;
    service.onSizesChanged(() => changed++);
    const doc = at('file:///w/Dockerfile', GO_SINGLE);
    await service.estimate(doc, {});
    assert.deepEqual(asked, []);
    const before = await service.estimate(doc, { registryLookup: true });
    assert.ok(asked.length > 0);
    assert.notEqual(before.estimate.stages[0].base.compressedBytes, exact.compressedBytes);
    images.onDidChange(() => undefined); // the registry now answers
    for (const l of listeners) l();
    assert.equal(changed, 1);
    const after = await service.estimate(doc, { registryLookup: true });
    assert.notEqual(after, before);
    assert.equal(after.estimate.stages[0].base.compressedBytes, exact.compressedBytes);
  });

  it('hovers show a stage size only once the estimate is computed (a hover never waits)', async () => {
    const service = createStagesService({});
    const doc = at('file:///w/Dockerfile', MULTI);
    const text = (h: ReturnType<typeof service.hover>) => JSON.stringify(h?.contents ?? '');
    const before = service.hover(doc, { line: 0, character: 2 }, {});
    assert.equal(service.peekEstimate(doc, {}), undefined);
    await service.estimate(doc, {});
    const after = service.hover(doc, { line: 0, character: 2 }, {});
    assert.notEqual(text(after), text(before));
    assert.match(text(after), /MB/);
  });

  it('lists a conversion without its edit for a client that resolves edits, and resolves it for the current text', async () => {
    const service = createStagesService({});
    const doc = at('file:///w/Dockerfile', GO_SINGLE, 7);
    const diagnostics = service.validate(doc, defaultSettings);
    const { actions } = await service.codeActions(doc, defaultSettings, { line: 0, diagnostics, client: { resolveEdits: true } });
    const listed = actions.find((a) => a.data && a.kind === 'quickfix');
    assert.ok(listed, `a DS201 quick fix: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(listed.edit, undefined);
    const resolved = await service.resolve(doc, listed.data as never, { versionedEdits: true });
    const change = resolved?.edit?.documentChanges?.[0] as { textDocument: { version: number }; edits: unknown[] } | undefined;
    assert.equal(change?.textDocument.version, 7);
    assert.ok(change!.edits.length > 0);
    const eager = await service.codeActions(doc, defaultSettings, { line: 0, diagnostics });
    assert.ok(eager.actions.some((a) => a.kind === 'quickfix' && a.edit?.changes?.[doc.uri]?.length));
  });

  it('a rule fix that creates a file says which file', async () => {
    const files = new MemoryFileSystemHost({ '/w/app/go.mod': 'module x\n' });
    const service = createStagesService({ files });
    const doc = at('file:///w/app/Dockerfile', GO_SINGLE);
    const contextResults = await service.validateContext(doc, defaultSettings);
    const diagnostics = contextResults.map((r) => r.diagnostic);
    const { createdFiles } = await service.codeActions(doc, defaultSettings, { line: 2, diagnostics, contextResults });
    assert.deepEqual(createdFiles, ['/w/app/.dockerignore']);
  });
});
