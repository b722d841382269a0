/**
 * The VS Code side: starts the language server, owns the UI pieces (log channel, commands), and returns
 * an API that tests await instead of sleeping.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { Commands, LANGUAGE_ID, OUTPUT_CHANNEL_NAME, SETTINGS_SECTION } from '../../common/ids';
import { SERVER_PROCESS_ENV } from '../../common/launch';
import { CLIENT_FEATURES } from './features';
import { conversionAppliedCapability } from './features/convertCommands';

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

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, restart),
    vscode.commands.registerCommand(Commands.showOutput, () => log.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    { dispose: () => void client?.stop() },
  );

  await start().catch(() => undefined);
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
    run: { module, transport: TransportKind.ipc, options: { env: { ...process.env, ...SERVER_PROCESS_ENV } } },
    debug: { module, transport: TransportKind.ipc, options: { env: { ...process.env, ...SERVER_PROCESS_ENV }, execArgv: ['--nolazy', '--inspect=6011'] } },
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
    },
  };
  // The id makes vscode-languageclient honour the `dockerfileStages.trace.server` setting.
  const languageClient = new LanguageClient(SETTINGS_SECTION, 'Dockerfile Stages', serverOptions, clientOptions);
  languageClient.registerFeature(conversionAppliedCapability);
  return languageClient;
}
