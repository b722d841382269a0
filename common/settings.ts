/**
 * The typed settings of the extension. package.json's `contributes.configuration` is the schema users see;
 * test/unit/settings.test.ts keeps the two in sync (every key, its type, its default and its enum).
 */
export type TraceLevel = 'off' | 'messages' | 'verbose';
export type Severity = 'off' | 'hint' | 'info' | 'warning' | 'error';
/** Severities of the standard validator's configurable checks (dockerfile-utils). */
export type ValidatorSeverity = 'ignore' | 'warning' | 'error';

export interface ValidatorCheckSettings {
  deprecatedMaintainer: ValidatorSeverity;
  directiveCasing: ValidatorSeverity;
  emptyContinuationLine: ValidatorSeverity;
  instructionCasing: ValidatorSeverity;
  instructionCmdMultiple: ValidatorSeverity;
  instructionEntrypointMultiple: ValidatorSeverity;
  instructionHealthcheckMultiple: ValidatorSeverity;
  instructionJSONInSingleQuotes: ValidatorSeverity;
  instructionWorkdirRelative: ValidatorSeverity;
}

/** A rule's severity setting: `default` keeps the rule's own default, `off` disables it. */
export type RuleSeverity = Severity | 'default';
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['default', 'off', 'hint', 'info', 'warning', 'error'];
/** Every rule code of the rule engine (server/src/core/rules); a test keeps this list and the engine in sync. */
export const RULE_CODES = [
  'DS101', 'DS102', 'DS103', 'DS104', 'DS105', 'DS106', 'DS107', 'DS108', 'DS109',
  'DS201', 'DS202', 'DS203', 'DS204', 'DS205', 'DS206', 'DS207', 'DS208', 'DS209',
  'DS301', 'DS302', 'DS303', 'DS401', 'DS402', 'DS403', 'DS404', 'DS405', 'DS406',
  'DS501', 'DS502', 'DS503', 'DS504', 'DS505', 'DS506', 'DS507', 'DS508', 'DS509',
  'DS510', 'DS511',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];
export type RuleSeveritySettings = Record<RuleCode, RuleSeverity>;

/** Image size estimates (issue 6). */
export type SizeArchitecture = 'host' | 'amd64' | 'arm64';
export interface SizeSettings {
  /** Architecture whose base-image sizes are used; `host`: the machine the server runs on. */
  architecture: SizeArchitecture;
  /** CodeLens with the size above each FROM. */
  codeLens: boolean;
  /** Status-bar item with the final image size of the active Dockerfile. */
  statusBar: boolean;
  /** Exact base sizes from the image's registry (network; never in untrusted workspaces). */
  registryLookup: boolean;
}

export interface FormatterSettings {
  ignoreMultilineInstructions: boolean;
}

export interface Settings {
  /** The stage to treat as the build target; empty means the last stage (like `docker build` without --target). */
  target: string;
  validation: ValidatorCheckSettings;
  formatter: FormatterSettings;
  semanticHighlighting: boolean;
  /** Per-rule severity (docs/rules/<code>.md). */
  rules: RuleSeveritySettings;
  size: SizeSettings;
}

export const defaultSettings: Settings = {
  target: '',
  validation: {
    deprecatedMaintainer: 'warning',
    directiveCasing: 'warning',
    emptyContinuationLine: 'warning',
    instructionCasing: 'warning',
    instructionCmdMultiple: 'warning',
    instructionEntrypointMultiple: 'warning',
    instructionHealthcheckMultiple: 'warning',
    instructionJSONInSingleQuotes: 'warning',
    instructionWorkdirRelative: 'warning',
  },
  formatter: { ignoreMultilineInstructions: false },
  semanticHighlighting: true,
  rules: Object.fromEntries(RULE_CODES.map((c) => [c, 'default'])) as RuleSeveritySettings,
  size: { architecture: 'host', codeLens: true, statusBar: true, registryLookup: false },
};

/** Client-only settings (read by the extension, never sent to the server). */
export interface ClientSettings {
  trace: { server: TraceLevel };
  /** Editor decorations: a thin divider line above each FROM. */
  decorations: { stageDividers: boolean };
  /** Verify conversion by building (issue 16): the builder; auto: docker (with a running daemon), else podman, else buildah. */
  verify: { builder: VerifyBuilder };
}

export type VerifyBuilder = 'auto' | 'docker' | 'podman' | 'buildah';

export const defaultClientSettings: ClientSettings = {
  trace: { server: 'off' },
  decorations: { stageDividers: true },
  verify: { builder: 'auto' },
};

/** Merges a partial settings object (from the client, a config file or the CLI) over the defaults. */
export function resolveSettings(partial: unknown): Settings {
  return deepMerge(defaultSettings, partial) as Settings;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined || over === null) return structuredCloneSimple(base);
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    return typeof over === typeof base ? over : structuredCloneSimple(base);
  }
  if (typeof over !== 'object' || Array.isArray(over)) return structuredCloneSimple(base);
  const out: Record<string, unknown> = {};
  const b = base as Record<string, unknown>;
  const o = over as Record<string, unknown>;
  for (const key of Object.keys(b)) out[key] = deepMerge(b[key], o[key]);
  // Keys absent from the defaults are open maps (e.g. per-rule severities): keep them as given.
  for (const key of Object.keys(o)) if (!(key in b)) out[key] = o[key];
  return out;
}

function structuredCloneSimple(v: unknown): unknown {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
