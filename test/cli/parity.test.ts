/**
 * One analysis path: the CLI (`dist/cli.js lint`, `estimate`) and the language server (`dist/server.js`) on the
 * same folders (examples/*: real projects with and without .dockerignore) report the same codes on the same
 * lines, with the same messages, the same size figures per stage, and the same multi-stage conversion.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ConversionsRequest, EstimateRequest, type ConversionsResult, type EstimateResult } from '../../common/protocol';
import { LspClient } from '../support/lspClient';
import { EXAMPLES, FIXTURES, runCli } from './cli';

/** The loose fixture files too (broken, binary, heredoc, escape directive ...): lint only, over test/fixtures. */
const FIXTURE_FILES = [FIXTURES, path.join(FIXTURES, 'rules')].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .map((f) => path.join(dir, f)),
);

const FOLDERS = readdirSync(EXAMPLES)
  .filter((d) => existsSync(path.join(EXAMPLES, d, 'Dockerfile')))
  .sort();

type Finding = [code: string, line: number, message: string];

const byPosition = (a: Finding, b: Finding) => a[1] - b[1] || a[0].localeCompare(b[0]) || a[2].localeCompare(b[2]);

describe('CLI and language server agree on every example folder', () => {
  let client: LspClient;
  const settings = { size: { architecture: 'amd64', codeLens: true, statusBar: true, registryLookup: false } };

  before(async () => {
    client = new LspClient();
    client.onServerRequest = (method) => (method === 'workspace/configuration' ? [settings] : null);
    await client.initialize({ settings, trusted: true });
  });
  after(() => client.shutdown());

  it('has folders to compare, with and without a .dockerignore', () => {
    assert.ok(FOLDERS.length >= 10, FOLDERS.join(' '));
    assert.ok(FOLDERS.some((d) => existsSync(path.join(EXAMPLES, d, '.dockerignore'))));
    assert.ok(FOLDERS.some((d) => !existsSync(path.join(EXAMPLES, d, '.dockerignore'))));
  });

  let contextRuleSeen = false;
  let conversionsCompared = 0;
  for (const folder of FOLDERS) {
    it(`${folder}: same codes, lines and messages; same sizes; same conversion`, async () => {
      const file = path.join(EXAMPLES, folder, 'Dockerfile');
      const text = readFileSync(file, 'utf8');
      const uri = pathToFileURL(file).toString();
      client.open(uri, text);
      const published = await client.waitForDiagnostics(uri, 1);
      const server: Finding[] = published.params.diagnostics.map((d: any) => [String(d.code), d.range.start.line + 1, d.message]);

      const lint = await runCli(['lint', file, '--format', 'json', '--no-config']);
      assert.ok(lint.code === 0 || lint.code === 1, lint.stderr);
      const cli: Finding[] = JSON.parse(lint.stdout).files[0].diagnostics.map((d: any) => [d.ruleId, d.line, d.message]);
      assert.deepEqual([...cli].sort(byPosition), [...server].sort(byPosition));
      for (const [code] of server) assert.match(code, /^DS\d{3}$/, 'every diagnostic carries our code');
      if (server.some(([code]) => code === 'DS303' || code === 'DS511')) contextRuleSeen = true;

      const estimate = await runCli(['estimate', file, '--format', 'json', '--arch', 'amd64', '--no-config']);
      assert.equal(estimate.code, 0, estimate.stderr);
      const fromCli = JSON.parse(estimate.stdout);
      const fromServer = await client.request<EstimateResult>(EstimateRequest, { textDocument: { uri } });
      assert.equal(fromServer.contextMeasured, fromCli.contextMeasured);
      assert.deepEqual(
        fromServer.stages.map((s) => [s.line + 1, s.compressedBytes, s.uncompressedBytes, s.discarded]),
        fromCli.stages.map((s: any) => [s.line, s.compressedBytes, s.uncompressedBytes, s.discarded]),
      );
      assert.deepEqual([fromServer.final?.compressedBytes, fromServer.final?.uncompressedBytes, fromServer.discardedBytes], [fromCli.final?.compressedBytes, fromCli.final?.uncompressedBytes, fromCli.discardedBytes]);
      // The same conversion: offered on both sides or neither, the same text and notes.
      const convert = await runCli(['convert', file, '--to', 'multi-stage']);
      const conversions = await client.request<ConversionsResult>(ConversionsRequest, { textDocument: { uri }, kinds: ['multiStage'] });
      const offered = conversions.conversions.find((c) => c.kind === 'multiStage' && !c.placeholders.length);
      assert.equal(convert.code === 0, !!offered, `CLI exit ${convert.code} (${convert.stderr.trim()}), server ${offered ? 'offers' : 'does not offer'} it`);
      if (offered) {
        conversionsCompared++;
        assert.equal(convert.stdout, offered.text);
        assert.deepEqual(convert.stderr.trim().split('\n').filter((l) => l.startsWith('note: ')), offered.notes.map((n) => `note: ${n}`));
      }
      client.notify('textDocument/didClose', { textDocument: { uri } });
    });
  }

  for (const file of FIXTURE_FILES) {
    it(`${path.relative(FIXTURES, file)}: same codes, lines and messages`, async () => {
      const text = readFileSync(file, 'latin1');
      const uri = pathToFileURL(file).toString();
      client.open(uri, text);
      const published = await client.waitForDiagnostics(uri, 1);
      const server: Finding[] = published.params.diagnostics.map((d: any) => [String(d.code), d.range.start.line + 1, d.message]);
      client.notify('textDocument/didClose', { textDocument: { uri } });
      const lint = await runCli(['lint', file, '--format', 'json', '--no-config']);
      if (lint.code === 2) {
        // The CLI refuses a binary file as input (exit 2, a reason); the editor shows one note with a code.
        assert.match(lint.stderr, /binary file/);
        assert.deepEqual(server.map(([code]) => code), ['DS099']);
        return;
      }
      const cli: Finding[] = JSON.parse(lint.stdout).files[0].diagnostics.map((d: any) => [d.ruleId, d.line, d.message]);
      assert.deepEqual([...cli].sort(byPosition), [...server].sort(byPosition));
      for (const [code] of server) assert.match(code, /^DS\d{3}$/, 'every diagnostic carries our code');
    });
  }

  it('the context rules ran on both sides (some folder has no .dockerignore), and conversions were compared', () => {
    assert.ok(contextRuleSeen, 'DS303 or DS511 reported on some example folder');
    assert.ok(conversionsCompared >= 5, `${conversionsCompared} conversions compared`);
  });
});
