/**
 * The file system as the server reads it: every read of the host (stat, directory, file) is kept for a short
 * while, so a burst of keystrokes does not wait on the disk for the same `.dockerignore`, manifests and
 * build-context sizes each time (that was about half the keystroke -> diagnostics + CodeLens time at 200
 * lines). `invalidate()` forgets everything: the server calls it when a watched file changes.
 *
 * Some paths must never be stale: a `.dockerignore` the DS303 fix just created decides what the next
 * diagnostics say. The server keeps those only while a file watcher reports their changes (`mayKeep`);
 * otherwise each read goes to the disk.
 */
import type { FileStat, FileSystemHost } from '../core';

export interface CachedHostOptions {
  /** How long a read is reused, in ms. */
  ttlMs?: number;
  /** Whether reads of a path may be kept at all (default: all); the others go to the disk each time. */
  mayKeep?: (path: string) => boolean;
  /** Past this many entries the expired ones are dropped (all of them if none has expired). */
  maxEntries?: number;
  now?: () => number;
}

export class CachedFileSystemHost implements FileSystemHost {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: FileSystemHost,
    private readonly options: CachedHostOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 2000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? (() => Date.now());
  }

  readFile(path: string): Promise<Uint8Array | undefined> {
    return this.read(`f ${path}`, path, () => this.inner.readFile(path));
  }

  stat(path: string): Promise<FileStat | undefined> {
    return this.read(`s ${path}`, path, () => this.inner.stat(path));
  }

  readDirectory(path: string): Promise<[string, boolean][]> {
    // Callers may sort or filter the list they get: each gets its own copy.
    return this.read(`d ${path}`, path, () => this.inner.readDirectory(path)).then((list) => list.slice());
  }

  /** Forgets every read (a watched file changed). */
  invalidate(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private read<T>(key: string, path: string, load: () => Promise<T>): Promise<T> {
    if (this.options.mayKeep && !this.options.mayKeep(path)) return load();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = load();
    // A failed read is not kept (the host's own reads never reject; another host's might).
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    this.entries.set(key, { at: now, value });
    if (this.entries.size > this.maxEntries) this.prune(now);
    return value;
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
    if (this.entries.size > this.maxEntries) this.entries.clear();
  }
}
