/**
 * Entry of the language server. Transport from the command line, as vscode-languageserver reads it:
 * `--stdio` (any editor), `--node-ipc` (VS Code), `--socket=N`, `--pipe=NAME`.
 * Nothing may be written to stdout but protocol messages: console output goes to the client's log.
 *
 * The same bundle carries the CLI: run as a program (`node dist/server.js --stdio`, the editor's fork, the
 * dockerfile-stages-server bin) it starts the server; loaded by dist/cli.js it only exports `runCli`. One bundle
 * for the server side, not a second copy of the core in the CLI's.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';
export { runCli } from '../cli/main';
import { NodeFileSystemHost } from './nodeHost';
import { registryImages } from './registryImages';
import { mapStackTraces } from './stackTraces';
import { holdBackTierUpAtStartup } from './startupTiering';

// Stack traces in the log name the TypeScript sources (dist/server.js.map, read when a trace is first printed).
mapStackTraces(__filename);

declare const PACKAGE_VERSION: string | undefined;

function startLanguageServer(): void {
  if (process.argv.includes('--version')) {
    process.stderr.write(`${typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev'}\n`);
    process.exit(0);
  }

  // The first document is validated by code V8 has not optimized yet: optimizing later pays off then, until the
  // first diagnostics are out (startupTiering.ts).
  const tierUp = holdBackTierUpAtStartup();
  const connection = createConnection(ProposedFeatures.all);
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e instanceof Error ? e.stack : String(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));

  // Everything outside the protocol comes from here: the file system, the registry, the machine's architecture.
  startServer(connection, {
    host: new NodeFileSystemHost(),
    images: registryImages((m) => connection.console.info(m)),
    hostArch: process.arch === 'arm64' ? 'arm64' : 'amd64',
    version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : undefined,
    onStartupOver: tierUp.restore,
  });
}

if (require.main === module) startLanguageServer();
