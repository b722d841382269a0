/**
 * The typed settings of the extension. package.json's `contributes.configuration` is the schema users see;
 * test/unit/settings.test.ts keeps the two in sync (every key, its type, its default and its enum).
 */
export type TraceLevel = 'off' | 'messages' | 'verbose';
/** The one severity vocabulary of every diagnostic setting (rules, standard checks, the CLI's config file). */
export type Severity = 'off' | 'hint' | 'info' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint', 'off'];

/**
 * A code's entry in the rules map. `default` (the per-rule settings' old value) is still read as "no entry":
 * settings written before the map keep working.
 */
export type RuleSeverity = Severity | 'default';
/** Every rule code of the rule engine (server/src/core/rules), generated from the rule files by `npm run gen`. */
export { RULE_CODES } from './ruleCodes.generated';
import { RULE_CODES } from './ruleCodes.generated';
export type RuleCode = (typeof RULE_CODES)[number];
/**
 * `dockerfileStages.rules`: severity per code (a rule's DSnnn, or a standard check's DS0nn); a code not in the map
 * keeps its default. The schema in package.json is generated from the rule registry (scripts/gen-settings.mjs).
 */
export type RuleSeveritySettings = Partial<Record<string, RuleSeverity>>;

/**
 * `auto`: leave instruction completion, keyword hover, formatting and syntax diagnostics to Docker DX or Container
 * Tools when either is installed and enabled (the client tells the server which, see StandardFeaturesOwner);
 * `on`: always provide them; `off`: never. Stage features (stage diagnostics, navigation, sizes, conversions) stay on.
 */
export type StandardFeatures = 'auto' | 'on' | 'off';
export const STANDARD_FEATURES: readonly StandardFeatures[] = ['auto', 'on', 'off'];
/** Extensions that provide the standard Dockerfile features; `auto` defers to the first one found enabled. */
export const STANDARD_FEATURE_EXTENSIONS: readonly { id: string; name: string }[] = [
  { id: 'docker.docker', name: 'Docker DX' },
  { id: 'ms-azuretools.vscode-containers', name: 'Container Tools' },
  { id: 'ms-azuretools.vscode-docker', name: 'Docker (Container Tools)' },
];

/** Whether the standard features are ours to provide, given the setting and the other extension found (if any). */
export function provideStandardFeatures(setting: StandardFeatures, otherExtension: string | undefined): boolean {
  return setting === 'on' || (setting === 'auto' && !otherExtension);
}

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
  formatter: FormatterSettings;
  semanticHighlighting: boolean;
  /** Severity per code (docs/rules/<code>.md); codes not in the map keep their default. */
  rules: RuleSeveritySettings;
  standardFeatures: StandardFeatures;
  size: SizeSettings;
  /** The target platform (`linux/arm64`): TARGETARCH, TARGETOS ... resolve from it wherever a stage or base is picked. */
  platform: string;
}

export const defaultSettings: Settings = {
  target: '',
  formatter: { ignoreMultilineInstructions: false },
  semanticHighlighting: true,
  rules: {},
  standardFeatures: 'auto',
  size: { architecture: 'host', codeLens: true, statusBar: true, registryLookup: false },
  platform: 'linux/amd64',
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

/**
 * The standard validator's configurable checks under their old setting names (`dockerfileStages.validation.*`,
 * values ignore | warning | error) and the code that replaces each in the rules map. The three "multiple"
 * checks share DS037 (dockerfile-utils reports them with one code).
 */
export const LEGACY_VALIDATION_CODES: Readonly<Record<string, string>> = {
  instructionCasing: 'DS000',
  directiveCasing: 'DS001',
  emptyContinuationLine: 'DS011',
  instructionCmdMultiple: 'DS037',
  instructionEntrypointMultiple: 'DS037',
  instructionHealthcheckMultiple: 'DS037',
  deprecatedMaintainer: 'DS045',
  instructionJSONInSingleQuotes: 'DS049',
  instructionWorkdirRelative: 'DS050',
};

/**
 * The rules-map entries that old `validation` settings stand for (ignore -> off), and the old keys found
 * (`validation.instructionCasing`); values that are no severity are left out of the entries.
 */
export function legacyValidationEntries(validation: unknown): { keys: string[]; entries: Record<string, Severity> } {
  const keys: string[] = [];
  const entries: Record<string, Severity> = {};
  if (!validation || typeof validation !== 'object') return { keys, entries };
  for (const [key, value] of Object.entries(validation as Record<string, unknown>)) {
    const code = LEGACY_VALIDATION_CODES[key];
    if (!code || value === undefined) continue;
    keys.push(`validation.${key}`);
    const severity = value === 'ignore' ? 'off' : value;
    if ((SEVERITIES as readonly unknown[]).includes(severity)) entries[code] = severity as Severity;
  }
  return { keys, entries };
}

/**
 * The rules-map entries that old settings stand for: `validation.<check>` (ignore -> off) and per-rule values
 * other than `default`. An entry the map already has wins over an old setting.
 */
export function migrateLegacySettings(partial: { validation?: unknown; rules?: unknown }): Record<string, Severity> {
  const out: Record<string, Severity> = legacyValidationEntries(partial.validation).entries;
  const rules = partial.rules;
  if (rules && typeof rules === 'object') {
    for (const [code, value] of Object.entries(rules as Record<string, unknown>)) {
      if ((SEVERITIES as readonly unknown[]).includes(value)) out[code] = value as Severity;
      else delete out[code];
    }
  }
  return out;
}

/** Merges a partial settings object (from the client, a config file or the CLI) over the defaults. */
export function resolveSettings(partial: unknown): Settings {
  const settings = deepMerge(defaultSettings, partial) as Settings & { validation?: unknown };
  if (partial && typeof partial === 'object') settings.rules = migrateLegacySettings(partial as { validation?: unknown; rules?: unknown });
  delete settings.validation;
  return settings;
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
