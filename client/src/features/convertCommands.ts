/**
 * Palette commands for the conversions (issue 9): `Convert to multi-stage build`, `Split into
 * dev/build/runtime`, `Switch base image`; the size CodeLens and the code actions that need a value run
 * `dockerfileStages.convertToMultiStage` with a uri (and a kind). Each asks the server for the conversion
 * (custom request `dockerfileStages/conversions`), lets the user choose when several apply (switch base),
 * asks for any value the conversion could not determine (an input box holding the detected value, never a
 * silent guess), and applies it at once: the changed lines only, in one WorkspaceEdit (one undo step).
 *
 * Then a message says what changed (the conversion's title and notes) and offers Undo and, when the
 * workspace is trusted, Verify by building. Code actions applied from the light bulb (or its
 * preview) show the same message: their resolved action runs `dockerfileStages.conversionApplied`, which
 * the client declares to the server as an experimental capability (see `conversionAppliedCapability`).
 */
import * as vscode from 'vscode';
import type { StaticFeature } from 'vscode-languageclient/node';
import { ClientCapabilityKeys, Commands, LANGUAGE_ID } from '../../../common/ids';
import { ConversionInfo, ConversionRequestKind, ConversionsParams, ConversionsRequest, ConversionsResult } from '../../../common/protocol';
import type { ClientContext, ClientFeature } from './feature';
import { rememberConversion } from './conversionHistory';

const UNDO = 'Undo';
const VERIFY = 'Verify by building';

export interface ConvertCommandResult {
  applied: boolean;
  title?: string;
  reason?: string;
}

async function targetDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (typeof uri === 'string') return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === LANGUAGE_ID ? doc : undefined;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/**
 * Says what a conversion changed, with Undo (while the document is still as the conversion left it) and
 * Verify by building (in a trusted workspace: it runs the user's builder). Not awaited by the commands: the message stays until closed.
 */
async function announce(uri: vscode.Uri, title: string, notes: readonly string[]): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const versionAfter = document?.version;
  const actions = [UNDO];
  if (vscode.workspace.isTrusted) actions.push(VERIFY);
  const text = `${fileName(uri)}: applied "${title}".${notes.length ? ` ${notes.join(' ')}` : ''}`;
  const choice = await vscode.window.showInformationMessage(text, ...actions);
  if (choice === UNDO) {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (versionAfter !== undefined && doc.version !== versionAfter) {
      void vscode.window.showWarningMessage(`${fileName(uri)} changed after the conversion: undo it with Edit > Undo in the editor.`);
      return;
    }
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
  } else if (choice === VERIFY) {
    await vscode.commands.executeCommand(Commands.verifyConversion, uri.toString());
  }
}

async function askPlaceholders(chosen: ConversionInfo): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = {};
  for (const p of chosen.placeholders) {
    const value = await vscode.window.showInputBox({
      title: chosen.title,
      prompt: `${p.prompt}: it could not be determined from the Dockerfile. Confirm or correct it.`,
      value: p.suggestion,
      ignoreFocusOut: true,
      validateInput: (v) =>
        p.token === '__ARTIFACT_PATH__' ? (v.startsWith('/') ? undefined : 'An absolute path in the build stage, like /app/bin/server') : v.trim() && !/["\s]/.test(v) ? undefined : 'One word, without spaces or quotes',
    });
    if (value === undefined) return undefined;
    values[p.token] = value;
  }
  return values;
}

