/** The core analysis library: pure functions over a parsed Dockerfile model. */
export * from './model';
export * from './imageRef';
export * from './variables';
export * from './runtimeConfig';
export * from './cache';
export * from './symbols';
export * from './folding';
export * from './semanticTokens';
export * from './host';
export * from './validate';
export * from './diagnose';
export * from './rules';
export * from './roles';
export * from './navigation';
export * from './hover';
export * from './convert';
export * from './size';
