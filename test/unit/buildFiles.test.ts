/** core/compose: reading Compose and Bake files with ranges, resolving their Dockerfiles, which documents are what. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildModel, documentKind, parseBakeHcl, parseBuildFile, parseBakeJson, parseComposeFile, resolveBuildFile, suggestStage, targetCompletionSite, unknownTargets } from '../../server/src/core/internal';

const textAt = (text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
  const lines = text.split('\n');
  assert.equal(r.start.line, r.end.line);
  return lines[r.start.line].slice(r.start.character, r.end.character);
};

describe('documentKind', () => {
  test('the language id decides; the name only when no id is sent; only the exact build-file names are claimed', () => {
    assert.equal(documentKind('dockerfile', 'file:///a/compose.yaml'), 'dockerfile');
    assert.equal(documentKind('dockerfile-ts', 'file:///a/x'), 'dockerfile');
    assert.equal(documentKind('yaml', 'file:///a/compose.yaml'), 'compose');
    assert.equal(documentKind('dockercompose', 'file:///a/docker-compose.yml'), 'compose');
    assert.equal(documentKind('hcl', 'file:///a/docker-bake.hcl'), 'bake');
    assert.equal(documentKind('json', 'file:///a/docker-bake.json'), 'bake');
    assert.equal(documentKind('yaml', 'file:///a/compose.override.yaml'), 'other');
    assert.equal(documentKind('yaml', 'file:///a/values.yaml'), 'other');
    assert.equal(documentKind('plaintext', 'file:///a/Dockerfile'), 'other');
    assert.equal(documentKind('', 'file:///a/Dockerfile'), 'dockerfile');
    assert.equal(documentKind(undefined, 'file:///a/api.Dockerfile'), 'dockerfile');
    assert.equal(documentKind('', 'file:///a/.dockerignore'), 'other');
  });
});

describe('Compose files', () => {
  const COMPOSE = [
    'x-build: &defaults',
    '  context: ./svc',
    '  target: base',
    'services:',
    '  web:',
    '    build:',
    '      <<: *defaults',
    '      dockerfile: web.Dockerfile',
    '      target: "runtime"',
    '  api:',
    '    build: ./api',
    '  worker:',
    '    build:',
    '      <<: *defaults',
    '  inline:',
    '    build:',
    '      dockerfile_inline: |',
    '        FROM alpine',
    '  db:',
    '    image: postgres',
    '  env:',
    '    build:',
    '      context: .',
    '      target: ${TARGET:-dev}',
    '',
  ].join('\n');

  test('services with build: long form, short form, merge keys; ranges of the written values without quotes', () => {
    const f = parseComposeFile(COMPOSE);
    assert.deepEqual(f.entries.map((e) => e.name), ['web', 'api', 'worker', 'inline', 'env']);
    const [web, api, worker, inline, env] = f.entries;
    assert.equal(web.target?.value, 'runtime');
    assert.equal(textAt(COMPOSE, web.target!.range), 'runtime');
    assert.equal(web.context?.value, './svc');
    assert.equal(web.dockerfile?.value, 'web.Dockerfile');
    assert.equal(api.context?.value, './api');
    assert.equal(api.target, undefined);
    assert.equal(worker.target?.value, 'base', 'through the merge key');
    assert.equal(worker.target?.range.start.line, 2, 'where it is written');
    assert.equal(inline.inline, true);
    assert.equal(env.target?.variable, true);
    assert.equal(textAt(COMPOSE, web.nameRange), 'web');
  });

  test('resolves each Dockerfile: context relative to the file, dockerfile relative to the context', () => {
    const r = resolveBuildFile(parseComposeFile(COMPOSE), '/repo/compose.yaml');
    assert.deepEqual(
      r.map((x) => [x.entry.name, x.dockerfilePath ?? null]),
      [
        ['web', '/repo/svc/web.Dockerfile'],
        ['api', '/repo/api/Dockerfile'],
        ['worker', '/repo/svc/Dockerfile'],
        ['inline', null],
        ['env', '/repo/Dockerfile'],
      ],
    );
  });

  test('broken YAML, a list at the top, binary-looking text: no entries, no throw', () => {
    assert.deepEqual(parseComposeFile('services: [').entries, []);
    assert.deepEqual(parseComposeFile('- a\n- b\n').entries, []);
    assert.deepEqual(parseComposeFile('\u0000\u0001services:\n  a: {build: 1}\n').entries.length <= 1, true);
    assert.deepEqual(parseComposeFile('services:\n  a:\n    build: {target: *nope}\n').entries.map((e) => e.target), [undefined]);
  });

  test('unknown targets: did you mean, also for a swap of two letters; variables and unknown Dockerfiles are not checked', () => {
    const text = ['services:', '  a:', '    build:', '      target: biuld', '  b:', '    build:', '      target: prod', '  c:', '    build:', '      target: ${T}', '  d:', '    build:', '      context: other', '      target: zzz', ''].join('\n');
    const model = buildModel('FROM golang AS build\nFROM alpine AS runtime\n');
    const resolved = resolveBuildFile(parseComposeFile(text), '/r/compose.yaml');
    const problems = unknownTargets(resolved, (p) => (p === '/r/Dockerfile' ? model : undefined), (p) => p.slice(3));
    assert.deepEqual(
      problems.map((p) => [p.entry.entry.name, p.suggestion ?? null, p.message]),
      [
        ['a', 'build', "Service 'a' builds the stage 'biuld', which Dockerfile does not define (did you mean 'build'?)"],
        ['b', null, "Service 'b' builds the stage 'prod', which Dockerfile does not define (its stages: build, runtime)"],
      ],
    );
    assert.equal(suggestStage('RUNTIME', ['build', 'runtime']), 'runtime');
  });

  test('completion site: the partial name in a target value, in the entry around the cursor', () => {
    const text = 'services:\n  a:\n    build:\n      context: .\n      target: bu\n';
    const resolved = resolveBuildFile(parseComposeFile(text), '/r/compose.yaml');
    const site = targetCompletionSite(text, 'compose', false, resolved, { line: 4, character: 16 });
    assert.equal(site?.prefix, 'bu');
    assert.deepEqual(site?.range, { start: { line: 4, character: 14 }, end: { line: 4, character: 16 } });
    assert.equal(site?.entry.dockerfilePath, '/r/Dockerfile');
    assert.equal(targetCompletionSite(text, 'compose', false, resolved, { line: 3, character: 16 }), undefined);
  });
});

describe('Bake files', () => {
  const HCL = [
    '# targets',
    'variable "TAG" {',
    '  default = "latest"',
    '}',
    '/* a block comment with target "fake" { target = "x" } */',
    'group "default" {',
    '  targets = ["app", "test"]',
    '}',
    'target "_common" {',
    '  context = "./svc"',
    '  dockerfile = "build/Dockerfile"',
    '  args = {',
    '    GO = "1.22" // trailing',
    '  }',
    '}',
    'target "app" {',
    '  inherits = ["_common"]',
    '  target = "runtime"',
    '  tags = ["repo/app:${TAG}", "repo/app:${lower("X")}"]',
    '  labels = {',
    '    "a" = <<EOT',
    'target = "heredoc"',
    'EOT',
    '  }',
    '}',
    'target "test" { inherits = ["_common"]',
    '  target = "te${TAG}st"',
    '}',
    'target "inline" {',
    '  dockerfile-inline = "FROM alpine"',
    '  target = equal(TAG, "x") ? "a" : "b"',
    '}',
    '',
  ].join('\n');

  test('target blocks with their attributes; comments, templates and heredocs are skipped', () => {
    const f = parseBakeHcl(HCL);
    assert.deepEqual(f.entries.map((e) => e.name), ['_common', 'app', 'test', 'inline']);
    const [common, app, test_, inline] = f.entries;
    assert.equal(common.context?.value, './svc');
    assert.equal(common.dockerfile?.value, 'build/Dockerfile');
    assert.deepEqual(app.inherits, ['_common']);
    assert.equal(app.target?.value, 'runtime');
    assert.equal(textAt(HCL, app.target!.range), 'runtime');
    assert.equal(textAt(HCL, app.nameRange), 'app');
    assert.equal(test_.target?.variable, true);
    assert.equal(inline.inline, true);
    assert.equal(inline.target?.variable, true);
  });

  test('inherits: the parent\'s context and dockerfile; inline Dockerfiles resolve to no file', () => {
    const r = resolveBuildFile(parseBakeHcl(HCL), '/repo/docker-bake.hcl');
    assert.deepEqual(
      r.map((x) => [x.entry.name, x.dockerfilePath ?? null, x.ownTarget]),
      [
        ['_common', '/repo/svc/build/Dockerfile', false],
        ['app', '/repo/svc/build/Dockerfile', true],
        ['test', '/repo/svc/build/Dockerfile', true],
        ['inline', null, true],
      ],
    );
  });

  test('unclosed blocks and strings, cyclic inherits: no throw', () => {
    const f = parseBakeHcl('target "a" {\n  inherits = ["b"]\n  target = "bu\ntarget "b" { inherits = ["a"] }');
    assert.ok(f.entries.length >= 1);
    assert.doesNotThrow(() => resolveBuildFile(f, '/r/docker-bake.hcl'));
    assert.deepEqual(parseBakeHcl('target').entries, []);
    assert.deepEqual(parseBakeHcl('"unterminated').entries, []);
  });

  test('docker-bake.json: targets with ranges of the values', () => {
    const json = '{\n  "target": {\n    "app": {\n      "context": "svc",\n      "target": "runtime"\n    }\n  }\n}\n';
    const f = parseBakeJson(json);
    assert.equal(f.entries[0].name, 'app');
    assert.equal(textAt(json, f.entries[0].target!.range), 'runtime');
    assert.equal(textAt(json, f.entries[0].nameRange), 'app');
    assert.equal(resolveBuildFile(f, '/r/docker-bake.json')[0].dockerfilePath, '/r/svc/Dockerfile');
  });
});

describe('parseBuildFile', () => {
  test('by file name; binary or oversized texts read as empty', () => {
    assert.equal(parseBuildFile('/r/values.yaml', 'services: {}'), undefined);
    assert.equal(parseBuildFile('file:///r/compose.yml', 'services:\n  a:\n    build: .\n')?.entries.length, 1);
    assert.equal(parseBuildFile('/r/docker-bake.json', '{"target":{"a":{}}}')?.entries.length, 1);
    assert.deepEqual(parseBuildFile('/r/compose.yaml', 'services:\n  a:\n    build: .\n\u0000'), { kind: 'compose', entries: [] });
    assert.deepEqual(parseBuildFile('/r/docker-bake.hcl', `target "a" {}\n${'#'.repeat(2_100_000)}`), { kind: 'bake', entries: [] });
  });
});
