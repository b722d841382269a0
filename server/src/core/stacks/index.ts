/**
 * The stack profiles, read by rules, the conversions, the size estimator and hovers. Adding a stack: its file
 * and `npm run gen` (profiles.generated.ts; see CONTRIBUTING.md, "Adding a stack").
 */
import * as byName from './profiles.generated';
import { namedIn } from './match';
import type { ShellCommand } from '../commands';
import type { BuildCommand, ImageParts, ProfileId, StackId, StackProfile, ToolchainImage } from './types';

export type { BuildCommand, ImageParts, ImageVariants, ImageVariantsOf, ProfileId, RuntimeBase, StackId, StackProfile, ToolchainImage } from './types';
export { runsBuildScript } from './node';
export { pipInstall } from './python';
export { GRADLE_PROGRAMS, JDK_IMAGES, javaVersionOf, jreImage, MAVEN_PROGRAMS, mavenPackage } from './java';
export { C_PACKAGES, CPP_BUILD_PROGRAMS } from './cpp';
export { namedIn } from './match';
export { alpineTag, DEBIAN_RELEASES, jreTag, namesRelease, slimTag, variantsOf } from './variants';
export { runtimeImage } from './runtime';

/** Detection order: the first profile whose manifest (then image) matches names the stack. */
export const PROFILES: readonly StackProfile[] = Object.values(byName).sort((a, b) => a.detectionOrder - b.detectionOrder);

export function profile(id: ProfileId): StackProfile {
  return PROFILES.find((p) => p.id === id)!;
}

/** The profile of a build context: by its manifest files first, then (no manifest) by its base images. */
export function detectProfile(files: string[], images: string[]): StackProfile | undefined {
  const hasManifest = (p: StackProfile) => p.detection.manifests.some((m) => (typeof m === 'string' ? files.includes(m) : files.some((f) => m.test(f))));
  // C/C++ build files are common in any project: they only decide when nothing else does.
  const candidates = PROFILES.filter((p) => p.id !== 'cpp');
  const img = images.join(' ');
  const byImage = candidates.filter((p) => p.detection.images.test(img));
  const byManifest = candidates.filter(hasManifest);
  // The base images break ties: a Go project that also has a package.json (front-end tooling) and builds FROM
  // golang is a Go project. Then the manifests alone, then the images.
  return byImage.find((p) => byManifest.includes(p)) ?? byManifest[0] ?? byImage[0];
}

/** Toolchain images: the first profile that recognises the image. */
export function toolchainImage(image: ImageParts): ToolchainImage | undefined {
  for (const p of PROFILES) {
    const t = p.toolchainImage?.(image);
    if (t) return t;
  }
  return undefined;
}

/** A base image split the way the profiles read it. */
export function imageParts(name: { registry?: string; repository: string; tag?: string }): ImageParts {
  const repository = name.repository.toLowerCase();
  return { registry: name.registry, repository, last: repository.replace(/^.*\//, ''), tag: name.tag ?? '' };
}

/** The conversion's label of a stack ("Java (Maven)"; `generic` for none). */
export function stackLabel(stack: StackId): string {
  return PROFILES.find((p) => p.labels[stack])?.labels[stack] ?? 'generic';
}

/** The profile that covers a conversion stack (undefined for `generic`). */
export function profileOfStack(stack: StackId): StackProfile | undefined {
  return PROFILES.find((p) => p.stacks.includes(stack) && p.labels[stack]);
}

/** The stack a build image names (`golang` -> go, `maven` -> java-maven), by the last part of its repository. */
export function baseImageStack(short: string): StackId | undefined {
  return PROFILES.find((p) => Object.prototype.hasOwnProperty.call(p.baseImages, short))?.baseImages[short];
}

/** The build command a command of a RUN runs, by the first profile that knows it (detection order). */
export function buildCommandOf(cmd: ShellCommand): BuildCommand | undefined {
  for (const p of PROFILES) {
    const b = p.buildCommand(cmd);
    if (b) return b;
  }
  return undefined;
}

/** What a command installs for the app, by the profiles (`dependencies`, the `project` itself, or undefined). */
export function dependencyInstallOf(cmd: ShellCommand): 'dependencies' | 'project' | undefined {
  for (const p of PROFILES) {
    const d = p.dependencyInstall?.(cmd);
    if (d) return d;
  }
  return undefined;
}

/** Whether an OS package is one only a build uses (a compiler, a toolchain), by the profiles' lists. */
export function isStackBuildPackage(name: string): boolean {
  return PROFILES.some((p) => namedIn(name, p.buildPackages));
}
export { MAVEN_COMPILE_GOALS, MAVEN_TARGET_GOALS } from './java';
export { isNodeBuild } from './node';
export { javaBuildTool } from './java';
export { BACK_END_PACKAGES, FRONT_END_PACKAGES, globalInstallOf, namesFrontEndTool, namesNext, nodePackageManagerOf, SPA_SERVERS } from './node';
export { JAVA_COMPILERS, jvmBuildProgram, SBT_PROGRAMS } from './java';
