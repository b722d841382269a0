/**
 * The Node implementation of the core's FileSystemHost. Read-only; failures read as "missing".
 *
 * A stat and the read of a small file are synchronous: the context rules and the size estimate ask for a few
 * of them on each open (`.dockerignore`, manifests, COPY sources), and each asynchronous call waits a round
 * through libuv's thread pool (about 75 microseconds here, against 2-5 for the call itself), which was a third
 * of a small file's open -> diagnostics. A directory is listed synchronously up to SYNC_LIST_LIMIT entries (a
 * project folder: DS303 lists the build context when it has no .dockerignore); one with more is listed again
 * asynchronously, as are files over SYNC_READ_LIMIT, so a large read never holds the server.
 */
import { opendirSync, promises as fs, readFileSync, statSync, type Dir } from 'node:fs';
import type { FileStat, FileSystemHost } from '../core/internal';

/** Files up to this size are read synchronously. */
export const SYNC_READ_LIMIT = 256 * 1024;

/** Directories of up to this many entries are listed synchronously. */
export const SYNC_LIST_LIMIT = 512;

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
      // A missing path or a file lists as nothing, without an exception (each captures a stack).
      if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return [];
      const entries = listSmallDirectory(path) ?? (await fs.readdir(path, { withFileTypes: true })).map((e) => [e.name, e.isDirectory()] as [string, boolean]);
      return entries.sort((a, b) => a[0].localeCompare(b[0]));
    } catch {
      return [];
    }
  }
}

/** The entries of a directory read synchronously, or undefined past SYNC_LIST_LIMIT of them. Throws as readdir does. */
function listSmallDirectory(path: string): [string, boolean][] | undefined {
  let dir: Dir | undefined;
  try {
    dir = opendirSync(path);
    const out: [string, boolean][] = [];
    for (let e = dir.readSync(); e !== null; e = dir.readSync()) {
      if (out.length === SYNC_LIST_LIMIT) return undefined;
      out.push([e.name, e.isDirectory()]);
    }
    return out;
  } finally {
    dir?.closeSync();
  }
}
