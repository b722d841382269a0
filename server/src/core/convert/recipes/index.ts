/** One recipe per stack. */
import type { StackId } from '../types';
import { cpp, generic } from './cpp';
import { dotnet } from './dotnet';
import { go } from './go';
import { javaGradle, javaMaven, jvm } from './java';
import { node, spa } from './node';
import { python } from './python';
import type { Recipe } from './recipe';
import { rust } from './rust';

export const RECIPES: Record<StackId, Recipe> = {
  go,
  node,
  spa,
  python,
  'java-maven': javaMaven,
  'java-gradle': javaGradle,
  jvm,
  rust,
  dotnet,
  cpp,
  generic,
};
