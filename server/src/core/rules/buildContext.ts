/**
 * Which folder a Dockerfile is built with as its context. The Dockerfile's own folder is the usual answer, but a
 * Dockerfile kept in a subfolder (`docker/Dockerfile`, `util/app/Dockerfile`) is often built from the
 * repository root (`docker build -f docker/Dockerfile .`): its COPY sources then name paths from the root
 * (`COPY util/app/entrypoint.sh /`, `COPY ./Cargo.toml ./`). The folder (the Dockerfile's own, or one of its
 * parents) where most of the COPY/ADD sources exist is taken; ties go to the nearest; the Dockerfile's own
 * folder when none holds any. The context rules (DS303, DS511) read `.dockerignore` there.
 */
import type { Copy } from 'dockerfile-ast';
import type { FileSystemHost } from '../host';
import { keywordOf, type DockerfileModel } from '../model';
import { dirname, joinPath, normalizePath } from './dockerignore';
import { copySources, isWholeContext } from './util';

/** How many parent folders are tried above the Dockerfile's own. */
const MAX_LEVELS = 4;

/** COPY/ADD from the build context (no --from, whatever flags come first). */
export function copiesFromContext(instruction: DockerfileModel['instructions'][number]): boolean {
  const k = keywordOf(instruction);
  if (k !== 'COPY' && k !== 'ADD') return false;
  const flags = (instruction as Copy).getFlags?.() ?? [];
  return !flags.some((f) => f.getName().toLowerCase() === 'from');
}

/** The context paths COPY and ADD name, as written (globs and variables included; not the whole context, URLs or heredocs). */
export function namedContextSources(model: DockerfileModel): string[] {
  return model.instructions.filter(copiesFromContext).flatMap((i) => copySources(i).map((src) => src.getValue()).filter((v) => !isWholeContext(v) && !/^<<|^[a-z]+:\/\//i.test(v)));
}

/** Context sources that name one concrete path (no `.`, globs, variables, URLs or heredocs). */
function concreteSources(model: DockerfileModel): string[] {
  const out = new Set<string>();
  for (const v of namedContextSources(model)) {
    if (/[*?[$]/.test(v)) continue;
    const p = normalizePath(v);
    if (p && !p.startsWith('..')) out.add(p);
  }
  return [...out];
}

/** The folders a Dockerfile may be built from: its own, then its parents, nearest first. */
export function candidateContextDirs(dockerfilePath: string): string[] {
  const out: string[] = [];
  let dir = dirname(dockerfilePath);
  for (let i = 0; i <= MAX_LEVELS; i++) {
    out.push(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

export async function inferContextDir(model: DockerfileModel, host: FileSystemHost, dockerfilePath: string): Promise<string> {
  const candidates = candidateContextDirs(dockerfilePath);
  const sources = concreteSources(model).slice(0, 20);
  if (!sources.length) return candidates[0];
  // Only a folder that exists can hold a source: the candidates are asked first (one wait for all of them).
  const existing = (await Promise.all(candidates.map((dir) => host.stat(dir)))).flatMap((stat, i) => (stat?.isDirectory ? [candidates[i]] : []));
  if (!existing.length) return candidates[0];
  const found = async (dir: string) => (await Promise.all(sources.map((s) => host.stat(joinPath(dir, s))))).filter((f) => f !== undefined).length;
  // The nearest folder that holds every source wins outright (most Dockerfiles are built from their own folder);
  // otherwise the others are asked at once (one more wait), and the nearest with the most wins.
  const counts = [await found(existing[0])];
  if (counts[0] < sources.length) counts.push(...(await Promise.all(existing.slice(1).map(found))));
  let best = candidates[0];
  let bestCount = 0;
  for (const [i, count] of counts.entries()) if (count > bestCount) [best, bestCount] = [existing[i], count];
  return best;
}
