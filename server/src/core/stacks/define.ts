/**
 * A stack profile from what its file knows. The fields a profile leaves out mean "nothing of that kind": no
 * toolchain programs, no build command, no build-only packages, no runtime bases ... So a new stack's file writes
 * its detection and its own facts, not a page of empty lists (see CONTRIBUTING.md, "Adding a stack").
 */
import type { StackProfile } from './types';

/** What every profile writes itself: what stack detection and DS303 need of any stack. */
type Written = 'id' | 'name' | 'detectionOrder' | 'detection' | 'dockerignore';

/** A profile's file: its id, name, detection, place in the order and .dockerignore lines; the rest where the stack has any. */
export type StackProfileSpec = Pick<StackProfile, Written> & Partial<Omit<StackProfile, Written>>;

/** What a profile that writes nothing else knows: none of each kind (fresh lists, never shared between profiles). */
function nothingKnown(): Omit<StackProfile, Written> {
  return {
    stacks: ['generic'],
    labels: {},
    programs: [],
    compiled: [],
    baseImages: {},
    buildCommand: () => undefined,
    buildPackages: [],
    sourceFiles: [],
    sourceDirs: [],
    buildCaches: [],
    steps: {},
    runtimeBases: [],
  };
}

export function defineStack(spec: StackProfileSpec): StackProfile {
  const profile: Record<string, unknown> = nothingKnown();
  // A field written as undefined is one left out.
  for (const [key, value] of Object.entries(spec)) if (value !== undefined) profile[key] = value;
  return profile as unknown as StackProfile;
}
