/** Compose and Bake files: the build entries that select stages of Dockerfiles (see each file). */
export * from './types';
export * from './fileNames';
export * from './resolve';
export * from './targets';
export { parseComposeFile, parseBakeJson } from './yamlFiles';
export { parseBakeHcl, tokenizeHcl } from './bakeHcl';
import type { BuildFile } from './types';
import { baseName, isBakeFileName, isComposeFileName } from './fileNames';
import { parseComposeFile, parseBakeJson } from './yamlFiles';
import { parseBakeHcl } from './bakeHcl';

/** The build file of a path or URI by its name, or undefined when the name is not a Compose or Bake file's. */
export function parseBuildFile(pathOrUri: string, text: string): BuildFile | undefined {
  const name = baseName(pathOrUri);
  if (isComposeFileName(name)) return parseComposeFile(text);
  if (!isBakeFileName(name)) return undefined;
  return name.endsWith('.json') ? parseBakeJson(text) : parseBakeHcl(text);
}
