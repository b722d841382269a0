/**
 * Stack traces that name the TypeScript sources (server/src/...), paid for only when a trace is printed.
 *
 * Node's --enable-source-maps reads and keeps the bundle's map (1.4 MB) from start-up: about 3.5 MB resident and
 * 10 ms of start-up, for traces a working server never prints. Here the map is read the first time a stack is
 * formatted (an error logged with its stack), through Node's own SourceMap class: frames in the bundle are
 * rewritten to their source positions, the others are left as V8 writes them.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

/** Formats the stack traces of errors thrown in `bundlePath` with the source positions of its linked map (`<bundle>.map`). */
export function mapStackTraces(bundlePath: string): void {
  let map: SourceMap | null | undefined;
  const sourceMap = (): SourceMap | null => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')));
      } catch {
        map = null; // no map beside the bundle: frames stay as they are
      }
    }
    return map;
  };
  const frame = (site: NodeJS.CallSite): string => {
    try {
      return mapped(site);
    } catch {
      return site.toString(); // never throw while formatting a stack
    }
  };
  const mapped = (site: NodeJS.CallSite): string => {
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (site.getFileName() !== bundlePath || line === null || column === null) return site.toString();
    const entry = sourceMap()?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (!entry?.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return site.toString();
    const where = `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    const name = site.getFunctionName() ?? site.getMethodName();
    return name ? `${site.isAsync() ? 'async ' : ''}${name} (${where})` : where;
  };
  Error.prepareStackTrace = (error: unknown, sites: NodeJS.CallSite[]) => {
    let head: string;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = 'Error';
    }
    return [head, ...sites.map((s) => `    at ${frame(s)}`)].join('\n');
  };
}
