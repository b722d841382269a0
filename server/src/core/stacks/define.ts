/**
 * A stack profile from what its file knows. The fields a profile leaves out mean "nothing of that kind": no
 * toolchain programs, no build command, no build-only packages, no runtime bases ... So a new stack's file writes
 * its detection and its own facts, not a page of empty lists (see CONTRIBUTING.md, "Adding a stack").
 */
import type { StackProfile } from './types';

/** What every profile writes itself: what the conversions and DS303 need of any stack. */
type Written = 'id' | 'name' | 'detectionOrder' | 'detection' | 'runtimeBases' | 'dockerignore';

/** A profile's file: its id, name, detection, place in the order, runtime bases and .dockerignore lines; the rest where the stack has any. */
export type StackProfileSpec = Pick<StackProfile, Written> & Partial<Omit<StackProfile, Written>>;

export function defineStack(spec: StackProfileSpec): StackProfile {
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
    artifacts: [],
    sizeFacts: [],
    ...spec,
  };
}
