/**
 * The Node implementation of the core's FileSystemHost. Read-only; failures read as "missing".
 *
 * A stat and the read of a small file are synchronous: the context rules and the size estimate ask for a few
 * of them on each open (`.dockerignore`, manifests, COPY sources), and each asynchronous call waits a round
 * through libuv's thread pool (about 75 microseconds here, against 2-5 for the call itself), which was a third
 * of a small file's open -> diagnostics. Files over SYNC_READ_LIMIT and directory listings (the build-context
 * walk may list thousands) stay asynchronous, so a large read never holds the server.
 */
import { promises as fs, readFileSync, statSync } from 'node:fs';
import type { FileStat, FileSystemHost } from '../core/internal';

/** Files up to this size are read synchronously. */
export const SYNC_READ_LIMIT = 256 * 1024;

export class NodeFileSystemHost implements FileSystemHost {
  async readFile(path: string): Promise<Uint8Array | undefined> {
    try {
      const s = statSync(path, { throwIfNoEntry: false });
      if (!s || s.isDirectory()) return undefined;
      return s.size <= SYNC_READ_LIMIT ? readFileSync(path) : await fs.readFile(path);
    } catch {
      return undefined;
    }
  }
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = statSync(path, { throwIfNoEntry: false });
      return s ? { size: s.size, isDirectory: s.isDirectory() } : undefined;
    } catch {
      return undefined;
    }
  }
  async readDirectory(path: string): Promise<[string, boolean][]> {
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((e) => [e.name, e.isDirectory()] as [string, boolean]).sort((a, b) => a[0].localeCompare(b[0]));
    } catch {
      return [];
    }
  }
}
