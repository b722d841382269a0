import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { validate } from 'dockerfile-utils';
import { buildModel } from '../../server/src/core/internal';
import { df, fixture } from '../support/fixtures';

describe('stage model', () => {
  it('parses stages, names (case-insensitive), bases, platform and global ARG substitution', () => {
    const m = buildModel(fixture('multistage-go.Dockerfile'));
    assert.equal(m.stages.length, 3);
    const [build, test, runtime] = m.stages;
    assert.equal(build.name, 'Build');
    assert.equal(build.key, 'build');
    assert.equal(build.base.kind, 'image');
    if (build.base.kind === 'image') {
      assert.equal(build.base.text, 'golang:${GO_VERSION}-alpine');
      assert.equal(build.base.resolvedText, 'golang:1.22-alpine');
      assert.deepEqual(build.base.name, { registry: undefined, repository: 'golang', tag: '1.22-alpine', digest: undefined });
    }
    assert.equal(build.platform?.text, '$BUILDPLATFORM');
    assert.equal(test.base.kind, 'stage');
    assert.equal(test.parent, 0);
    assert.equal(runtime.base.kind, 'image');
    if (runtime.base.kind === 'image') assert.equal(runtime.base.resolvedText, 'alpine:3.20');
    assert.deepEqual([...m.globalArgs.keys()], ['GO_VERSION', 'RUNTIME']);
  });

  it('resolves FROM <stage>, COPY --from by name and index, RUN --mount from=', () => {
    const m = buildModel(fixture('multistage-go.Dockerfile'));
    const runtime = m.stages[2];
    assert.deepEqual(
      runtime.references.map((r) => [r.kind, r.text, r.target]),
      [
        ['mount', 'build', 0],
        ['copy', '0', 0],
      ],
    );
    assert.ok(runtime.references[1].numeric);
    assert.deepEqual(m.stages[1].references.map((r) => [r.kind, r.target]), [['from', 0]]);
    assert.deepEqual(m.stages[0].consumers, [1, 2]);
    assert.deepEqual(runtime.dependsOn, [0]);
  });

  it('marks the final stage, reachability and unused stages', () => {
    const m = buildModel(fixture('multistage-go.Dockerfile'));
    assert.equal(m.finalStage?.index, 2);
    assert.deepEqual(m.stages.map((s) => [s.isFinal, s.reachable]), [
      [false, true],
      [false, false],
      [true, true],
    ]);
    const u = buildModel(fixture('unused.Dockerfile'));
    assert.deepEqual(u.stages.map((s) => s.reachable), [true, false, true]);
  });

  it('honours a chosen target stage', () => {
    const m = buildModel(fixture('multistage-go.Dockerfile'), { target: 'TEST' });
    assert.equal(m.finalStage?.index, 1);
    assert.deepEqual(m.stages.map((s) => s.reachable), [true, true, false]);
    const byIndex = buildModel(fixture('multistage-go.Dockerfile'), { target: '0' });
    assert.equal(byIndex.finalStage?.index, 0);
  });

  it('finds --from among other COPY flags, in any order', () => {
    const m = buildModel(df('FROM alpine AS b', 'FROM scratch', 'COPY --from=b --link /a /a', 'COPY --chown=1:1 --from=b /c /c', 'COPY --link /d /d'));
    assert.deepEqual(m.stages[1].references.map((r) => [r.kind, r.text, r.target]), [
      ['copy', 'b', 0],
      ['copy', 'b', 0],
    ]);
    assert.ok(m.stages[0].reachable);
  });

  it('recognises external images in COPY --from and scratch bases', () => {
    const m = buildModel(df('FROM scratch', 'COPY --from=nginx:alpine /etc/nginx /etc/nginx', 'COPY --from=unknownstage /a /a'));
    assert.equal(m.stages[0].base.kind, 'scratch');
    const [img, unknown] = m.stages[0].references;
    assert.equal(img.target, undefined);
    assert.deepEqual(img.image, { registry: undefined, repository: 'nginx', tag: 'alpine', digest: undefined });
    assert.equal(unknown.target, undefined);
    assert.equal(unknown.image?.repository, 'unknownstage');
  });

  it('FROM names only earlier stages; a later name is an image', () => {
    const m = buildModel(df('FROM later', 'FROM alpine AS later'));
    assert.equal(m.stages[0].base.kind, 'image');
    assert.equal(m.stages[0].parent, undefined);
  });

  it('represents cycles and self references without looping', () => {
    const m = buildModel(fixture('cyclic.Dockerfile'));
    assert.deepEqual(m.cycles, [[0, 1], [2]]);
    assert.deepEqual(m.stages.map((s) => s.inCycle), [true, true, true, false]);
    assert.deepEqual(m.stages.map((s) => s.reachable), [true, true, false, true]);
  });

  it('handles a 1,000-deep FROM chain and 5,000 stages', () => {
    const lines = ['FROM alpine AS s0'];
    for (let i = 1; i < 1000; i++) lines.push(`FROM s${i - 1} AS s${i}`, `COPY --from=s${i - 1} /a /a`);
    const m = buildModel(df(...lines));
    assert.equal(m.stages.length, 1000);
    assert.ok(m.stages.every((s) => s.reachable));
    assert.equal(m.stages[999].parent, 998);
    const many = buildModel(Array.from({ length: 5000 }, (_, i) => `FROM alpine AS x${i}\nCOPY --from=x${(i + 1) % 5000} /a /a`).join('\n'));
    assert.equal(many.cycles.length, 1);
    assert.equal(many.cycles[0].length, 5000);
  });

  it('computes the effective runtime config through the parent chain', () => {
    const m = buildModel(
      df(
        'FROM alpine AS base',
        'ENV A=1 B=2',
        'WORKDIR /app',
        'USER app',
        'EXPOSE 80',
        'CMD ["base"]',
        'LABEL org.opencontainers.image.title="x"',
        'FROM base AS final',
        'ENV B=3',
        'WORKDIR sub',
        'ENTRYPOINT ["/bin/run"]',
        'EXPOSE 443/tcp',
        'HEALTHCHECK CMD wget -q localhost',
        'STOPSIGNAL SIGTERM',
        'VOLUME ["/data"]',
        'ARG VERSION=1',
      ),
    );
    const c = m.stages[1].config;
    assert.equal(c.inheritsImage, true);
    assert.equal(c.env.get('A')?.value, '1');
    assert.equal(c.env.get('B')?.value, '3');
    assert.equal(c.env.get('B')?.stage, 1);
    assert.equal(c.workdir?.value, '/app/sub');
    assert.equal(c.user?.value, 'app');
    assert.deepEqual(c.expose.map((e) => e.value), ['80', '443/tcp']);
    // ENTRYPOINT in the child clears the CMD inherited from the parent.
    assert.equal(c.cmd, undefined);
    assert.deepEqual(c.entrypoint?.args, ['/bin/run']);
    assert.equal(c.entrypoint?.form, 'exec');
    assert.equal(c.healthcheck?.value, 'CMD wget -q localhost');
    assert.equal(c.stopsignal?.value, 'SIGTERM');
    assert.deepEqual(c.volumes.map((v) => v.value), ['/data']);
    assert.equal(c.labels.get('org.opencontainers.image.title')?.value, 'x');
    assert.equal(c.args.get('VERSION')?.value, '1');
    assert.deepEqual(m.stages[0].config.cmd?.args, ['base']);
  });

  it('maps each instruction to its stage', () => {
    const m = buildModel(fixture('multistage-go.Dockerfile'));
    assert.equal(m.stageAt(0), undefined);
    const copy = m.instructions.find((i) => i.getKeyword() === 'COPY' && i.getRange().start.line > 15)!;
    assert.equal(m.stageOf(copy)?.index, 2);
    assert.equal(m.stageAt(11)?.index, 1);
  });

  it('copes with lowercase instructions, escape directive, heredocs, empty, comment-only and binary files', () => {
    const lower = buildModel(fixture('lowercase.Dockerfile'));
    assert.equal(lower.stages.length, 2);
    assert.equal(lower.stages[1].references[0].target, 0, 'COPY --from=BUILDER matches "builder"');
    const win = buildModel(fixture('escape-windows.Dockerfile'));
    assert.equal(win.escapeChar, '`');
    assert.equal(win.stages[1].parent, 0);
    assert.equal(win.stages[0].config.workdir?.value, 'C:\\app');
    const heredoc = buildModel(fixture('heredoc.Dockerfile'));
    assert.deepEqual(heredoc.stages[0].instructions.map((i) => i.getKeyword()), ['FROM', 'RUN', 'COPY', 'CMD']);
    for (const name of ['empty.Dockerfile', 'comments-only.Dockerfile']) {
      const m = buildModel(fixture(name));
      assert.equal(m.stages.length, 0);
      assert.equal(m.finalStage, undefined);
    }
    const bin = buildModel(fixture('binary.Dockerfile'));
    assert.equal(bin.binary, true);
    assert.equal(bin.stages.length, 0);
  });

  it('parses registries, digests and ports in image references', () => {
    const m = buildModel(df('FROM localhost:5000/team/app:1.0@sha256:abc AS a', 'FROM gcr.io/distroless/static-debian12', 'FROM docker.io/library/node:20'));
    const names = m.stages.map((s) => (s.base.kind === 'image' ? s.base.name : undefined));
    assert.deepEqual(names[0], { registry: 'localhost:5000', repository: 'team/app', tag: '1.0', digest: 'sha256:abc' });
    assert.deepEqual(names[1], { registry: 'gcr.io', repository: 'distroless/static-debian12', tag: undefined, digest: undefined });
    assert.deepEqual(names[2], { registry: undefined, repository: 'node', tag: '20', digest: undefined });
  });

  it('keeps unresolved variables visible', () => {
    const m = buildModel(df('ARG TAG', 'FROM node:${TAG:-20}-alpine', 'FROM python:$PYVER'));
    const [a, b] = m.stages.map((s) => (s.base.kind === 'image' ? s.base : undefined));
    assert.equal(a?.resolvedText, 'node:20-alpine');
    assert.deepEqual(b?.unresolved, ['PYVER']);
  });

  it('resolves the platform ARGs from the target platform: global scope without a declaration, stages that declare them', () => {
    const text = df('ARG TARGETARCH', 'FROM --platform=$BUILDPLATFORM alpine AS tools-$TARGETARCH', 'FROM alpine AS base-amd64', 'FROM alpine AS base-arm64', 'FROM base-${TARGETARCH}', 'ARG TARGETOS', 'COPY --from=base-$TARGETARCH /a /a');
    const amd = buildModel(text);
    assert.equal(amd.stages[3].parent, 1);
    assert.equal(amd.stages[0].platform?.resolvedText, 'linux/amd64');
    assert.equal(amd.stages[3].args.get('TARGETOS'), 'linux');
    const arm = buildModel(text, { platform: 'linux/arm64/v8' });
    assert.equal(arm.stages[3].parent, 2);
    assert.equal(arm.stages[0].platform?.resolvedText, 'linux/arm64');
    const copy = arm.references.find((r) => r.kind === 'copy');
    assert.equal(copy?.target, 2);
    assert.deepEqual(copy?.alternatives, [1, 2]);
  });

  it('shares one parse with the standard service, and no standard feature changes what the model reads', () => {
    const text = fixture('multistage-go.Dockerfile') + '\n# trailing\nLABEL a=\'$X\' b="${Y}"\nFROM docker.io/library/alpine:3.20@sha256:' + 'a'.repeat(64) + ' AS last\n';
    const m = buildModel(text);
    const snapshot = () =>
      JSON.stringify({
        stages: m.stages.map((s) => ({ base: s.base, name: s.name, nameRange: s.nameRange, platform: s.platform })),
        args: m.instructions.map((i) => i.getArguments().map((a) => [a.getValue(), a.getRange()])),
        variables: m.instructions.map((i) => i.getVariables().map((v) => [v.getName(), v.getRange(), v.getNameRange()])),
        comments: m.dockerfile.getComments().map((c) => c.getRange()),
      });
    const before = snapshot();
    const service = DockerfileLanguageServiceFactory.createLanguageService();
    const doc = { uri: 'file:///x/Dockerfile', getText: () => text } as never;
    const lines = text.split('\n');
    service.computeLinks(text);
    service.computeSemanticTokens(text);
    service.computeFoldingRanges(text);
    service.computeSymbols(doc, text);
    service.format(text, { insertSpaces: true, tabSize: 2 });
    validate(text);
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character <= lines[line].length; character += 3) {
        const position = { line, character };
        service.computeHover(text, position);
        service.computeHighlightRanges(text, position);
        service.computeDefinition(doc, text, position);
        service.computeCompletionItems(text, position);
        service.computeSignatureHelp(text, position);
        service.computeRename(doc, text, position, 'renamed');
      }
    }
    assert.equal(buildModel(text).dockerfile, m.dockerfile, 'one parse per text');
    assert.equal(snapshot(), before);
  });

  it("reads exec-form arguments with their spaces (dockerfile-ast's getJSONValue drops them)", () => {
    const m = buildModel('FROM nginx\nCMD ["nginx", "-g", "daemon off;"]\nENTRYPOINT ["sh", "-c", \\\n  "echo a  b"]\n');
    assert.deepEqual(m.finalStage!.config.entrypoint!.args, ['sh', '-c', 'echo a  b']);
    assert.deepEqual(buildModel('FROM nginx\nCMD ["nginx", "-g", "daemon off;"]\n').finalStage!.config.cmd!.args, ['nginx', '-g', 'daemon off;']);
  });
});

