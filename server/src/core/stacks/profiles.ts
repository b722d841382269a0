/**
 * Every stack profile, one line each: adding a stack is its file and its line here (see CONTRIBUTING.md,
 * "Adding a stack"). The detection order is each profile's `detectionOrder`, not the order of these lines.
 */
export { cpp } from './cpp';
export { dotnet } from './dotnet';
export { go } from './go';
export { java } from './java';
export { node } from './node';
export { php } from './php';
export { python } from './python';
export { ruby } from './ruby';
export { rust } from './rust';