async function run(ctx: ClientContext, kind: ConversionRequestKind, uriArg: unknown): Promise<ConvertCommandResult> {
  const document = await targetDocument(uriArg);
  if (!document) {
    void vscode.window.showWarningMessage('Dockerfile Stages: open a Dockerfile first.');
    return { applied: false, reason: 'no Dockerfile' };
  }
  await ctx.ready();
  const client = ctx.client();
  if (!client) return { applied: false, reason: 'the language server is not running' };
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const params: ConversionsParams = { textDocument: { uri: document.uri.toString() }, kinds: [kind], line: editor?.selection.active.line };
  let result = await client.sendRequest<ConversionsResult>(ConversionsRequest, params);
  if (!result.conversions.length) {
    const reason = result.skipped[0]?.reason ?? 'no conversion applies';
    void vscode.window.showInformationMessage(`Dockerfile Stages: ${reason}.`);
    return { applied: false, reason };
  }
  let chosen: ConversionInfo | undefined = result.conversions[0];
  if (result.conversions.length > 1) {
    const item = await vscode.window.showQuickPick(
      result.conversions.map((c) => ({ label: c.title, detail: c.notes.join(' '), conversion: c })),
      { title: `Dockerfile Stages: ${fileName(document.uri)}`, placeHolder: 'Choose the conversion' },
    );
    chosen = item?.conversion;
    if (!chosen) return { applied: false, reason: 'cancelled' };
  }
  if (chosen.placeholders.length) {
    const values = await askPlaceholders(chosen);
    if (!values) return { applied: false, reason: 'cancelled' };
    result = await client.sendRequest<ConversionsResult>(ConversionsRequest, { ...params, values });
    const again = result.conversions.find((c) => c.kind === chosen!.kind && c.title === chosen!.title && c.placeholders.length === 0) ?? result.conversions.find((c) => c.kind === chosen!.kind && c.placeholders.length === 0);
    if (!again) {
      const reason = result.skipped[0]?.reason ?? 'the conversion is not valid with that value';
      void vscode.window.showWarningMessage(`Dockerfile Stages: ${reason}.`);
      return { applied: false, reason };
    }
    chosen = again;
  }
  if (result.version !== document.version) {
    const reason = `${fileName(document.uri)} changed while the conversion was computed; run it again`;
    void vscode.window.showWarningMessage(`Dockerfile Stages: ${reason}.`);
    return { applied: false, reason };
  }
  const textBefore = document.getText();
  // The changed lines only, in one edit: one undo step, and the diff shows just what changed.
  const edit = new vscode.WorkspaceEdit();
  for (const e of chosen.edits) {
    edit.replace(document.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) {
    void vscode.window.showWarningMessage(`Dockerfile Stages: ${chosen.title} could not be applied to ${fileName(document.uri)}.`);
    return { applied: false, title: chosen.title, reason: 'the edit was not applied' };
  }
  // Verify by building compares with the text before the conversion, saved or not.
  rememberConversion(document.uri.toString(), textBefore, document.getText());
  void announce(document.uri, chosen.title, chosen.notes);
  return { applied: true, title: chosen.title };
}

/** Declares to the server that this client has the `conversionApplied` command (resolved conversion actions then run it). */
export const conversionAppliedCapability: StaticFeature = {
  fillClientCapabilities(capabilities) {
    const experimental = (capabilities.experimental ?? {}) as Record<string, unknown>;
    capabilities.experimental = { ...experimental, [ClientCapabilityKeys.section]: { [ClientCapabilityKeys.conversionApplied]: true } };
  },
  initialize() {},
  getState: () => ({ kind: 'static' }),
  clear() {},
};

export const convertCommands: ClientFeature = {
  name: 'convertCommands',
  activate(ctx) {
    return [
      vscode.commands.registerCommand(Commands.convertToMultiStage, (uri?: unknown, kind?: ConversionRequestKind) =>
        run(ctx, kind === 'multiStageNginx' || kind === 'multiStageRunArtifact' || kind === 'devBuildRuntime' ? kind : 'multiStage', uri),
      ),
      vscode.commands.registerCommand(Commands.splitDevBuildRuntime, (uri?: unknown) => run(ctx, 'devBuildRuntime', uri)),
      vscode.commands.registerCommand(Commands.switchBaseImage, (uri?: unknown) => run(ctx, 'switchBase', uri)),
      // Run by a conversion code action after VS Code applied its edit (from the light bulb or its preview).
      vscode.commands.registerCommand(Commands.conversionApplied, (uri: string, title: string, notes?: string[]) => {
        void announce(vscode.Uri.parse(uri), String(title), Array.isArray(notes) ? notes.map(String) : []);
      }),
    ];
  },
};
