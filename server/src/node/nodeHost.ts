/** The Node implementation of the core's FileSystemHost. Read-only; failures read as "missing". */
import { promises as fs } from 'node:fs';
import type { FileStat, FileSystemHost } from '../core/internal';

export class NodeFileSystemHost implements FileSystemHost {
  async readFile(path: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.readFile(path);
    } catch {
      return undefined;
    }
  }
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(path);
      return { size: s.size, isDirectory: s.isDirectory() };
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
