// The few platform globals the core uses; present in Node and in browsers alike. No Node typings here on purpose.
export {};
declare global {
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean });
    decode(input?: Uint8Array): string;
  }
}
