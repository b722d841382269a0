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
import { exceedsAnalysisLimits } from '../model';

/** The build file of a path or URI by its name, or undefined when the name is not a Compose or Bake file's. */
export function parseBuildFile(pathOrUri: string, text: string): BuildFile | undefined {
  const name = baseName(pathOrUri);
  const compose = isComposeFileName(name);
  if (!compose && !isBakeFileName(name)) return undefined;
  // Past the analysis limits, or binary: read as empty (no entries), so no request can take unbounded time.
  if (exceedsAnalysisLimits(text) || text.includes('\u0000')) return { kind: compose ? 'compose' : 'bake', entries: [] };
  if (compose) return parseComposeFile(text);
  return name.endsWith('.json') ? parseBakeJson(text) : parseBakeHcl(text);
}
