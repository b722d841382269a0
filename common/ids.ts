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
} as const;

export const CodeActionKinds = {
  fixAll: 'source.fixAll.dockerfileStages',
  multiStage: 'refactor.rewrite.multiStage',
  devBuildRuntime: 'refactor.rewrite.devBuildRuntime',
  switchBase: 'refactor.rewrite.switchBase',
  nameStage: 'refactor.rewrite.nameStage',
  extractBase: 'refactor.rewrite.extractBase',
} as const;

/** The repository (package.json `repository`), and the base of every rule's documentation link. */
export const REPOSITORY_URL = 'https://example.invalid/dockerfile-stages';
export const RULE_DOCS_BASE = `${REPOSITORY_URL}/blob/main/docs/rules/`;
