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
  buildStage: 'dockerfileStages.buildStage',
  showSizeBreakdown: 'dockerfileStages.showSizeBreakdown',
  /** Client command a resolved conversion action runs after its edit: says what changed, offers Undo. Not in the palette. */
  conversionApplied: 'dockerfileStages.conversionApplied',
  /** Opens the bundled docs page of a code (argument: the code, `DS204`) in a Markdown preview. */
  openRuleDocs: 'dockerfileStages.openRuleDocs',
  verifyConversion: 'dockerfileStages.verifyConversion',
} as const;

/** What the VS Code client declares in `capabilities.experimental[section]` (other clients leave them out). */
export const ClientCapabilityKeys = {
  section: 'dockerfileStages',
  /** The client has the `conversionApplied` command: resolved conversion actions run it after their edit. */
  conversionApplied: 'conversionApplied',
} as const;

/** The task type of "Build this stage" tasks (package.json taskDefinitions). */
export const BUILD_TASK_TYPE = 'dockerfileStages.build';

export const CodeActionKinds = {
  fixAll: 'source.fixAll.dockerfileStages',
  multiStage: 'refactor.rewrite.multiStage',
  devBuildRuntime: 'refactor.rewrite.devBuildRuntime',
  switchBase: 'refactor.rewrite.switchBase',
  nameStage: 'refactor.rewrite.nameStage',
  extractBase: 'refactor.rewrite.extractBase',
} as const;

/**
 * The public repository (package.json `repository.url`, a test keeps them equal). The project has no public home
 * yet: this is the placeholder address chosen for it, to be replaced when it is published.
 */
export const REPOSITORY_URL = 'https://github.com/dockerfile-stages/dockerfile-stages';

/**
 * The base of rule documentation links (a diagnostic's codeDescription.href): the public pages, which open locally,
 * in remote windows (SSH, containers, Codespaces) and on vscode.dev alike. VS Code does not run `command:` links
 * from a diagnostic's code, so the bundled page is opened by the `dockerfileStages.openRuleDocs` command instead
 * (a "Show documentation" code action on each diagnostic, see lsp/features/ruleDocs.ts).
 */
export const RULE_DOCS_BASE = `${REPOSITORY_URL}/blob/main/docs/rules/`;
