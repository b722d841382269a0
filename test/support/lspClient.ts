/**
 * A minimal LSP client over stdio for protocol tests: spawns `node dist/server.js --stdio` (the bundle that
 * ships), frames JSON-RPC by hand, and waits on notifications by predicate, never by sleeping.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export interface Notification {
  method: string;
  params: any;
}

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  readonly notifications: Notification[] = [];
  private waiters: { match(n: Notification): boolean; resolve(n: Notification): void }[] = [];
  readonly stderr: string[] = [];
  /** Answers to requests the server sends the client (workspace/configuration ...). */
  onServerRequest: (method: string, params: any) => unknown = (method) => (method === 'workspace/configuration' ? [null] : null);

  constructor(args: string[] = ['--stdio'], serverPath = SERVER) {
    this.proc = spawn(process.execPath, [serverPath, ...args], { stdio: 'pipe' });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.proc.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited; stderr: ${this.stderr.join('')}`));
      this.pending.clear();
    });
  }

  private onData(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) throw new Error(`bad header from server: ${header}`);
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(msg: any) {
    if (msg.id !== undefined && msg.method) {
      let result: unknown;
      try {
        result = this.onServerRequest(msg.method, msg.params);
      } catch {
        result = null;
      }
      // An answer may come later (a promise): a client that is slow to answer.
      if (result instanceof Promise) void result.then((r) => this.write({ jsonrpc: '2.0', id: msg.id, result: r }), () => this.write({ jsonrpc: '2.0', id: msg.id, result: null }));
      else this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else p.resolve(msg.result);
      return;
    }
    const n: Notification = { method: msg.method, params: msg.params };
    this.notifications.push(n);
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.match(n)) w.resolve(n);
      else still.push(w);
    }
    this.waiters = still;
  }

  private write(msg: unknown) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    this.write({ jsonrpc: '2.0', id, method, params });
    return promise;
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or future) matching, or a rejection after timeoutMs. */
  waitFor(match: (n: Notification) => boolean, timeoutMs = 10_000, since = 0): Promise<Notification> {
    const seen = this.notifications.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a notification; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      });
    });
  }

  waitForDiagnostics(uri: string, version?: number, since = 0): Promise<Notification> {
    return this.waitFor(
      (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && (version === undefined || n.params.version === version),
      10_000,
      since,
    );
  }

  async initialize(initializationOptions: unknown = {}, capabilities: unknown = DEFAULT_CAPABILITIES): Promise<any> {
    const result = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'dockerfile'): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      /* already gone */
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 2000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

export const DEFAULT_CAPABILITIES = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
  },
  workspace: { configuration: true },
};
