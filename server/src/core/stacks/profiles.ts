/** Each profile by name, for consumers that read one stack's facts (hovers). */
export { cpp } from './cpp';
export { dotnet } from './dotnet';
export { go } from './go';
export { java } from './java';
export { node } from './node';
export { php } from './php';
export { python } from './python';
export { ruby } from './ruby';
export { rust } from './rust';
