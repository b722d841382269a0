/**
 * Helpers for the e2e suite. Everything goes through VS Code's public API: the extension's activate()
 * result, vscode.languages.onDidChangeDiagnostics and the vscode.execute*Provider commands. Nothing here
 * sleeps: every wait is on an event, with a deadline only so that a missing event fails the test.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dockerfile-stages.dockerfile-stages';
export const LANGUAGE_ID = 'dockerfile';

/** What the extension's activate() returns (the part the suite relies on). */
export interface ExtensionApi {
  /** Resolves once the language client is running. */
  ready: Promise<void>;
}

let api: ExtensionApi | undefined;

/** Activates the extension (once) and waits until its language client is running. */
export async function activateExtension(): Promise<ExtensionApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const exported = await ext.activate();
  assert.ok(exported && typeof exported === 'object', 'activate() returns the extension API');
  assert.ok(exported.ready && typeof exported.ready.then === 'function', 'the API has a `ready` promise');
  await exported.ready;
  api = exported;
  return api;
}

/** The folder holding the e2e fixtures (test/fixtures/e2e, or a copy of it made by the host). */
export function fixturesDir(): string {
  const fromEnv = process.env.E2E_FIXTURES_DIR;
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'E2E_FIXTURES_DIR is not set and no workspace folder is open');
  return folder.uri.fsPath;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(fixturesDir(), name));
}

/** Opens a fixture in an editor, as a user would. */
export async function openFixture(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

let untitledCount = 0;

/**
 * Opens an untitled Dockerfile with the given content (for tests that edit freely). Each under a name of its own
 * (untitled:stages-e2e-N.Dockerfile, a Dockerfile by its name): VS Code hands the next plain untitled document the
 * URI of the last one closed (untitled:Untitled-1), and a test then met the diagnostics of the test before it.
 */
export async function openUntitled(content: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `stages-e2e-${++untitledCount}.Dockerfile` }));
  assert.strictEqual(doc.languageId, LANGUAGE_ID, `${doc.uri.toString()} opens as a Dockerfile`);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), content)), 'the content is inserted');
  return { doc, editor };
}

const DEFAULT_WAIT_MS = 20_000;

/**
 * Resolves with the document's diagnostics once `accept` holds for them: checks what is there now, then
 * each vscode.languages.onDidChangeDiagnostics event for the document. Rejects after `timeoutMs`.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  what = 'the expected diagnostics',
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let sub: vscode.Disposable | undefined; // eslint-disable-line prefer-const -- set below, after finish() that reads it
    const finish = (error: Error | undefined, value?: readonly vscode.Diagnostic[]) => {
      clearTimeout(timer);
      sub?.dispose();
      if (error) reject(error);
      else resolve(value!);
    };
    const timer = setTimeout(() => {
      const now = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
      finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${uri.toString()}; diagnostics now: ${JSON.stringify(now)}`));
    }, timeoutMs);
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (accept(current)) finish(undefined, current);
    };
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

/** Diagnostics published by this extension's server (source `dockerfile-stages`). */
export function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === 'dockerfile-stages');
}

/** Position of the first occurrence of `needle` in the document (at `offset` characters into the match). */
export function positionOf(doc: vscode.TextDocument, needle: string | RegExp, offset = 0): vscode.Position {
  const text = doc.getText();
  let index: number;
  if (typeof needle === 'string') index = text.indexOf(needle);
  else {
    const m = needle.exec(text);
    index = m ? m.index : -1;
  }
  assert.ok(index >= 0, `${String(needle)} is not in ${doc.uri.toString()}`);
  return doc.positionAt(index + offset);
}

/** The plain text of hover contents, whatever form each part takes. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  const parts: string[] = [];
  for (const h of hovers) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c instanceof vscode.MarkdownString) parts.push(c.value);
      else if (c && typeof c === 'object' && 'value' in c) parts.push(String((c as { value: unknown }).value));
    }
  }
  return parts.join('\n');
}

export function execute<T>(command: string, ...args: unknown[]): Promise<T> {
  return vscode.commands.executeCommand<T>(command, ...args) as Promise<T>;
}

/** Closes every editor, reverting unsaved changes, so tests start alike. */
export async function closeAllEditors(): Promise<void> {
  // Untitled documents with our diagnostics: the server clears those when it handles the close (below).
  const shown = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && ours(vscode.languages.getDiagnostics(d.uri)).length).map((d) => d.uri);
  // A dirty editor would make closeAllEditors ask "Save changes?" and block the UI: revert those first.
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // An untitled document is closed (and its didClose sent) only when VS Code disposes it, a moment later; the next
  // test's untitled document may get the same URI (untitled:Untitled-1), so wait for the close to arrive first.
  const untitled = () => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled');
  await settled(vscode.workspace.onDidCloseTextDocument, () => !untitled().length);
  // And the server has handled those closes (it clears a closed document's diagnostics) before the next test opens
  // a document that may get one of the same URIs.
  await settled(vscode.languages.onDidChangeDiagnostics, () => shown.every((uri) => !ours(vscode.languages.getDiagnostics(uri)).length));
}

/** Resolves once `done()` holds, checked now and after each `event`, or after `timeoutMs` whatever it says. */
function settled(event: vscode.Event<unknown>, done: () => boolean, timeoutMs = 5_000): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    const sub = event(() => {
      if (done()) finish();
    });
  });
}
