/** The runtime base images of the stack profiles, as the conversions ask for them. */
import type { StackProfile } from './types';

/**
 * The image of one of a profile's runtime bases, by key, its `{placeholders}` filled from `values`. Throws on a key
 * the profile does not list or a placeholder without a value: a conversion's mistake, which its tests meet.
 */
export function runtimeImage(profile: Pick<StackProfile, 'id' | 'runtimeBases'>, key: string, values: Readonly<Record<string, string>>): string {
  const base = profile.runtimeBases.find((b) => b.key === key);
  if (!base) throw new Error(`the ${profile.id} profile has no runtime base '${key}'`);
  return base.image.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the ${profile.id} runtime base '${key}' needs a value for {${name}}`);
    return value;
  });
}
