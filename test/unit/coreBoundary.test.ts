/**
 * The core's import boundary, enforced by the build (scripts/core-boundary.mjs in scripts/build.mjs): the
 * real core passes it, and a core file importing fs, vscode-languageserver or a file outside fails the build.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  let tmp: string;

  before(async () => {
    // Dynamic import keeps these ESM modules out of the CommonJS output's static requires.
    const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
    build = (await dynamicImport('esbuild')).build;
    const mod = await dynamicImport(pathToFileURL(path.join(ROOT, 'scripts', 'core-boundary.mjs')).toString());
    plugin = mod.coreBoundaryPlugin;
    allowed = mod.CORE_ALLOWED_PACKAGES;
    tmp = mkdtempSync(path.join(tmpdir(), 'ds-boundary-'));
    mkdirSync(path.join(tmp, 'core'));
    mkdirSync(path.join(tmp, 'common'));
    mkdirSync(path.join(tmp, 'lsp'));
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
});
