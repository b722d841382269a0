/**
 * Which documents are Dockerfiles, Compose files or Bake files. The language server analyses a document as a
 * Dockerfile only when its language id says so (or, for a client that sends none, its file name); Compose and
 * Bake files are recognised by their exact names only, so no other YAML, JSON or HCL file is touched.
 */
export type DocumentKind = 'dockerfile' | 'compose' | 'bake' | 'other';

const COMPOSE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);
const BAKE_NAMES = new Set(['docker-bake.hcl', 'docker-bake.json']);

/** The file name of a '/'-separated path or a URI. */
export function baseName(pathOrUri: string): string {
  const clean = pathOrUri.replace(/[?#].*$/, '').replace(/\\/g, '/');
  const name = clean.slice(clean.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Dockerfile, Containerfile, *.Dockerfile, *.Containerfile, Dockerfile.*, Containerfile.* (any case); not *.dockerignore. */
export function isDockerfileName(name: string): boolean {
  if (/\.dockerignore$/i.test(name)) return false;
  return /^(docker|container)file$/i.test(name) || /.\.(docker|container)file$/i.test(name) || /^(docker|container)file\../i.test(name);
}

export function isComposeFileName(name: string): boolean {
  return COMPOSE_NAMES.has(name);
}

export function isBakeFileName(name: string): boolean {
  return BAKE_NAMES.has(name);
}

/** Every file name this module claims as a Compose or Bake file. */
export const BUILD_FILE_NAMES: readonly string[] = [...COMPOSE_NAMES, ...BAKE_NAMES];

/**
 * What a document is. A language id that names a Dockerfile (`dockerfile`, `containerfile`, and editors'
 * variants such as `dockerfile-ts`) wins; otherwise a Compose or Bake file name; otherwise, only for a
 * client that sends no language id, a Dockerfile name.
 */
export function documentKind(languageId: string | undefined, uri: string): DocumentKind {
  const id = (languageId ?? '').trim().toLowerCase();
  if (/^(docker|container)file\b/.test(id)) return 'dockerfile';
  const name = baseName(uri);
  if (isComposeFileName(name)) return 'compose';
  if (isBakeFileName(name)) return 'bake';
  if (!id && isDockerfileName(name)) return 'dockerfile';
  return 'other';
}
