/**
 * The stack profiles, in detection order (a Node.js project with a Go tool is a Node.js project). Adding a
 * stack: one file here and its entry in PROFILES (see CONTRIBUTING.md, "Adding a stack").
 */
import { cpp } from './cpp';
import { dotnet } from './dotnet';
import { go } from './go';
import { java } from './java';
import { node } from './node';
import { php } from './php';
import { python } from './python';
import { ruby } from './ruby';
import { rust } from './rust';
import type { ImageParts, ProfileId, StackProfile, ToolchainImage } from './types';

export type { ImageParts, ProfileId, RuntimeBase, StackId, StackProfile, ToolchainImage } from './types';
export { NODE_BUILD } from './node';
export { GRADLE_ANY, GRADLE_BUILD, JDK_IMAGES, MAVEN_ANY, MAVEN_PACKAGE } from './java';
export { C_PACKAGES } from './cpp';

/** Detection order: the first profile whose manifest (then image) matches names the stack. */
export const PROFILES: readonly StackProfile[] = [node, go, python, java, rust, dotnet, ruby, php, cpp];

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
  for (const p of [go, rust, java, cpp, dotnet]) {
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
