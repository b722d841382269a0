/**
 * The I/O the core may need, injected by the caller: the language server and the CLI give a Node
 * implementation (server/src/node/nodeHost.ts), tests give an in-memory one. The core never touches a
 * file system or a network itself.
 */
export interface FileStat {
  size: number;
  isDirectory: boolean;
}

export interface FileSystemHost {
  /** File contents, or undefined when missing or unreadable. Paths are absolute, '/'-separated. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  stat(path: string): Promise<FileStat | undefined>;
  /** Entries of a directory as [name, isDirectory]; empty when missing. */
  readDirectory(path: string): Promise<[string, boolean][]>;
}

/** An in-memory host, for tests and for callers with no file system (untrusted or virtual workspaces). */
export class MemoryFileSystemHost implements FileSystemHost {
  private readonly files = new Map<string, Uint8Array>();
  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) this.set(p, content);
  }
  /** Removes a file (nothing when there is none). */
  delete(path: string): void {
    this.files.delete(normalize(path));
  }

  set(path: string, content: string | Uint8Array): void {
    this.files.set(normalize(path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  async readFile(path: string): Promise<Uint8Array | undefined> {
    return this.files.get(normalize(path));
  }
  async stat(path: string): Promise<FileStat | undefined> {
    const p = normalize(path);
    const f = this.files.get(p);
    if (f) return { size: f.byteLength, isDirectory: false };
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return { size: 0, isDirectory: true };
    return undefined;
  }
  async readDirectory(path: string): Promise<[string, boolean][]> {
    const p = normalize(path);
    const prefix = p === '/' ? '/' : `${p}/`;
    const out = new Map<string, boolean>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf('/');
      out.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
    }
    return [...out.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
