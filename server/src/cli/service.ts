/**
 * The core's service as the CLI uses it: the Node file host (build contexts, manifests, .dockerignore), the
 * machine's architecture; an input read by io.ts becomes a service document (a file: URI for a file, so its
 * folder is its build context; stdin has none unless a path is given for it).
 */
import * as path from 'node:path';
import { createStagesService, pathToUri, type Arch, type StagesDocument, type StagesService } from '../core';
import { NodeFileSystemHost } from '../node/nodeHost';
import type { Input } from './io';

export function hostArch(): Arch {
  return process.arch === 'arm64' ? 'arm64' : 'amd64';
}

let shared: StagesService | undefined;

/** The CLI's one service (a command over many files shares its caches). */
export function cliService(): StagesService {
  shared ??= createStagesService({ files: new NodeFileSystemHost(), hostArch: hostArch() });
  return shared;
}

/** The '/'-separated absolute path of a file argument. */
export function absolutePath(file: string): string {
  return path.resolve(file).replace(/\\/g, '/');
}

/** A service document for an input; `located` names stdin's file (`--stdin-filename`), else stdin has no path. */
export function inputDocument(input: Input, located?: string): StagesDocument {
  const at = input.stdin ? located : input.path;
  return { uri: at ? pathToUri(absolutePath(at)) : `untitled:${input.path}`, version: 0, text: input.text };
}
