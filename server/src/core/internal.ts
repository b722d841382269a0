/**
 * Every module of the core, for tests, evaluation scripts and the Node-only code (node/) that need its
 * internals. The language server and the CLI use only core/index.ts: the service and its types
 * (scripts/core-boundary.mjs fails the build otherwise).
 */
export * from './model';
export * from './imageRef';
export * from './variables';
export * from './runtimeConfig';
export * from './cache';
export * from './modelMemo';
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
export { runCommands, evaluateCommands, logicalOf, programOf, programIndex, argsOf, hasFlag, subcommand, MAX_PARSED_SCRIPT, warmShellParser, type RunCommands, type Word as CommandWord, type ShellCommand as RunCommand } from './commands';
export { PROFILES, profile, detectProfile, toolchainImage, imageParts, JDK_IMAGES, C_PACKAGES, type StackProfile, type ProfileId, type ToolchainImage, type RuntimeBase, type ImageParts } from './stacks';
export * from './text';
export * from './compose';
export * from './lineEdits';
export * from './standardCodes';
export * from './service';
