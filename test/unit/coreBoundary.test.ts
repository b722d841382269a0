/**
 * The core's import boundary, enforced by the build (scripts/core-boundary.mjs in scripts/build.mjs): the
 * real core passes it, and a core file importing fs, vscode-languageserver or a file outside fails the build.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../support/lspClient';

type Build = (options: Record<string, unknown>) => Promise<{ errors: unknown[] }>;

describe('core import boundary', () => {
  let build: Build;
  let plugin: (dirs: { coreDir: string; commonDir: string }) => unknown;
  let allowed: string[];
  let layerViolation: (importer: string, spec: string, dirs: Record<string, string>) => string | undefined;
  let tmp: string;

  before(async () => {
    // Dynamic import keeps these ESM modules out of the CommonJS output's static requires.
    const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
    build = (await dynamicImport('esbuild')).build;
    const mod = await dynamicImport(pathToFileURL(path.join(ROOT, 'scripts', 'core-boundary.mjs')).toString());
    plugin = mod.coreBoundaryPlugin;
    allowed = mod.CORE_ALLOWED_PACKAGES;
    layerViolation = mod.layerViolation;
    tmp = mkdtempSync(path.join(tmpdir(), 'ds-boundary-'));
    mkdirSync(path.join(tmp, 'core'));
    mkdirSync(path.join(tmp, 'common'));
    mkdirSync(path.join(tmp, 'lsp'));
    mkdirSync(path.join(tmp, 'cli'));
    mkdirSync(path.join(tmp, 'node'));
    writeFileSync(path.join(tmp, 'core', 'index.ts'), "export { m } from './model';\n");
    writeFileSync(path.join(tmp, 'core', 'model.ts'), 'export const m = 3;\n');
    writeFileSync(path.join(tmp, 'node', 'host.ts'), 'export const h = 4;\n');
    writeFileSync(path.join(tmp, 'common', 'ids.ts'), 'export const X = 1;\n');
    writeFileSync(path.join(tmp, 'lsp', 'thing.ts'), 'export const Y = 2;\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const bundle = (entry: string, coreDir: string, commonDir: string) =>
    build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'node',
      logLevel: 'silent',
      external: allowed,
      plugins: [plugin({ coreDir, commonDir })],
    });

  const core = (name: string, source: string) => {
    const file = path.join(tmp, 'core', name);
    writeFileSync(file, source);
    return bundle(file, path.join(tmp, 'core'), path.join(tmp, 'common'));
  };

  it('lets the real core through', async () => {
    const result = await bundle(path.join(ROOT, 'server', 'src', 'core', 'index.ts'), path.join(ROOT, 'server', 'src', 'core'), path.join(ROOT, 'common'));
    assert.deepEqual(result.errors, []);
  });

  it('allows the core itself, common/ and the pure packages', async () => {
    const result = await core('ok.ts', "import { X } from '../common/ids';\nimport { DockerfileParser } from 'dockerfile-ast';\nexport const z = [X, DockerfileParser];\n");
    assert.deepEqual(result.errors, []);
  });

  for (const [what, source, message] of [
    ['fs', "import * as fs from 'fs';\nexport const a = fs;\n", /core may not import 'fs'/],
    ['node:child_process', "import { spawn } from 'node:child_process';\nexport const a = spawn;\n", /core may not import 'node:child_process'/],
    ['vscode-languageserver', "import { createConnection } from 'vscode-languageserver/node';\nexport const a = createConnection;\n", /core may not import 'vscode-languageserver\/node'/],
    ['vscode', "import * as vscode from 'vscode';\nexport const a = vscode;\n", /core may not import 'vscode'/],
    ['a file outside the core', "import { Y } from '../lsp/thing';\nexport const a = Y;\n", /outside its boundary/],
  ] as const) {
    it(`fails the build when the core imports ${what}`, async () => {
      await assert.rejects(core(`bad-${what.replace(/\W/g, '_')}.ts`, source), (e: Error) => {
        assert.match(e.message, message);
        return true;
      });
    });
  }

  const layered = (dir: 'lsp' | 'cli', name: string, source: string) => {
    const file = path.join(tmp, dir, name);
    writeFileSync(file, source);
    return build({
      entryPoints: [file],
      bundle: true,
      write: false,
      platform: 'node',
      logLevel: 'silent',
      external: allowed,
      plugins: [plugin({ coreDir: path.join(tmp, 'core'), commonDir: path.join(tmp, 'common'), lspDir: path.join(tmp, 'lsp'), cliDir: path.join(tmp, 'cli'), nodeDir: path.join(tmp, 'node') } as never)],
    });
  };

  it('lets lsp/ and cli/ import the core through core/index', async () => {
    assert.deepEqual((await layered('lsp', 'entry.ts', "import { m } from '../core';\nexport const a = m;\n")).errors, []);
    assert.deepEqual((await layered('cli', 'entry.ts', "import { m } from '../core/index';\nimport { h } from '../node/host';\nexport const a = [m, h];\n")).errors, []);
  });

  for (const [dir, what, source, message] of [
    ['lsp', 'node/', "import { h } from '../node/host';\nexport const a = h;\n", /lsp may not import node\//],
    ['lsp', 'a core module', "import { m } from '../core/model';\nexport const a = m;\n", /lsp may import the core only through core\/index/],
    ['cli', 'a core module', "import { m } from '../core/model';\nexport const a = m;\n", /cli may import the core only through core\/index/],
  ] as const) {
    it(`fails the build when ${dir}/ imports ${what}`, async () => {
      await assert.rejects(layered(dir, `bad-${what.replace(/\W/g, '_')}.ts`, source), (e: Error) => {
        assert.match(e.message, message);
        return true;
      });
    });
  }

  it('no file of the real lsp/ and cli/ imports node/ (lsp) or a core module other than core/index, type-only imports included', () => {
    const server = path.join(ROOT, 'server', 'src');
    const dirs = { coreDir: path.join(server, 'core'), lspDir: path.join(server, 'lsp'), cliDir: path.join(server, 'cli'), nodeDir: path.join(server, 'node') };
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const problems: string[] = [];
    let imports = 0;
    for (const file of [...files(dirs.lspDir), ...files(dirs.cliDir)]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        imports++;
        const problem = layerViolation(file, m[1], dirs);
        if (problem) problems.push(`${path.relative(ROOT, file)}: ${problem}`);
      }
    }
    assert.ok(imports > 50, `read ${imports} imports`);
    assert.deepEqual(problems, []);
  });
});
