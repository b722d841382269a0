/**
 * The @vscode/test-electron entry (extensionTestsPath): VS Code calls run() inside the extension host and
 * treats a rejection as failure. scripts/e2e/run-test-electron.mjs bundles this next to dist/suite.js.
 */
import * as path from 'path';
import { runSuite } from './runSuite';

export async function run(): Promise<void> {
  const result = await runSuite({
    suiteFile: path.join(__dirname, 'suite.js'),
    grep: process.env.E2E_GREP || undefined,
  });
  if (result.failures > 0) throw new Error(`${result.failures} e2e test(s) failed`);
}
