/** The rule engine and its rules (see registry.ts for the list, docs/rules/ for each rule). */
export * from './types';
export * from './engine';
export * from './registry';
export { Analysis } from './analysis';
export { dockerignoreTemplate, parseIgnore, ignoredBy, isIgnoreFile } from './dockerignore';
export type { IgnoreStack } from './dockerignore';
export type { ToolchainStack } from './toolchain';
