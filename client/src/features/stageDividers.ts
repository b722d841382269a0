/**
 * A thin divider line above each FROM (after the first line), so the stages of a Dockerfile stand apart.
 * Setting `dockerfileStages.decorations.stageDividers` (on by default). The FROM lines are found in the
 * text: continuation lines and heredoc bodies are skipped, which is all the stage model needs here.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID, SETTINGS_SECTION } from '../../../common/ids';
import { defaultClientSettings } from '../../../common/settings';
import type { ClientFeature } from './feature';

const SETTING = 'decorations.stageDividers';

/** Lines (0-based) that start a stage: a FROM instruction, not inside a continuation or a heredoc. */
export function stageStartLines(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const out: number[] = [];
  let escape = '\\';
  let continued = false;
  const heredocs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (heredocs.length) {
      const end = heredocs[0];
      if (line.replace(/^\t+/, '') === end) heredocs.shift();
      continue;
    }
    const directive = /^#\s*escape\s*=\s*(\S)/i.exec(line);
    if (directive && out.length === 0) escape = directive[1];
    const trimmed = line.trim();
    if (!continued && /^FROM(\s|$)/i.test(trimmed)) out.push(i);
    if (trimmed.startsWith('#')) continue;
    for (const m of line.matchAll(/<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)) heredocs.push(m[2]);
    if (trimmed) continued = trimmed.endsWith(escape);
  }
  return out;
}

export const stageDividers: ClientFeature = {
  name: 'stageDividers',
  activate() {
    const decoration = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      borderWidth: '1px 0 0 0',
      borderStyle: 'solid',
      borderColor: new vscode.ThemeColor('editorRuler.foreground'),
    });
    const enabled = (doc: vscode.TextDocument) =>
      vscode.workspace.getConfiguration(SETTINGS_SECTION, doc.uri).get<boolean>(SETTING, defaultClientSettings.decorations.stageDividers);
    const update = (editor: vscode.TextEditor | undefined) => {
      if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
      const lines = enabled(editor.document) ? stageStartLines(editor.document.getText()).filter((l) => l > 0) : [];
      editor.setDecorations(decoration, lines.map((l) => new vscode.Range(l, 0, l, 0)));
    };
    const updateVisible = () => vscode.window.visibleTextEditors.forEach(update);
    updateVisible();
    return [
      decoration,
      vscode.window.onDidChangeVisibleTextEditors(updateVisible),
      vscode.workspace.onDidChangeTextDocument((e) => {
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) update(editor);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.${SETTING}`)) updateVisible();
      }),
    ];
  },
};
