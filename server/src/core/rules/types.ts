/** The rule engine's types: a rule checks a model and returns findings, each with an optional fix. */
import type { DiagnosticTag, Range, TextEdit } from 'vscode-languageserver-types';
import type { RuleCode, Severity, Settings } from '../../../../common/settings';
import type { DockerfileModel, Stage } from '../model';
import type { FileSystemHost } from '../host';
import type { Analysis } from './analysis';

export type RuleCategory = 'stage graph' | 'image size' | 'cache' | 'security' | 'buildkit' | 'mistakes';

/**
 * What fixes a rule's findings: `none`, `suggested` (quick fixes the user picks), `safe` (at least one fix is
 * applied by `source.fixAll.dockerfileStages`) or `conversion` (no edit of its own: the multi-stage conversion's
 * refactoring is offered on the diagnostic). Shown on the rule's page and in the docs index.
 */
export type RuleFixKind = 'none' | 'suggested' | 'safe' | 'conversion';

/** Topics a rule is about, listed on its page and in the docs index (one vocabulary, so a typo fails to compile). */
export type RuleTag =
  | 'stages' | 'copy' | 'base-image' | 'platform' | 'args' | 'toolchain' | 'layers' | 'build-context' | 'package-cache'
  | 'apt' | 'apk' | 'pip' | 'npm' | 'secrets' | 'user' | 'shell' | 'style';

/** A fix: text edits in the Dockerfile. `safe` fixes are applied by "fix all". */
export interface RuleFix {
  title: string;
  edits: TextEdit[];
  /** Applied by `source.fixAll.dockerfileStages` (behaviour-preserving, no judgement needed). */
  safe: boolean;
  /** Files the fix creates next to the Dockerfile (absolute '/'-separated paths), e.g. a .dockerignore. */
  createFiles?: { path: string; content: string }[];
}

export interface Finding {
  range: Range;
  /** One line that names the concrete thing. */
  message: string;
  tags?: DiagnosticTag[];
  fixes?: RuleFix[];
  /** Extra data carried on the diagnostic (DS201: `{ stack }`). */
  data?: Record<string, unknown>;
}

export interface RuleContext {
  model: DockerfileModel;
  settings: Settings;
  /** Shared, lazily computed facts about the file (shell commands of RUNs, final-image stages ...). */
  analysis: Analysis;
}

export interface Rule {
  code: RuleCode;
  /** A kebab-case name (`unused-stage`). */
  name: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  /** A short title in sentence case (`Unused stage`): the heading of its page and its row in the docs index. */
  title: string;
  fix: RuleFixKind;
  tags: readonly RuleTag[];
  /** One line, for the docs, the settings UI and the CLI. */
  description: string;
  /** The BuildKit build check this rule reproduces, when it is one. */
  buildkit?: string;
  /** hadolint codes whose `# hadolint ignore=` also silences this rule. */
  hadolint?: string[];
  check(ctx: RuleContext): Finding[];
}

/** What a context rule sees besides the model: the file system and where the Dockerfile is. */
export interface ContextInfo {
  host: FileSystemHost;
  /** Absolute '/'-separated path of the Dockerfile. */
  dockerfilePath: string;
  /** The build context's folder: given, or inferred by runContextRules (buildContext.ts; usually the Dockerfile's). */
  contextDir?: string;
}

/** A rule that needs the build context (files next to the Dockerfile); `check` returns nothing for it. */
export interface ContextRule extends Rule {
  checkContext(ctx: RuleContext, context: ContextInfo): Promise<Finding[]>;
}

export type { Stage };
