/** Parsing of image references (`[registry/]repository[:tag][@digest]`), the way the Docker CLI splits them. */

export interface ImageName {
  /** Registry host (with port), or undefined for Docker Hub. */
  registry?: string;
  /** Repository path, without registry; Docker Hub official images have no namespace ("golang"). */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';

/** Splits a resolved reference. Returns undefined when it is empty or still holds a `$` variable in its name. */
export function parseImageName(ref: string): ImageName | undefined {
  let rest = ref.trim();
  if (!rest) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  if (!rest) return undefined;
  let repository = rest;
  if ((registry === DOCKER_HUB || registry === 'index.docker.io' || registry === 'registry-1.docker.io')) {
    registry = undefined;
  }
  if (registry === undefined && repository.startsWith('library/')) repository = repository.slice('library/'.length);
  return { registry, repository, tag, digest };
}

/** `golang:1.22-alpine` style text for display, without the registry when it is Docker Hub. */
export function formatImageName(name: ImageName): string {
  let s = name.registry ? `${name.registry}/${name.repository}` : name.repository;
  if (name.tag) s += `:${name.tag}`;
  if (name.digest) s += `@${name.digest}`;
  return s;
}
