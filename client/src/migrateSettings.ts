/**
 * Settings written before the rules map. `dockerfileStages.rules.<code>` (one setting per rule) needs no move:
 * VS Code reads a dotted key as an entry of the object it names, so `"dockerfileStages.rules.DS204": "off"` is
 * the map's DS204 entry (and the server reads an old `default` as "no entry"). `dockerfileStages.validation.<check>`
 * (ignore | warning | error) is moved: at activation, in every scope that has one (user, workspace, each folder),
 * its value is written into the map under the check's code (an entry already in the map wins), the old key is
 * removed where VS Code lets us, and the user is told once.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../common/ids';
import { LEGACY_VALIDATION_CODES, legacyValidationEntries } from '../../common/settings';

const NOTICE_SHOWN = 'dockerfileStages.settingsMigrationNotice';

interface Scope {
  target: vscode.ConfigurationTarget;
  config: vscode.WorkspaceConfiguration;
  label: string;
}

function scopes(): Scope[] {
  const out: Scope[] = [
    { target: vscode.ConfigurationTarget.Global, config: vscode.workspace.getConfiguration(SETTINGS_SECTION), label: 'user settings' },
  ];
  if (vscode.workspace.workspaceFolders?.length) {
    out.push({ target: vscode.ConfigurationTarget.Workspace, config: vscode.workspace.getConfiguration(SETTINGS_SECTION), label: 'workspace settings' });
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if ((vscode.workspace.workspaceFolders?.length ?? 0) < 2) break;
    out.push({ target: vscode.ConfigurationTarget.WorkspaceFolder, config: vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri), label: `folder ${folder.name}` });
  }
  return out;
}

function valueAt<T>(config: vscode.WorkspaceConfiguration, key: string, target: vscode.ConfigurationTarget): T | undefined {
  const i = config.inspect<T>(key);
  if (!i) return undefined;
  return target === vscode.ConfigurationTarget.Global ? i.globalValue : target === vscode.ConfigurationTarget.Workspace ? i.workspaceValue : i.workspaceFolderValue;
}

export async function migrateSettings(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  const migrated: string[] = [];
  const leftOver: string[] = [];
  for (const scope of scopes()) {
    const validation = Object.fromEntries(Object.keys(LEGACY_VALIDATION_CODES).map((k) => [k, valueAt(scope.config, `validation.${k}`, scope.target)]));
    const { keys, entries } = legacyValidationEntries(validation);
    if (!keys.length) continue;
    const map = { ...entries, ...(valueAt<Record<string, unknown>>(scope.config, 'rules', scope.target) ?? {}) };
    try {
      await scope.config.update('rules', map, scope.target);
      migrated.push(scope.label);
    } catch (e) {
      log.warn(`could not write dockerfileStages.rules in the ${scope.label}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    for (const key of keys) {
      try {
        await scope.config.update(key, undefined, scope.target);
      } catch {
        leftOver.push(`${SETTINGS_SECTION}.${key} (${scope.label})`);
      }
    }
  }
  if (!migrated.length) return;
  log.info(`moved old Dockerfile Stages settings into dockerfileStages.rules in the ${migrated.join(', ')}${leftOver.length ? `; still to delete by hand: ${leftOver.join(', ')}` : ''}`);
  if (context.globalState.get<boolean>(NOTICE_SHOWN)) return;
  await context.globalState.update(NOTICE_SHOWN, true);
  const open = 'Open Settings (JSON)';
  const more = leftOver.length ? ` Delete the old entries (${leftOver.length}) by hand: VS Code does not let an extension remove settings it no longer declares.` : '';
  const choice = await vscode.window.showInformationMessage(
    `Dockerfile Stages: rule severities are now one setting, "dockerfileStages.rules" (e.g. { "DS204": "off" }). Your old "dockerfileStages.validation" settings were copied into it in the ${migrated.join(', ')}.${more}`,
    open,
  );
  if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettingsJson');
}
