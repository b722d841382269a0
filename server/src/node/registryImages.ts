/**
 * The registry as the service's image-size source (core/service StagesIO.images): answers from the registry
 * client's cache, fetches a missing size in the background and tells the listeners when one lands (the
 * language server then refreshes its lenses; the table answers meanwhile).
 */
import type { Arch, BaseImageInfo, ImageName, ImageSizeSource } from '../core/internal';
import { RegistrySizeClient } from './registry';

export function registryImages(log: (message: string) => void): ImageSizeSource {
  let client: RegistrySizeClient | undefined;
  const registry = () => (client ??= new RegistrySizeClient({ log }));
  const pending = new Set<string>();
  const listeners: (() => void)[] = [];
  return {
    lookup(name: ImageName, arch: Arch): BaseImageInfo | undefined {
      const hit = registry().cached(name, arch);
      if (hit) return hit;
      const key = `${JSON.stringify(name)}@${arch}`;
      if (!pending.has(key)) {
        pending.add(key);
        void registry()
          .fetchSize(name, arch)
          .then((r) => {
            if (r) for (const l of listeners) l();
          })
          .catch((e) => log(`registry look-up failed: ${String(e)}`))
          .finally(() => pending.delete(key));
      }
      return undefined;
    },
    listTags: (name) => registry().listTags(name),
    onDidChange: (listener) => listeners.push(listener),
  };
}
