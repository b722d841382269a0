/**
 * A stack profile: everything the core knows about one language stack, in one object. Rules, the
 * conversions, the size estimator and hovers read it (see CONTRIBUTING.md, "Adding a stack").
 */
import type { ShellCommand } from '../commands';
import type { ProfileId } from './profiles.generated';

export type { ProfileId };

/** The stack ids of the conversions and of the rules (a profile covers one or more; `generic` is none of them). */
export type StackId = 'go' | 'node' | 'spa' | 'python' | 'java-maven' | 'java-gradle' | 'jvm' | 'rust' | 'dotnet' | 'cpp' | 'generic';

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

/**
 * A runtime base the stack's conversion ships on. The conversion asks for it by key (stacks/index.ts
 * `runtimeImage`) and fills the placeholders (`{debian}`: the Debian version of the build; `{tag}`, `{java}` ...).
 * Runtimes of the build's own distribution (debian:<release>-slim, alpine) are the conversions' shared shell base.
 */
export interface RuntimeBase {
  key: string;
  /** Image reference with `{placeholder}`s (`eclipse-temurin:{java}-jre`, `gcr.io/distroless/static-debian{debian}`). */
  image: string;
  /** When the conversion chooses it. */
  when: string;
}

/** A build command of the stack, found by the conversion's stack detection. */
/** A kind of command a stack runs, as a stage hover names it. */
export interface StackStep {
  kind: 'compile' | 'deps' | 'test';
  /** A verb phrase: "compiles the Go binary". */
  phrase: string;
  /** The toolchain a compile step needs, for "the toolchain ships" notes. */
  toolchain?: string;
  matches(cmd: ShellCommand): boolean;
}

export interface BuildCommand {
  stack: StackId;
  /** The words that show it (`go build`, `mvn -B package`), for the detection's evidence. */
  shown: string;
}

/** The smaller variants an official image publishes for a tag (see stacks/variants.ts, convert/switchBase.ts). */
export type ImageVariants = 'slim-alpine' | 'slim' | 'alpine' | 'jre';

/** Official images' smaller variants and how their tags are named (Docker Official Images conventions). */
export interface ImageVariantsOf {
  images: string[];
  variants: ImageVariants;
  /**
   * Where a Debian release goes in a slim tag: `slim-release` (python `3.12-slim-bookworm`; the default),
   * `release-slim` (node `20-bookworm-slim`), or `tag-slim`: after the whole tag (debian `bookworm-slim`).
   */
  releaseSlim?: 'slim-release' | 'release-slim' | 'tag-slim';
  /** The tag `latest` stands for in a variant's name (debian: `stable`, so `stable-slim`). */
  latest?: string;
  /** Tags that publish none of the variants (php's `-apache` images have no alpine one). */
  without?: RegExp;
}

export interface StackProfile {
  id: ProfileId;
  /** Display name ("Go", "Java"). */
  name: string;
  /** The conversion stack ids this profile covers. */
  stacks: StackId[];
  /** Its place in detection order (lower first: a Node.js project with a Go tool is a Node.js project). */
  detectionOrder: number;
  /** The conversion's label of each stack it covers ("Java (Maven)"). */
  labels: Partial<Record<StackId, string>>;
  /**
   * The toolchain's programs (`cargo`, `mvn`): a container that starts one of them builds or runs the sources
   * with the toolchain at start.
   */
  programs: string[];
  /** The stacks whose runtime stage copies a built program, not the app directory (assets next to the sources may be lost). */
  compiled: StackId[];
  /** Base images (last path part of the repository) that are the stack's build images, and the stack they name. */
  baseImages: Record<string, StackId>;
  /** A command of a RUN that builds the stack's artifact (read from the command model), or undefined. */
  buildCommand(cmd: ShellCommand): BuildCommand | undefined;
  /**
   * A plain dependency install (`npm ci`, `go mod download`, `pip install -r requirements.txt`: flags only) and
   * the manifest files it reads, for the conversion to copy them first and install before the sources.
   */
  manifestInstall?(cmd: ShellCommand): string | undefined;
  /**
   * A command that installs packages for the app: its dependencies (`npm ci`, `pip install -r …`, `poetry
   * install`), or the project itself (`pip install .`, `python setup.py install`). The dev/build/runtime split
   * keeps dependency installs in the dev stage.
   */
  dependencyInstall?(cmd: ShellCommand): 'dependencies' | 'project' | undefined;
  /** OS packages (apt, apk, yum names; a pattern matches the whole name) only a build of the stack uses. */
  buildPackages: (string | RegExp)[];
  /** Files (names or patterns) and top-level directories of a build context that are sources or build metadata, never read at run time. */
  sourceFiles: (string | RegExp)[];
  sourceDirs: string[];
  /** Directories the stack's tools write only for the build (caches, toolchains). */
  buildCaches: string[];
  /** Official images whose smaller variants are known (`node` publishes `<tag>-slim` and `<tag>-alpine`). */
  imageVariants?: ImageVariantsOf;
  detection: {
    /** Manifest files in the build context (exact names or patterns), in order of strength. */
    manifests: (string | RegExp)[];
    /** Base image references that suggest the stack when no manifest decides (a fallback). */
    images: RegExp;
  };
  /** Toolchain (SDK/compiler) images of the stack; undefined when the image is not one. */
  toolchainImage?(image: ImageParts): ToolchainImage | undefined;
  /**
   * What the stack's commands do, in plain words, for the stage hovers ("compiles the Go binary"): each step
   * tests one command of the command model, mostly through the profile's own readers above.
   */
  steps: Record<string, StackStep>;
  /** The runtime bases the stack's conversion chooses among (none for a stack without a conversion). */
  runtimeBases: RuntimeBase[];
  /**
   * The command (a RUN line's words) that drops development dependencies after the build, for a package manager and
   * the runtime's major version (`npm prune --omit=dev`); undefined when none is known.
   */
  pruneDevDependencies?(packageManager: string, runtimeMajor?: number): string | undefined;
  /** Stack-specific .dockerignore lines (after the common ones). */
  dockerignore: string[];
  /**
   * The lines of `dockerignore` that name what the image makes itself: the build's output (`dist`, `target`) or the
   * installed dependencies (`node_modules`, `vendor`). DS303's template leaves such a line out when no RUN of the
   * Dockerfile builds (or installs) for the stack: the image then takes them from the build context.
   */
  dockerignoreMadeBy?: Record<string, 'build' | 'deps'>;
}
