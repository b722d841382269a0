/**
 * What the conversions know of a document's build context (manifests, package.json, folders), read through the
 * server's host: one definition for the conversion requests and actions (features/convert.ts) and the size lens's
 * projected multi-stage figure (features/estimate.ts), so the lens estimates exactly the conversion a click applies.
 */
import { fileURLToPath } from 'node:url';
import { ContextFacts, gatherContextFacts } from '../core';
import type { ServerContext } from './context';

export async function contextFacts(ctx: ServerContext, uri: string): Promise<ContextFacts | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = fileURLToPath(uri).replace(/\\/g, '/');
    return await gatherContextFacts(ctx.host, file.slice(0, file.lastIndexOf('/')) || '/');
  } catch {
    return undefined;
  }
}
