// Runs the Playwright-driven UI tests (test/e2e/ui/*.ui.mjs) against the workbench the harness opened, in
// file-name order, one after the other. Before each: every editor closed without saving, no notification.
// A failing test leaves test-results/e2e/ui-<n>-failure.png. Used by scripts/e2e/run-code-server.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workbench } from './workbench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @param {{ page: import('playwright-core').Page, workspace: string, screenshotsDir: string, failuresDir: string,
 *   grep?: string, timeoutMs?: number, log: (m: string) => void, onResult: (r: { title: string, ok: boolean, ms: number, error?: Error }) => void }} options
 */
export async function runUiTests(options) {
  const ui = new Workbench(options.page, options);
  // No action waits forever: a missing element fails the test.
  options.page.setDefaultTimeout(20_000);
  const files = fs.readdirSync(here).filter((f) => f.endsWith('.ui.mjs')).sort();
  const all = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(here, f)).href);
    for (const t of mod.tests) all.push({ ...t, title: `UI ${f.replace(/\.ui\.mjs$/, '')}: ${t.name}` });
  }
  const chosen = options.grep ? all.filter((t) => t.title.includes(options.grep)) : all;
  options.log(`UI tests: ${chosen.length} of ${all.length}`);
  let n = 0;
  for (const t of chosen) {
    n++;
    const started = Date.now();
    try {
      await reset(ui);
      let timer;
      const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${options.timeoutMs ?? 90_000} ms`)), options.timeoutMs ?? 90_000)));
      try {
        await Promise.race([t.run(ui), timeout]);
      } finally {
        clearTimeout(timer);
      }
      options.onResult({ title: t.title, ok: true, ms: Date.now() - started });
    } catch (error) {
      await options.page.screenshot({ path: path.join(options.failuresDir, `ui-${n}-failure.png`) }).catch(() => {});
      options.onResult({ title: t.title, ok: false, ms: Date.now() - started, error });
    }
  }
}

/** Closes every editor, discarding changes, and every notification; leaves the focus in the workbench. */
async function reset(ui) {
  await ui.keys('Escape', 'Escape');
  // A refactor preview left open (a test that failed half-way) holds back the next edit: discard it.
  const discard = ui.page.getByRole('button', { name: 'Discard', exact: true });
  if (await discard.isVisible().catch(() => false)) await discard.click();
  await ui.palette('View: Close All Editors');
  // A dirty editor (a test that failed half-way) makes Close All ask: answer "Don't Save".
  const dontSave = ui.page.getByRole('button', { name: "Don't Save" });
  await dontSave.waitFor({ timeout: 1000 }).then(() => dontSave.click(), () => undefined);
  await ui.clearNotifications();
}
