/**
 * The service's public types: what a caller gives it (documents, the I/O it injects) and what its verbs answer.
 */
import type { Arch, BaseImageInfo } from '../size';
import type { ImageName } from '../imageRef';
import type { FileSystemHost } from '../host';
import type { ImageEstimate } from '../size';

/** A document as the service reads it: an LSP TextDocument, or the plain fields. */
export type StagesDocument = { readonly uri: string; readonly version: number; getText(): string } | { readonly uri: string; readonly version: number; readonly text: string };

/** Base-image sizes from outside the embedded table (the registry, in the Node host). */
export interface ImageSizeSource {
  /** The size known now; may start a fetch in the background (`onDidChange` listeners run when one lands). */
  lookup(name: ImageName, arch: Arch): BaseImageInfo | undefined;
  /** The tags the image's registry lists (completion in FROM). */
  listTags?(name: ImageName): Promise<string[]>;
  /** Registers a listener for sizes that became known. */
  onDidChange?(listener: () => void): void;
}

export interface ServiceLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Everything the service takes from outside: it touches no file system, network or process itself. */
export interface StagesIO {
  /** The workspace's files (build contexts, .dockerignore, manifests, Compose/Bake files); absent: nothing is read. */
  files?: FileSystemHost;
  /** Exact base-image sizes and tags (only asked when a verb's options allow registry look-ups). */
  images?: ImageSizeSource;
  /** The architecture size estimates default to (the machine's); default amd64. */
  hostArch?: Arch;
  log?: ServiceLogger;
}

/** Where a document's build context is: its folder and the Dockerfile's path in it. */
export interface BuildContextLocation {
  dir: string;
  dockerfilePath?: string;
}

export interface SizeOptions {
  arch?: Arch;
  /** Exact sizes from `io.images` (the user's setting, in a trusted workspace). */
  registryLookup?: boolean;
  /**
   * The build context to measure: given, `false` for none, or (absent) the document's folder when its URI is a
   * file: URI and `io.files` is given.
   */
  context?: BuildContextLocation | false;
  /** On a single-stage file, also estimate the multi-stage conversion a click would apply (the lens's saving). */
  projectConversion?: boolean;
}

/** An estimate with what converting would give. */
export interface SizeReport {
  arch: Arch;
  estimate: ImageEstimate;
  /** The estimate of the multi-stage conversion (single-stage files, when asked). */
  converted?: ImageEstimate;
  /** Whether the build context was read (COPY/ADD sizes measured, not guessed). */
  contextMeasured: boolean;
}
