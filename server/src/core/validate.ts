/**
 * Diagnostics of the standard Dockerfile validator (dockerfile-utils), with its 9 configurable checks,
 * over the model's text. The rule engine's diagnostics join these in diagnose.ts.
 */
import { validate, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../common/ids';
import type { Settings, ValidatorSeverity } from '../../../common/settings';
import { ANALYSIS_LIMITS, clampRange, lineLengths, type DockerfileModel } from './model';

const SEVERITY: Record<ValidatorSeverity, ValidationSeverity> = {
  ignore: ValidationSeverity.IGNORE,
  warning: ValidationSeverity.WARNING,
  error: ValidationSeverity.ERROR,
};

export function validatorSettings(settings: Settings): ValidatorSettings {
  const out: Record<string, ValidationSeverity> = {};
  for (const [k, v] of Object.entries(settings.validation)) out[k] = SEVERITY[v as ValidatorSeverity] ?? ValidationSeverity.WARNING;
  return out as ValidatorSettings;
}

export function standardDiagnostics(model: DockerfileModel, settings: Settings): Diagnostic[] {
  if (model.binary) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        message: model.tooLarge
          ? `This file is too large for analysis (${model.lineCount.toLocaleString('en-US')} lines, ${model.text.length.toLocaleString('en-US')} characters; the limits are ${ANALYSIS_LIMITS.maxLines.toLocaleString('en-US')} lines and ${ANALYSIS_LIMITS.maxLength.toLocaleString('en-US')} characters): Dockerfile analysis is skipped.`
          : 'This file looks binary (it contains NUL bytes): Dockerfile analysis is skipped.',
      },
    ];
  }
  // Clamped: an empty continuation line at the very end is reported on the line after the last.
  const lengths = lineLengths(model.text);
  return (validate(model.text, validatorSettings(settings)) as Diagnostic[]).map((d) => ({ ...d, range: clampRange(d.range, lengths), source: DIAGNOSTIC_SOURCE }));
}
