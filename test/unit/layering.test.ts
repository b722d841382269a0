/**
 * The layering rule of `npm run lint` (tools/lint/layering.mjs): the core imports only itself, common/ and the
 * allowed pure packages; common/ imports nothing outside itself; the LSP adapter nothing from the Node entry or
 * the CLI; the client nothing from the server.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { ROOT } from '../support/lspClient';

const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<any>;

describe('layering rule', () => {
  let violation: (file: string, spec: string) => string | undefined;
  before(async () => {
    violation = (await dynamicImport(pathToFileURL(path.join(ROOT, 'tools/lint/layering.mjs')).toString())).violation;
  });
  const at = (rel: string) => path.join(ROOT, rel);

  it('lets the core import itself, common/ and its pure packages only', () => {
    const file = at('server/src/core/size/estimate.ts');
    for (const ok of ['./figures', '../model', '../../../../common/settings', 'dockerfile-ast', 'vscode-languageserver-types', '@balena/dockerignore/x']) assert.equal(violation(file, ok), undefined, ok);
    assert.match(violation(file, 'node:fs')!, /the core may not import 'node:fs'/);
    assert.match(violation(file, 'vscode-languageserver')!, /the core may not import/);
    assert.match(violation(file, 'mvdan-sh')!, /the core may not import/, 'the shell parser is our own; mvdan-sh is only the tests\' reference');
    assert.match(violation(file, '../../lsp/context')!, /the core imports only itself and common\/ \('..\/..\/lsp\/context' is server\/src\/lsp\/context\)/);
  });

  it('lets common/ import only common/', () => {
    assert.equal(violation(at('common/settings.ts'), './ruleCodes.generated'), undefined);
    assert.match(violation(at('common/settings.ts'), '../server/src/core')!, /common\/ imports nothing outside common\//);
    assert.match(violation(at('common/ids.ts'), 'yaml')!, /common\/ imports nothing/);
  });

  it('keeps the LSP adapter off the Node entry and the CLI, and the client off the server', () => {
    const lsp = at('server/src/lsp/features/hover.ts');
    assert.equal(violation(lsp, '../../core'), undefined);
    assert.equal(violation(lsp, 'vscode-languageserver'), undefined);
    assert.match(violation(lsp, '../../node/registry')!, /the LSP adapter may not import/);
    assert.match(violation(lsp, '../../cli/main')!, /the LSP adapter may not import/);
    const client = at('client/src/features/verifyConversion.ts');
    assert.equal(violation(client, '../../../common/protocol'), undefined);
    assert.equal(violation(client, 'vscode'), undefined);
    assert.match(violation(client, '../../../server/src/node/builder')!, /the client may not import the server/);
    // The Node entry and the CLI may use the adapter and the core.
    assert.equal(violation(at('server/src/node/main.ts'), '../lsp/server'), undefined);
  });
});
