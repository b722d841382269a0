/**
 * file: URIs and '/'-separated paths, without Node: the service derives a document's folder (its build context)
 * from its URI. Other schemes have no path.
 */

/** The '/'-separated absolute path of a file: URI (a drive letter kept, `C:/x`), or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let rest = uri.slice('file:'.length);
  const end = rest.search(/[?#]/);
  if (end >= 0) rest = rest.slice(0, end);
  // file://host/path: the authority is not part of the path.
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash < 0 ? '/' : rest.slice(slash);
  }
  let p: string;
  try {
    p = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  if (!p.startsWith('/')) p = `/${p}`;
  if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1);
  return p.replace(/\\/g, '/');
}

/** The file: URI of an absolute '/'-separated path. */
export function pathToUri(path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return `file://${p.split('/').map(encodeURIComponent).join('/')}`;
}

/** The folder of a '/'-separated path (`/` for a file at the root). */
export function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}
