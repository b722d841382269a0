/**
 * Diagnostics of the standard Dockerfile validator (dockerfile-utils) over the model's text, under our codes
 * (standardCodes.ts: validator number n is DS0nn), with the severity the rules map gives them and a docs link.
 * The rule engine's diagnostics join these in diagnose.ts.
 */
import { validate, ValidationCode, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../common/ids';
import { LEGACY_VALIDATION_CODES, type RuleSeverity, type Settings, type Severity } from '../../../common/settings';
import { ANALYSIS_LIMITS, clampRange, lineLengths, type DockerfileModel } from './model';
import { ruleDocsUrl } from './rules/engine';
import { standardCheckOf, standardCode } from './standardCodes';
import { computeLineStarts } from './text';

const LSP_SEVERITY: Record<Exclude<Severity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The severity the rules map sets for a code; undefined keeps the validator's. */
function configured(settings: Settings, code: string): Severity | undefined {
  const v = (settings.rules as Record<string, RuleSeverity> | undefined)?.[code];
  return v === 'off' || (v !== undefined && v in LSP_SEVERITY) ? (v as Severity) : undefined;
}

/** The validator's own settings: its configurable checks run (as warnings) unless their code is off. */
export function validatorSettings(settings: Settings): ValidatorSettings {
  const out: Record<string, ValidationSeverity> = {};
  for (const [key, code] of Object.entries(LEGACY_VALIDATION_CODES)) {
    out[key] = configured(settings, code) === 'off' ? ValidationSeverity.IGNORE : ValidationSeverity.WARNING;
  }
  return out as ValidatorSettings;
}

/** The code of the note on a file that is not analysed (binary, or over the size limits). */
export const NOT_ANALYSED_CODE = 'DS099';

/** The link of a standard check's code: its section of docs/rules/standard.md. */
export function standardDocsUrl(code: string): string {
  return `${ruleDocsUrl('standard')}#${code.toLowerCase()}`;
}

export function standardDiagnostics(model: DockerfileModel, settings: Settings): Diagnostic[] {
  if (model.binary) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: NOT_ANALYSED_CODE,
        codeDescription: { href: standardDocsUrl(NOT_ANALYSED_CODE) },
        message: model.tooLarge
          ? `This file is too large for analysis (${model.lineCount.toLocaleString('en-US')} lines, ${model.text.length.toLocaleString('en-US')} characters; the limits are ${ANALYSIS_LIMITS.maxLines.toLocaleString('en-US')} lines and ${ANALYSIS_LIMITS.maxLength.toLocaleString('en-US')} characters): Dockerfile analysis is skipped.`
          : 'This file looks binary (it contains NUL bytes): Dockerfile analysis is skipped.',
      },
    ];
  }
  // Clamped: an empty continuation line at the very end is reported on the line after the last.
  const lengths = lineLengths(model.text);
  const { text, renamed } = defuseStageNames(model);
  const out: Diagnostic[] = [];
  for (const d of validate(text, validatorSettings(settings)) as Diagnostic[]) {
    let message = d.message;
    if (d.code === ValidationCode.INVALID_BUILD_STAGE_NAME && typeof message === 'string') {
      for (const [fake, real] of renamed) message = message.split(fake).join(real);
    }
    const validatorCode = typeof d.code === 'number' ? d.code : undefined;
    const code = validatorCode === undefined ? undefined : (standardCheckOf(validatorCode)?.code ?? standardCode(validatorCode));
    const level = code ? configured(settings, code) : undefined;
    if (level === 'off') continue;
    out.push({
      ...d,
      message,
      range: clampRange(d.range, lengths),
      source: DIAGNOSTIC_SOURCE,
      ...(code ? { code, codeDescription: { href: standardDocsUrl(code) } } : {}),
      ...(level ? { severity: LSP_SEVERITY[level] } : {}),
      // The standard service's quick fixes read the validator's number (lsp/features/codeActions.ts).
      ...(validatorCode !== undefined ? { data: { ...(d.data as object | undefined), validatorCode } } : {}),
    });
  }
  return out;
}

/**
 * dockerfile-utils checks a stage name with /^[a-z]([a-z0-9_\-.]*)*$/, whose nested quantifier backtracks
 * exponentially on a long invalid name: `FROM alpine \` continued onto a `LABEL org.opencontainers...=...` line
 * took 7 s. Each invalid name (by the same rule, written without the nesting) has its first character replaced
 * with '!' in the text the validator reads, so its check fails at once; same length, same positions, and the
 * diagnostic's message gets the real name back.
 */
const STAGE_NAME = /^[a-z][a-z0-9_\-.]*$/;

function defuseStageNames(model: DockerfileModel): { text: string; renamed: Map<string, string> } {
  const renamed = new Map<string, string>();
  let text = model.text;
  let starts: number[] | undefined;
  for (const stage of model.stages) {
    const args = stage.from.getArguments();
    if (args.length !== 3) continue;
    const value = args[2].getValue();
    const lower = value.toLowerCase();
    const range = args[2].getRange();
    if (!value || STAGE_NAME.test(lower) || range.start.line !== range.end.line) continue;
    starts ??= computeLineStarts(model.text);
    const offset = starts[range.start.line] + range.start.character;
    if (text[offset] !== value[0]) continue;
    text = `${text.slice(0, offset)}!${text.slice(offset + 1)}`;
    renamed.set(`!${lower.slice(1)}`, lower);
  }
  return { text, renamed };
}
