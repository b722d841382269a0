/**
 * A stack profile: everything the core knows about one language stack, in one object. Rules, the size
 * estimator and hovers read it (the conversion reads its own copies until it is switched; see
 * CONTRIBUTING.md, "Adding a stack").
 */

/** The stack ids of the conversion (core/convert/types.ts StackId) and of the rules. */
export type StackId = 'go' | 'node' | 'spa' | 'python' | 'java-maven' | 'java-gradle' | 'jvm' | 'rust' | 'dotnet' | 'cpp' | 'generic';

/** The stacks a .dockerignore template exists for (one per profile, plus generic). */
export type ProfileId = 'node' | 'python' | 'go' | 'java' | 'rust' | 'dotnet' | 'cpp' | 'ruby' | 'php';

/** A base image reference as the detectors see it (repository in lower case). */
export interface ImageParts {
  registry?: string;
  /** Lower case, with its path (`library/golang`, `dotnet/sdk`). */
  repository: string;
  /** Its last path part (`golang`, `sdk`). */
  last: string;
  tag: string;
}

/** A toolchain image: what it holds and what to ship on instead. */
export interface ToolchainImage {
  stack: StackId;
  /** For messages: "the Go toolchain". */
  label: string;
  /** A runtime base to ship on instead, for messages. */
  runtime: string;
}

export interface RuntimeBase {
  /** Image reference with the version placeholder the conversion fills (`eclipse-temurin:{java}-jre`). */
  image: string;
  /** When to choose it. */
  when: string;
}

export interface StackProfile {
  id: ProfileId;
  /** Display name ("Go", "Java"). */
  name: string;
  /** The conversion stack ids this profile covers. */
  stacks: StackId[];
  detection: {
    /** Manifest files in the build context (exact names or patterns), in order of strength. */
    manifests: (string | RegExp)[];
    /** Base image references that suggest the stack when no manifest decides (a fallback). */
    images: RegExp;
  };
  /** Toolchain (SDK/compiler) images of the stack; undefined when the image is not one. */
  toolchainImage?(image: ImageParts): ToolchainImage | undefined;
  /**
   * Build commands as regular-expression source, matched where a command starts (hovers prefix their own
   * command-start pattern; `commandRegex` gives a plain regex). Keys name the step: compile, deps, test ...
   */
  build: Record<string, string>;
  /** What the build produces and where (for messages and the conversion). */
  artifacts: string[];
  /** Runtime bases to ship on, most preferred first. */
  runtimeBases: RuntimeBase[];
  /** How development dependencies are left out of the shipped image. */
  pruneDevDependencies?: string;
  /** Stack-specific .dockerignore lines (after the common ones). */
  dockerignore: string[];
  /** Size facts the estimator and messages use. */
  sizeFacts: string[];
}
