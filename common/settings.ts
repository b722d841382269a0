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

export interface FormatterSettings {
  ignoreMultilineInstructions: boolean;
}

export interface Settings {
  /** The stage to treat as the build target; empty means the last stage (like `docker build` without --target). */
  target: string;
  validation: ValidatorCheckSettings;
  formatter: FormatterSettings;
  semanticHighlighting: boolean;
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
};

/** Client-only settings (read by the extension, never sent to the server). */
export interface ClientSettings {
  trace: { server: TraceLevel };
  /** Editor decorations: a thin divider line above each FROM. */
  decorations: { stageDividers: boolean };
}

export const defaultClientSettings: ClientSettings = {
  trace: { server: 'off' },
  decorations: { stageDividers: true },
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
