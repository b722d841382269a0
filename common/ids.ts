/** Identifiers shared by the client, the server and the tests: one definition each. */
export const EXTENSION_ID = 'dockerfile-stages.dockerfile-stages';
export const LANGUAGE_ID = 'dockerfile';
export const DIAGNOSTIC_SOURCE = 'dockerfile-stages';
export const SETTINGS_SECTION = 'dockerfileStages';
export const OUTPUT_CHANNEL_NAME = 'Dockerfile Stages';

export const Commands = {
  restartServer: 'dockerfileStages.restartServer',
  showOutput: 'dockerfileStages.showOutput',
  convertToMultiStage: 'dockerfileStages.convertToMultiStage',
  splitDevBuildRuntime: 'dockerfileStages.splitDevBuildRuntime',
  switchBaseImage: 'dockerfileStages.switchBaseImage',
  showSizeBreakdown: 'dockerfileStages.showSizeBreakdown',
  verifyConversion: 'dockerfileStages.verifyConversion',
} as const;

export const CodeActionKinds = {
  fixAll: 'source.fixAll.dockerfileStages',
  multiStage: 'refactor.rewrite.multiStage',
  devBuildRuntime: 'refactor.rewrite.devBuildRuntime',
  switchBase: 'refactor.rewrite.switchBase',
  nameStage: 'refactor.rewrite.nameStage',
  extractBase: 'refactor.rewrite.extractBase',
} as const;

/**
 * The base of rule documentation links when no host has set one. The language server and the CLI always set it
 * to the docs/rules pages shipped beside their bundle (server/src/node/docs.ts); only library use (unit tests)
 * sees this placeholder. Replace it once the project has a public repository.
 */
export const RULE_DOCS_BASE = 'https://example.invalid/dockerfile-stages/blob/main/docs/rules/';
