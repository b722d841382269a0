import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What a client feature receives: the extension context, the log, and the client once it runs. */
export interface ClientContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** The running client (it changes after a restart). */
  client(): LanguageClient | undefined;
  /** Resolves when the current client is running. */
  ready(): Promise<void>;
}

/** One UI feature of the client (status bar, webview, commands ...): registers itself, returns disposables. */
export interface ClientFeature {
  name: string;
  activate(ctx: ClientContext): vscode.Disposable[];
}
