// Conversions and refactors by clicks and keys in the real workbench (code-server in chromium): the size
// lens, the light bulb's menu, its Preview (Ctrl+Enter) and the refactor preview's Apply, the three palette
// commands, the quick pick and the input box they ask with, the message's Undo, typing and undoing, and the
// DS303 quick fix that creates a .dockerignore. Each step checks what the editor shows and, after a save,
// what is on disk. Fixtures: test/fixtures/e2e/ui (copied into the workspace).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const GO = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nEXPOSE 8080\nCMD ["./server"]\n';
/** What the Go conversion gives, whatever else it adds (the recipes evolve): a build stage, a small runtime, the binary copied. */
const GO_CONVERTED = /^FROM golang:1\.22 AS build\n[\s\S]*\nFROM gcr\.io\/distroless\/static\S*\n[\s\S]*^COPY --from=build \/app\/server \/app\/server\n[\s\S]*^CMD \["\.\/server"\]\n$/m;

/** The size lens of a single-stage file (the one that converts). */
const SAVING_LENS = /^≈ [\d.]+ [MG]B · multi-stage ≈ [\d.]+ [MG]B \(−\d+ %\)$/;
const FINAL_LENS = /^≈ ([\d.]+ [MG]B) final image/;
const BUILD_LENS = /^build stage ≈ [\d.]+ [MG]B · discarded$/;

/** @param {import('./workbench.mjs').Workbench} ui */
async function fresh(ui, relPath, original) {
  const name = path.basename(relPath);
  assert.equal(fs.readFileSync(path.join(ui.workspace, relPath), 'utf8'), original, `${relPath} starts as the fixture`);
  await ui.open(relPath);
  await ui.expectEditor(name, original.endsWith('\n') ? original : `${original}\n`, 'the fixture');
  return name;
}

