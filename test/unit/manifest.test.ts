/** The manifest's packaging promises: repository, icon, walkthrough, honest capabilities, localizable strings. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Commands, REPOSITORY_URL, RULE_DOCS_BASE } from '../../common/ids';
import { ROOT } from '../support/lspClient';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));

describe('manifest', () => {
  it('names its repository, and the docs links are derived from it', () => {
    assert.equal(pkg.repository.url, REPOSITORY_URL);
    assert.ok(RULE_DOCS_BASE.startsWith(`${REPOSITORY_URL}/blob/`));
  });

  it('has a 128x128 PNG icon', () => {
    const png = readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('does not claim virtual workspaces: the client takes file and untitled documents only', () => {
    assert.equal(pkg.capabilities.virtualWorkspaces, false);
  });

  it('has a walkthrough: see the stages, read the size, convert; its pages exist', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['stages', 'size', 'convert']);
    for (const step of walkthrough.steps) assert.ok(existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
  });

  it('puts user-facing strings in package.nls.json', () => {
    for (const value of [pkg.displayName, pkg.description, ...pkg.contributes.commands.map((c: { title: string }) => c.title)]) {
      assert.match(value, /^%.+%$/);
      assert.ok(nls[value.slice(1, -1)], value);
    }
  });

  it('declares the rule docs command but keeps it out of the palette (it takes a code)', () => {
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === Commands.openRuleDocs));
    assert.ok(pkg.contributes.menus.commandPalette.some((m: { command: string; when: string }) => m.command === Commands.openRuleDocs && m.when === 'false'));
  });

  it('the vsix holds only what the extension loads (npx vsce ls)', () => {
    const listed = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .sort();
    const allowed = [/^dist\/(extension|server|cli)\.js(\.map)?$/, /^package(\.nls)?\.json$/, /^(README|CHANGELOG)\.md$/, /^LICENSE$/, /^images\/icon\.png$/, /^language-configuration\.json$/, /^syntaxes\/[^/]+\.json$/, /^docs\/rules\/[^/]+\.md$/, /^docs\/walkthrough\/[^/]+\.md$/];
    for (const file of listed) assert.ok(allowed.some((re) => re.test(file)), `${file} is in the vsix`);
    // dist/cli.js: *Verify conversion by building* runs the CLI's verify.
    for (const needed of ['dist/extension.js', 'dist/server.js', 'dist/server.js.map', 'dist/cli.js', 'package.nls.json', 'images/icon.png', 'docs/rules/standard.md', 'docs/walkthrough/size.md']) {
      assert.ok(listed.includes(needed), `${needed} is missing from the vsix`);
    }
  });
});
