// The workbench as a user sees it, driven through Playwright: keys, clicks, and what is on screen. Locators
// come from accessible names and roles (tabs, options, buttons, dialogs); the editor's text is read from its
// rendered lines (Monaco renders each line as a `.view-line` inside the element with role `code`). Every
// wait is on something appearing on screen or on disk, with a deadline only so that a missing one fails.
import fs from 'node:fs';
import path from 'node:path';

const DEADLINE_MS = 20_000;

export class Workbench {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ workspace: string, screenshotsDir: string, failuresDir: string, log: (m: string) => void }} options
   */
  constructor(page, { workspace, screenshotsDir, failuresDir, log }) {
    this.page = page;
    this.workspace = workspace;
    this.screenshotsDir = screenshotsDir;
    this.failuresDir = failuresDir;
    this.log = log;
  }

  /** Polls `probe` until it returns a truthy value; fails with `what` and the last value seen. */
  async until(what, probe, timeoutMs = DEADLINE_MS) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try {
        last = await probe();
        if (last) return last;
      } catch (e) {
        last = e instanceof Error ? e.message : String(e);
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${typeof last === 'string' ? last : JSON.stringify(last)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Presses keys in turn (`Control+p`, `Enter` ...). */
  async keys(...keys) {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  /** Quick open (Ctrl+P): types the file name and picks the entry in `dir`; waits for its tab to be the active one. */
  async open(relPath) {
    const name = path.basename(relPath);
    const dir = path.dirname(relPath);
    await this.keys('Control+p');
    await this.page.keyboard.type(name);
    // A file in a folder is listed with its folder after the name; one at the top of the workspace with nothing
    // but the entry's own words (", recently opened") after it.
    const label = new RegExp(dir === '.' ? `^${escape(name)}(?![\\w.-])` : `^${escape(name)} ${escape(dir)}`);
    await this.page.getByRole('listbox').getByRole('option', { name: label }).first().click();
    await this.activeTab(name).waitFor({ timeout: DEADLINE_MS });
  }

  /** The selected editor tab with this file name. */
  activeTab(name) {
    return this.page.getByRole('tab', { name: new RegExp(`^${escape(name)}(, preview)?$`), selected: true });
  }

  /** The editor (role `code`) whose input is named after the file. */
  editor(name) {
    // The input is named after the file (then ", preview" and the like for a preview editor).
    return this.page.getByRole('code').filter({ has: this.page.getByRole('textbox', { name: new RegExp(`^${escape(name)}(,|$)`) }) }).first();
  }

  /** The editor's text as rendered, line by line in order (a document short enough to be on screen whole). */
  async editorText(name) {
    return this.editor(name).evaluate((el) =>
      [...el.querySelectorAll('.view-lines .view-line')]
        .map((line) => [parseFloat(line.style.top), (line.textContent ?? '').replace(/\u00a0/g, ' ')])
        .sort((a, b) => a[0] - b[0])
        .map((x) => x[1])
        .join('\n'),
    );
  }

  /** Waits until the editor shows `expected` (a string: exactly; a RegExp: matching). Returns the text. */
  async expectEditor(name, expected, what = String(expected)) {
    return this.until(`${name} to show ${what}`, async () => {
      const text = await this.editorText(name);
      const ok = typeof expected === 'string' ? text === expected : expected.test(text);
      if (!ok) throw new Error(`the editor shows:\n${text}`);
      return text;
    });
  }

  /** Focuses the editor of this file (a click on its tab). */
  async focusEditor(name) {
    await this.activeTab(name).click();
    await this.editor(name).getByRole('textbox').focus();
  }

  /** Go to line (Ctrl+G). */
  async goToLine(line) {
    await this.keys('Control+g');
    await this.page.keyboard.type(String(line));
    await this.keys('Enter');
  }

  /** Saves (Ctrl+S) and waits until the file on disk holds what the editor shows; returns that text. */
  async saveAndRead(name, relPath) {
    const screen = await this.editorText(name);
    await this.keys('Control+s');
    const file = path.join(this.workspace, relPath);
    return this.until(`${relPath} on disk to equal the editor`, () => {
      const disk = fs.readFileSync(file, 'utf8');
      if (disk !== screen) throw new Error(`on disk:\n${disk}\non screen:\n${screen}`);
      return disk;
    });
  }

  /** The code lens (a button) whose title matches. */
  lens(title) {
    return this.page.getByRole('button', { name: title });
  }

  /** Runs a command from the palette (Ctrl+Shift+P) by its title. */
  async palette(title) {
    await this.keys('Control+Shift+p');
    await this.page.keyboard.type(title);
    // An option's name is the command's title, then its key binding when it has one.
    await this.page.getByRole('listbox').getByRole('option', { name: new RegExp(`^${escape(title)}(,|$)`) }).first().click();
  }

  /** Opens the light bulb's menu (Ctrl+.) at the cursor; returns the menu (listbox "Action Widget"). */
  async codeActions() {
    const menu = this.page.getByRole('listbox', { name: 'Action Widget' });
    // Pressed again when the menu does not come: right after a file opens, the actions may not be computed
    // yet (VS Code then shows nothing), or a closing quick input may still hold the key.
    for (let attempt = 1; ; attempt++) {
      await this.keys('Control+.');
      const shown = await menu.waitFor({ timeout: DEADLINE_MS / 4 }).then(
        () => true,
        () => false,
      );
      if (shown) return menu;
      if (attempt === 4) throw new Error('the light-bulb menu (Ctrl+.) did not open after 4 tries');
      this.log(`Ctrl+. showed no menu (try ${attempt}); pressing it again`);
    }
  }

  /** The notification toast whose text matches. */
  notification(text) {
    return this.page.locator('.notifications-toasts').getByRole('dialog', { name: text });
  }

  /** Closes every notification (palette: Notifications: Clear All Notifications). */
  async clearNotifications() {
    await this.palette('Notifications: Clear All Notifications');
  }

  /** The status-bar entry (a button) whose accessible name matches. */
  statusBarItem(name) {
    return this.page.getByRole('status').getByRole('button', { name });
  }

  /** A screenshot into test-results/ (copied into docs/images by E2E_UPDATE_DOCS), or with `docs: false` into test-results/e2e/. */
  async screenshot(file, { docs = true } = {}) {
    const target = path.join(docs ? this.screenshotsDir : this.failuresDir, file);
    await this.page.screenshot({ path: target });
    this.log(`screenshot: ${path.relative(process.cwd(), target)}`);
  }
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
