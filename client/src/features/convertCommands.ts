/**
 * Palette commands for the conversions (issue 9): `Convert to multi-stage build`, `Split into
 * dev/build/runtime`, `Switch base image`. Each asks the server for the conversion (custom request
 * `dockerfileStages/conversions`), asks the user for any value the conversion could not determine (an
 * input box, never a silent guess), and applies it as one undoable WorkspaceEdit through VS Code's
 * refactor preview (needsConfirmation + isRefactoring). The code lens of the size estimate and the code
 * actions that need a value run `dockerfileStages.convertToMultiStage` with a uri (and a kind).
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../../../common/ids';
import { ConversionInfo, ConversionRequestKind, ConversionsParams, ConversionsRequest, ConversionsResult } from '../../../common/protocol';
import type { ClientContext, ClientFeature } from './feature';
import { rememberConversion } from './conversionHistory';

export interface ConvertCommandOptions {
  /** Show VS Code's refactor preview before applying (default true). Tests pass false. */
  preview?: boolean;
  /** Placeholder values given up front (tests, other extensions): skips the input boxes. */
  values?: Record<string, string>;
  /** Pick this conversion title when several are offered (switch base). */
  pick?: string;
}

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

async function run(ctx: ClientContext, kind: ConversionRequestKind, uriArg: unknown, options: ConvertCommandOptions = {}): Promise<ConvertCommandResult> {
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
    if (options.pick) chosen = result.conversions.find((c) => c.title === options.pick);
    else {
      const item = await vscode.window.showQuickPick(
        result.conversions.map((c) => ({ label: c.title, detail: c.notes.join(' '), conversion: c })),
        { placeHolder: 'Choose the conversion' },
      );
      chosen = item?.conversion;
    }
    if (!chosen) return { applied: false, reason: 'cancelled' };
  }
  if (chosen.placeholders.length) {
    const values: Record<string, string> = {};
    for (const p of chosen.placeholders) {
      const given = options.values?.[p.token];
      const value =
        given ??
        (await vscode.window.showInputBox({
          title: chosen.title,
          prompt: `${p.prompt}: it could not be determined from the Dockerfile. Confirm or correct it.`,
          value: p.suggestion,
          ignoreFocusOut: true,
          validateInput: (v) =>
            p.token === '__ARTIFACT_PATH__' ? (v.startsWith('/') ? undefined : 'An absolute path in the build stage, like /app/bin/server') : v.trim() && !/["\s]/.test(v) ? undefined : 'One word, without spaces or quotes',
        }));
      if (value === undefined) return { applied: false, reason: 'cancelled' };
      values[p.token] = value;
    }
    result = await client.sendRequest<ConversionsResult>(ConversionsRequest, { ...params, values });
    const again = result.conversions.find((c) => c.kind === chosen!.kind && c.placeholders.length === 0);
    if (!again) {
      const reason = result.skipped[0]?.reason ?? 'the conversion is not valid with that path';
      void vscode.window.showWarningMessage(`Dockerfile Stages: ${reason}.`);
      return { applied: false, reason };
    }
    chosen = again;
  }
  if (result.version !== document.version) return { applied: false, reason: 'the document changed meanwhile' };
  const textBefore = document.getText();
  const edit = new vscode.WorkspaceEdit();
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const preview = options.preview !== false;
  edit.replace(document.uri, whole, chosen.text, { needsConfirmation: preview, label: chosen.title, description: chosen.notes.join(' ') });
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: preview });
  if (applied) rememberConversion(document.uri.toString(), textBefore, document.getText());
  if (applied && chosen.notes.length) void vscode.window.showInformationMessage(`${chosen.title}: ${chosen.notes.join(' ')}`);
  return { applied, title: chosen.title };
}

export const convertCommands: ClientFeature = {
  name: 'convertCommands',
  activate(ctx) {
    return [
      vscode.commands.registerCommand(Commands.convertToMultiStage, (uri?: unknown, kind?: ConversionRequestKind, options?: ConvertCommandOptions) =>
        run(ctx, kind === 'multiStageNginx' || kind === 'multiStageRunArtifact' || kind === 'devBuildRuntime' ? kind : 'multiStage', uri, options),
      ),
      vscode.commands.registerCommand(Commands.splitDevBuildRuntime, (uri?: unknown, options?: ConvertCommandOptions) => run(ctx, 'devBuildRuntime', uri, options)),
      vscode.commands.registerCommand(Commands.switchBaseImage, (uri?: unknown, options?: ConvertCommandOptions) => run(ctx, 'switchBase', uri, options)),
    ];
  },
};
