/**
 * The VS Code side: starts the language server, owns the UI pieces (log channel, commands), and returns
 * an API that tests await instead of sleeping. Activation does not wait for the server: it starts it, registers
 * the UI (whose features await `ready` themselves) and returns.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { Commands, LANGUAGE_ID, OUTPUT_CHANNEL_NAME, SETTINGS_SECTION } from '../../common/ids';
import { SERVER_EXEC_ARGV, SERVER_PROCESS_ENV } from '../../common/launch';
import { STANDARD_FEATURE_EXTENSIONS } from '../../common/settings';
import { CLIENT_FEATURES } from './features';
import { conversionAppliedCapability } from './features/convertCommands';
import { migrateSettings } from './migrateSettings';

export interface DockerfileStagesApi {
  /** Resolves when the language server is running (again, after a restart). */
  readonly ready: Promise<void>;
  /** The running client, for tests that speak the custom protocol. */
  readonly client: LanguageClient | undefined;
  restart(): Promise<void>;
}

let client: LanguageClient | undefined;
let ready: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<DockerfileStagesApi> {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(log);

  const start = () => {
    client = createClient(context, log);
    ready = client.start();
    ready.catch((e) => log.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`));
    return ready;
  };

  const restart = async () => {
    const old = client;
    client = undefined;
    if (old) {
      try {
        await old.stop();
      } catch (e) {
        log.warn(`stopping the language server: ${String(e)}`);
      }
    }
    await start();
    log.info('language server restarted');
  };

  let other = otherDockerfileExtension();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, restart),
    vscode.commands.registerCommand(Commands.showOutput, () => log.show(true)),
    vscode.commands.registerCommand(Commands.openRuleDocs, (code: unknown) => openRuleDocs(context, code)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    // Docker DX or Container Tools enabled or disabled: `standardFeatures: auto` decides again.
    vscode.extensions.onDidChange(() => {
      const now = otherDockerfileExtension();
      if (now === other) return;
      other = now;
      log.info(now ? `${now} is enabled: with dockerfileStages.standardFeatures auto, completion, keyword hovers, formatting and syntax diagnostics are left to it` : 'no other Dockerfile extension is enabled: Dockerfile Stages provides every feature');
      void restart();
    }),
    { dispose: () => void client?.stop() },
  );

  // The server starts (and old settings are migrated) right after activate() returns: activation waits for
  // neither. `ready` is the start's promise from now on, so the API's users can await it at once.
  let deactivated = false;
  context.subscriptions.push({ dispose: () => (deactivated = true) });
  ready = new Promise<void>((resolve, reject) =>
    setImmediate(() => {
      if (deactivated) return resolve();
      start().then(resolve, reject);
      void migrateSettings(context, log).catch((e) => log.warn(`settings migration: ${e instanceof Error ? e.message : String(e)}`));
    }),
  );
  ready.catch(() => undefined);
  const featureContext = { extension: context, log, client: () => client, ready: () => ready };
  for (const feature of CLIENT_FEATURES) {
    try {
      context.subscriptions.push(...feature.activate(featureContext));
    } catch (e) {
      log.error(`client feature ${feature.name} failed to activate: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return {
    get ready() {
      return ready;
    },
    get client() {
      return client;
    },
    restart,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env: { ...process.env, ...SERVER_PROCESS_ENV }, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { env: { ...process.env, ...SERVER_PROCESS_ENV }, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    outputChannel: log,
    initializationOptions: {
      settings: vscode.workspace.getConfiguration(SETTINGS_SECTION),
      trusted: vscode.workspace.isTrusted,
      // Commands this client runs for the server's lenses ("Build stage 'name'", trusted workspaces only).
      commands: [Commands.buildStage],
      otherDockerfileExtension: otherDockerfileExtension(),
      ruleDocsCommand: true,
    },
  };
  // The id makes vscode-languageclient honour the `dockerfileStages.trace.server` setting.
  const languageClient = new LanguageClient(SETTINGS_SECTION, 'Dockerfile Stages', serverOptions, clientOptions);
  languageClient.registerFeature(conversionAppliedCapability);
  return languageClient;
}

/** The name of Docker DX or Container Tools if one is installed and enabled (getExtension sees enabled ones only). */
function otherDockerfileExtension(): string | undefined {
  return STANDARD_FEATURE_EXTENSIONS.find((e) => vscode.extensions.getExtension(e.id))?.name;
}

/**
 * Opens the bundled page of a code in a Markdown preview: docs/rules/<code>.md, or standard.md for the standard
 * checks (DS0nn). The extension's own files are reachable locally, in remote windows and on the web alike.
 */
async function openRuleDocs(context: vscode.ExtensionContext, code: unknown): Promise<void> {
  if (typeof code !== 'string' || !/^DS\d{3}$/.test(code)) return;
  const page = code.startsWith('DS0') ? 'standard.md' : `${code}.md`;
  const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', page);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
