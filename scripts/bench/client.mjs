// A small LSP client over stdio for benchmarks: the same client drives our server and the reference server.
// It frames JSON-RPC by hand, answers the server's own requests (workspace/configuration ...) with null,
// and measures with process.hrtime from the moment a message is written to the moment its answer is read.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const CAPABILITIES = {
  textDocument: {
    synchronization: { didSave: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
    semanticTokens: {
      requests: { full: true },
      tokenTypes: ['keyword', 'comment', 'macro', 'parameter', 'variable', 'class', 'namespace', 'property', 'string', 'function', 'operator'],
      tokenModifiers: ['declaration', 'deprecated', 'readonly', 'definition'],
      formats: ['relative'],
    },
    codeLens: {},
  },
  // As VS Code declares them: file watchers let our server keep .dockerignore reads between keystrokes.
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
};

export const now = () => Number(process.hrtime.bigint()) / 1e6;

export class BenchClient {
  constructor(command, args, options = {}) {
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd, env: { ...process.env, ...options.env } });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.stderr = '';
    this.exited = false;
    this.proc.stdout.on('data', (c) => this.onData(c));
    this.proc.stderr.on('data', (c) => (this.stderr += c.toString()));
    this.proc.on('exit', () => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`server exited: ${this.stderr.slice(-2000)}`));
      this.pending.clear();
    });
  }

  get pid() {
    return this.proc.pid;
  }

  /** Resident set size of the server process in MB (Linux /proc). */
  rssMb() {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('bad header');
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body), now());
    }
  }

  dispatch(msg, at) {
    if (msg.id !== undefined && msg.method) {
      const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? [null]).map(() => null) : null;
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else p.resolve({ result: msg.result, at });
      return;
    }
    const still = [];
    for (const w of this.waiters) {
      if (w.match(msg)) w.resolve({ msg, at });
      else still.push(w);
    }
    this.waiters = still;
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Sends a request; resolves with { result, ms } where ms runs from the write to the answer's arrival. */
  async request(method, params) {
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const start = now();
    this.write({ jsonrpc: '2.0', id, method, params });
    const { result, at } = await answer;
    return { result, ms: at - start };
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** A promise of the next notification matching (registered before the message that triggers it is sent). */
  next(match, timeoutMs = 120_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for a notification; stderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      });
    });
  }

  nextDiagnostics(uri) {
    return this.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
  }

  async initialize(initializationOptions = {}) {
    const r = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: CAPABILITIES, initializationOptions });
    this.notify('initialized', {});
    return r;
  }

  /** didOpen → the first publishDiagnostics for the document, in ms. */
  async open(uri, text, version = 1) {
    const diagnostics = this.nextDiagnostics(uri);
    const start = now();
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
    const { msg, at } = await diagnostics;
    return { ms: at - start, diagnostics: msg.params.diagnostics };
  }

  /** didChange → the next publishDiagnostics for the document, in ms. */
  async change(uri, version, changes) {
    const diagnostics = this.nextDiagnostics(uri);
    const start = now();
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    const { msg, at } = await diagnostics;
    return { ms: at - start, diagnostics: msg.params.diagnostics };
  }

  close(uri) {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async shutdown() {
    if (this.exited) return;
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 3000))]);
      this.notify('exit', null);
    } catch {
      /* gone */
    }
    await new Promise((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 3000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
