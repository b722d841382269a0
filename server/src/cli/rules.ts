/**
 * Rule identity of a diagnostic for the CLI (`--rule`, `--ignore-rule`, text/json/SARIF output): its code, DSnnn
 * (the standard validator's checks are DS0nn, see core/standardCodes.ts); a bare numeric code (none is left) is
 * named after the validator's ValidationCode. Help links come from the diagnostic's codeDescription, else
 * the Dockerfile reference.
 */
import { ValidationCode } from 'dockerfile-utils';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { REPOSITORY_URL } from '../../../common/ids';
import { cliService } from './service';

export const DOCKERFILE_REFERENCE = 'https://docs.docker.com/reference/dockerfile/';
export const PROJECT_URI = REPOSITORY_URL;

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITY_NAMES: readonly SeverityName[] = ['error', 'warning', 'info', 'hint'];

export function severityName(d: Diagnostic): SeverityName {
  return SEVERITY_NAMES[(d.severity ?? DiagnosticSeverity.Error) - 1] ?? 'error';
}

/** error < warning < info < hint, as LSP numbers them: a diagnostic passes `--severity s` when rank <= rank(s). */
export function severityRank(s: SeverityName): number {
  return SEVERITY_NAMES.indexOf(s) + 1;
}

function kebab(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** The rule id of a diagnostic: its string code, or the validator's code name; `unknown` without a code. */
export function ruleId(d: Diagnostic): string {
  if (typeof d.code === 'string' && d.code) return d.code;
  if (typeof d.code === 'number') {
    const name = (ValidationCode as unknown as Record<number, string>)[d.code];
    return name ? kebab(name) : `validator-${d.code}`;
  }
  return 'dockerfile';
}

/** Whether an id given on the command line names this diagnostic's rule: its code (`DS204`), its rule name (`unused-stage`), or for a standard check the validator's number or name. */
export function ruleMatches(d: Diagnostic, selector: string): boolean {
  const s = selector.toLowerCase();
  const data = d.data as { validatorCode?: unknown; rule?: unknown } | undefined;
  const validatorCode = typeof d.code === 'number' ? d.code : data?.validatorCode;
  if (ruleId(d).toLowerCase() === s || (typeof data?.rule === 'string' && data.rule === s)) return true;
  if (typeof validatorCode !== 'number') return false;
  // The standard checks' older ids still select them: the validator's number (`0`) and name (`casing-instruction`).
  const name = (ValidationCode as unknown as Record<number, string>)[validatorCode];
  return String(validatorCode) === s || (!!name && kebab(name) === s);
}

export interface RuleInfo {
  id: string;
  /** A one-line description: the rule's (or the standard check's) title, else the first message seen. */
  description: string;
  helpUri: string;
  /** The most severe level seen for it. */
  severity: SeverityName;
}

/** Rule metadata for the diagnostics reported, in first-seen order. */
export function collectRules(diagnostics: Diagnostic[]): RuleInfo[] {
  const rules = new Map<string, RuleInfo>();
  for (const d of diagnostics) {
    const id = ruleId(d);
    const sev = severityName(d);
    const existing = rules.get(id);
    if (existing) {
      if (severityRank(sev) < severityRank(existing.severity)) existing.severity = sev;
      continue;
    }
    rules.set(id, {
      id,
      // The rule's one-line description (the settings schema's), else the first message seen.
      description: cliService().rules.byCode(id)?.description ?? cliService().rules.standardCheckByCode(id)?.title ?? (typeof d.message === 'string' ? d.message.split('\n')[0] : id),
      helpUri: d.codeDescription?.href ?? DOCKERFILE_REFERENCE,
      severity: sev,
    });
  }
  return [...rules.values()];
}
