/**
 * A version-keyed cache of parsed models, in the manner of vscode-json-languageservice's language model
 * cache: every request for the same document version shares one parse; a new version replaces the entry;
 * closing a document evicts it; the least recently used entry goes when the cache is full.
 */
import { buildModel, DockerfileModel, ModelOptions } from './model';

export interface VersionedText {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

interface Entry {
  version: number;
  /** The text parsed: a document closed and opened again under the same URI starts again at the same version. */
  text: string;
  optionsKey: string;
  model: DockerfileModel;
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  /** Options one document's settings give (a folder's build target in a multi-root workspace). */
  private readonly documentOptions = new Map<string, ModelOptions>();
  private parses = 0;

  constructor(
    private readonly maxEntries = 64,
    private options: ModelOptions = {},
  ) {}

  /** The model of this document version, parsing only when the version (or the options) changed. */
  get(document: VersionedText): DockerfileModel {
    const options = this.documentOptions.get(document.uri) ?? this.options;
    const key = optionsKey(options);
    const hit = this.entries.get(document.uri);
    const text = document.getText();
    if (hit && hit.version === document.version && hit.optionsKey === key && hit.text === text) {
      // Refresh recency: Map iteration order is insertion order.
      this.entries.delete(document.uri);
      this.entries.set(document.uri, hit);
      return hit.model;
    }
    const model = buildModel(text, options);
    this.parses++;
    this.entries.delete(document.uri);
    this.entries.set(document.uri, { version: document.version, text, optionsKey: key, model });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return model;
  }

  setOptions(options: ModelOptions): void {
    this.options = options;
  }

  /** Options for one document, in place of the cache's (undefined: the cache's again). The next get re-parses if they differ. */
  setDocumentOptions(uri: string, options: ModelOptions | undefined): void {
    if (options) this.documentOptions.set(uri, options);
    else this.documentOptions.delete(uri);
  }

  /** Forgets a document's model and its options (it was closed). */
  evict(uri: string): void {
    this.entries.delete(uri);
    this.documentOptions.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.documentOptions.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many parses the cache has made (tests use it to prove sharing). */
  get parseCount(): number {
    return this.parses;
  }
}

function optionsKey(options: ModelOptions): string {
  return JSON.stringify(options);
}