/** @type {{ name: string, run: (ui: import('./workbench.mjs').Workbench) => Promise<void> }[]} */
export const tests = [
  {
    name: 'the size lens converts at once; the status bar follows; the message says what changed and its Undo restores the file',
    async run(ui) {
      const file = 'ui/convert/lens.Dockerfile';
      const name = await fresh(ui, file, GO);
      const lens = ui.lens(SAVING_LENS);
      await lens.waitFor();
      const saving = (await lens.textContent()) ?? '';
      const projected = /multi-stage ≈ ([\d.]+ [MG]B)/.exec(saving)[1];
      await ui.statusBarItem(/≈ [\d.]+ [MG]B, Final image \(estimate/).waitFor();
      await lens.click();
      const converted = await ui.expectEditor(name, GO_CONVERTED, 'the multi-stage conversion');
      // The lenses follow the new text: the build stage is discarded; the lens above the runtime stage and
      // the status bar show the final image the lens promised.
      await ui.lens(BUILD_LENS).waitFor();
      const final = ui.lens(FINAL_LENS);
      await final.waitFor();
      await ui.until('the single-stage lens to go', async () => (await ui.lens(SAVING_LENS).count()) === 0);
      assert.equal(FINAL_LENS.exec((await final.textContent()) ?? '')[1], projected);
      await ui.statusBarItem(new RegExp(`≈ ${projected.replace('.', '\\.')}, Final image`)).waitFor();
      const message = ui.notification(/lens\.Dockerfile: applied "Convert to a multi-stage build/);
      await message.waitFor();
      await ui.screenshot('dockerfile-conversion-applied.png');
      assert.equal(await ui.saveAndRead(name, file), converted);
      await message.getByRole('button', { name: 'Undo' }).click();
      await ui.expectEditor(name, GO, 'the original after Undo');
      await ui.lens(SAVING_LENS).waitFor();
      assert.equal(await ui.saveAndRead(name, file), GO);
    },
  },
  {
    name: 'the light bulb on FROM offers the rewrites; picking "Convert to a multi-stage build" applies it',
    async run(ui) {
      const file = 'ui/convert/lightbulb.Dockerfile';
      const name = await fresh(ui, file, GO);
      await ui.lens(SAVING_LENS).waitFor();
      await ui.focusEditor(name);
      await ui.goToLine(1);
      const menu = await ui.codeActions();
      for (const title of [/^Convert to a multi-stage build/, /^Split into dev\/build\/runtime/, /^Switch base to golang:1\.22-/]) {
        await menu.getByRole('option', { name: title }).first().waitFor();
      }
      await ui.screenshot('dockerfile-refactor-menu.png');
      await menu.getByRole('option', { name: /^Convert to a multi-stage build/ }).click();
      const converted = await ui.expectEditor(name, GO_CONVERTED, 'the multi-stage conversion');
      await ui.notification(/lightbulb\.Dockerfile: applied "Convert to a multi-stage build/).waitFor();
      assert.equal(await ui.saveAndRead(name, file), converted);
    },
  },
  {
    name: "the light bulb's Preview (Ctrl+Enter) shows only the changed lines, ticked; the preview's Apply applies them",
    async run(ui) {
      const file = 'ui/convert/preview.Dockerfile';
      const name = await fresh(ui, file, GO);
      await ui.lens(SAVING_LENS).waitFor();
      await ui.focusEditor(name);
      await ui.goToLine(1);
      const menu = await ui.codeActions();
      await menu.getByRole('option', { name: /^Convert to a multi-stage build/ }).hover();
      await ui.keys('Control+Enter');
      const tree = ui.page.getByRole('tree', { name: 'Bulk Edit' });
      const fileEntry = tree.getByRole('checkbox', { name: /preview\.Dockerfile, making text edits/ });
      await fileEntry.waitFor();
      // One entry per run of changed lines, each ticked: not one struck-through replacement of the whole file.
      const edits = tree.getByRole('checkbox', { name: /^line \d+, / });
      await ui.until('the line edits in the preview', async () => (await edits.count()) >= 2);
      const count = await edits.count();
      for (let i = 0; i < count; i++) assert.equal(await edits.nth(i).getByRole('checkbox').isChecked(), true, `edit ${i + 1} of ${count} is ticked`);
      assert.equal(await ui.editorText(name), GO.replace(/\n$/, '\n'), 'nothing is applied before Apply');
      await fileEntry.click();
      await ui.page.getByRole('tab', { name: /^Refactor Preview \(1 file\)/ }).waitFor();
      await ui.screenshot('dockerfile-conversion-preview.png');
      await ui.page.getByRole('button', { name: 'Apply', exact: true }).click();
      await ui.activeTab(name).waitFor();
      const converted = await ui.expectEditor(name, GO_CONVERTED, 'the multi-stage conversion');
      await ui.notification(/preview\.Dockerfile: applied "Convert to a multi-stage build/).waitFor();
      await ui.focusEditor(name);
      assert.equal(await ui.saveAndRead(name, file), converted);
    },
  },
  {
    name: 'palette: Convert to multi-stage build applies at once, one undo step',
    async run(ui) {
      const file = 'ui/convert/palette.Dockerfile';
      const name = await fresh(ui, file, GO);
      await ui.lens(SAVING_LENS).waitFor();
      await ui.palette('Dockerfile Stages: Convert to multi-stage build');
      const converted = await ui.expectEditor(name, GO_CONVERTED, 'the multi-stage conversion');
      assert.equal(await ui.saveAndRead(name, file), converted);
      await ui.focusEditor(name);
      await ui.keys('Control+z');
      await ui.expectEditor(name, GO, 'the original after one undo');
      assert.equal(await ui.saveAndRead(name, file), GO);
    },
  },
  {
    name: 'palette: Split into dev/build/runtime',
    async run(ui) {
      const file = 'ui/convert/split.Dockerfile';
      const original = fs.readFileSync(path.join(ui.workspace, file), 'utf8');
      const name = await fresh(ui, file, original);
      await ui.lens(SAVING_LENS).waitFor();
      await ui.palette('Dockerfile Stages: Split into dev/build/runtime');
      const split = await ui.expectEditor(name, /^FROM node:20 AS dev$[\s\S]*^FROM dev AS build$[\s\S]*^FROM node:20-\w+$[\s\S]*^CMD \["node", "dist\/server\.js"\]$/m, 'the dev, build and runtime stages');
      await ui.notification(/split\.Dockerfile: applied "Split into dev\/build\/runtime/).waitFor();
      assert.equal(await ui.saveAndRead(name, file), split);
    },
  },
  {
    name: 'palette: Switch base image asks which variant (quick pick) and switches to it',
    async run(ui) {
      const file = 'ui/convert/switch.Dockerfile';
      const original = fs.readFileSync(path.join(ui.workspace, file), 'utf8');
      const name = await fresh(ui, file, original);
      await ui.lens(FINAL_LENS).waitFor();
      await ui.palette('Dockerfile Stages: Switch base image');
      const pick = ui.page.getByRole('listbox', { name: /^Choose the conversion/ });
      await pick.getByRole('option', { name: /^Switch base to python:3\.12-alpine/ }).waitFor();
      await pick.getByRole('option', { name: /^Switch base to python:3\.12-slim/ }).click();
      const switched = await ui.expectEditor(name, original.replace('FROM python:3.12\n', 'FROM python:3.12-slim\n'), 'FROM python:3.12-slim');
      assert.equal(await ui.saveAndRead(name, file), switched);
    },
  },
  {
    name: 'a path the conversion cannot determine is asked in an input box holding the detected value',
    async run(ui) {
      const file = 'ui/convert/artifact.Dockerfile';
      const original = fs.readFileSync(path.join(ui.workspace, file), 'utf8');
      const name = await fresh(ui, file, original);
      await ui.palette('Dockerfile Stages: Convert to multi-stage build');
      const input = ui.page.getByRole('textbox', { name: /^Convert to a multi-stage build/ });
      await input.waitFor();
      assert.equal(await input.inputValue(), '/bin/collector', 'the detected value is filled in');
      await ui.screenshot('ui-conversion-input-box.png', { docs: false });
      await input.fill('/usr/local/bin/collector');
      await ui.keys('Enter');
      const converted = await ui.expectEditor(name, /^COPY --from=build \/usr\/local\/bin\/collector \/usr\/local\/bin\/collector$/m, 'the confirmed path copied');
      assert.match(converted, /^ENTRYPOINT \["\/bin\/collector"\]$/m);
      assert.equal(await ui.saveAndRead(name, file), converted);
    },
  },
  {
    name: 'typing: the lenses follow the latest text; undo brings back the single-stage lens',
    async run(ui) {
      const file = 'ui/convert/typing.Dockerfile';
      const name = await fresh(ui, file, GO);
      await ui.lens(SAVING_LENS).waitFor();
      await ui.focusEditor(name);
      await ui.keys('Control+End');
      const added = ['FROM alpine:3.20', 'COPY --from=0 /app/server /server', 'CMD ["/server"]'];
      // Key by key, as fast as a typist; Escape closes the completion list before each Enter (and the e2e user
      // settings keep Enter from accepting a suggestion: scripts/e2e/run-code-server.mjs).
      for (const line of added) {
        await ui.page.keyboard.type(line, { delay: 15 });
        await ui.keys('Escape', 'Enter');
      }
      const typed = await ui.expectEditor(name, `${GO}${added.join('\n')}\n`, 'the typed stage');
      await ui.lens(BUILD_LENS).waitFor();
      await ui.lens(FINAL_LENS).waitFor();
      assert.equal(await ui.lens(SAVING_LENS).count(), 0, 'no single-stage lens on a multi-stage file');
      assert.equal(await ui.saveAndRead(name, file), typed);
      await ui.until('the typing undone', async () => {
        if ((await ui.editorText(name)) === GO) return true;
        await ui.keys('Control+z');
        return false;
      });
      await ui.lens(SAVING_LENS).waitFor();
      assert.equal(await ui.lens(FINAL_LENS).count(), 0);
      assert.equal(await ui.saveAndRead(name, file), GO);
    },
  },
  {
    name: 'the DS303 quick fix writes the .dockerignore and opens it in a tab',
    async run(ui) {
      const file = 'ui/ignore/Dockerfile';
      const ignore = path.join(ui.workspace, 'ui/ignore/.dockerignore');
      assert.equal(fs.existsSync(ignore), false);
      const original = fs.readFileSync(path.join(ui.workspace, file), 'utf8');
      const name = await fresh(ui, file, original);
      await ui.focusEditor(name);
      await ui.goToLine(5);
      const menu = await ui.codeActions();
      await menu.getByRole('option', { name: /^Create a \.dockerignore .*\(DS303\)/ }).click();
      await ui.activeTab('.dockerignore').waitFor();
      const shown = await ui.expectEditor('.dockerignore', /^node_modules$/m, 'the template');
      const disk = await ui.until('.dockerignore on disk', () => fs.existsSync(ignore) && fs.readFileSync(ignore, 'utf8'));
      // The editor shows what it has room for: the file's first lines.
      assert.ok(disk.startsWith(shown), `on screen:\n${shown}\non disk:\n${disk}`);
    },
  },
  {
    name: 'palette: Verify conversion by building runs the CLI (the bin that loads the server bundle) and says why a multi-stage file has nothing to verify',
    async run(ui) {
      await ui.open('multistage.Dockerfile');
      await ui.palette('Dockerfile Stages: Verify conversion by building');
      // The message ends with what the CLI wrote on stderr (`dockerfile-stages verify: nothing to verify: ...`).
      await ui.notification(/cannot verify multistage\.Dockerfile: .*nothing to verify: no multi-stage conversion/).waitFor();
      await ui.clearNotifications();
    },
  },
];
