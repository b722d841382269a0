/**
 * Diagnostics of the standard Dockerfile validator (dockerfile-utils) over the model's text, under our codes
 * (standardCodes.ts: validator number n is DS0nn), with the severity the rules map gives them and a docs link.
 * The rule engine's diagnostics join these in diagnose.ts.
 */
import { validate, ValidationCode, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../common/ids';
import { LEGACY_VALIDATION_CODES, type RuleSeverity, type Settings, type Severity } from '../../../common/settings';
import { copyRange } from './astPatches';
import { ANALYSIS_LIMITS, clampRange, keywordOf, lineLengthsOf, lineStartsOf, unquote, type DockerfileModel } from './model';
import { ruleDocsUrl } from './rules/engine';
import { standardCheckOf, standardCode } from './standardCodes';
import { trimTrailingSlashes } from './text';

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
  const lengths = lineLengthsOf(model);
  const { text, renamed } = defuseStageNames(model);
  const lineStarts = lineStartsOf(model);
  const destinationOf = (d: Diagnostic) => unquote(model.text.slice(lineStarts[d.range.start.line] + d.range.start.character, lineStarts[d.range.end.line] + d.range.end.character).trim());
  const out: Diagnostic[] = [];
  for (const d of validate(text, validatorSettings(settings)) as Diagnostic[]) {
    // Several sources into `.`, `./` or the WORKDIR: a directory, not an invalid destination.
    if (d.code === ValidationCode.INVALID_DESTINATION && isDirectoryDestination(model, d.range.start.line, destinationOf(d))) continue;
    // A relative WORKDIR after an absolute one is relative to it: BuildKit's WorkdirRelativePath warns only without one.
    if (d.code === ValidationCode.WORKDIR_IS_NOT_ABSOLUTE && workdirAt(model, d.range.start.line) !== undefined) continue;
    let message = d.message;
    if (d.code === ValidationCode.INVALID_BUILD_STAGE_NAME && typeof message === 'string') {
      for (const [fake, real] of renamed) message = message.split(fake).join(real);
    }
    let severity = d.severity;
    if (d.code === ValidationCode.INVALID_DESTINATION) {
      // Only the legacy builder fails: BuildKit (the default since Docker 23) copies several sources into a directory.
      const dest = destinationOf(d).replace(/^"(.*)",?$/, '$1');
      const keyword = /^\s*ADD/i.test(model.text.slice(lineStarts[d.range.start.line])) ? 'ADD' : 'COPY';
      severity = DiagnosticSeverity.Warning;
      message = `${keyword} with several sources into '${dest}': BuildKit copies them into the directory ${dest}, the legacy builder (DOCKER_BUILDKIT=0) fails; end the destination with '/' (${trimTrailingSlashes(dest)}/) to say it is a directory`;
    }
    const validatorCode = typeof d.code === 'number' ? d.code : undefined;
    const code = validatorCode === undefined ? undefined : (standardCheckOf(validatorCode)?.code ?? standardCode(validatorCode));
    const level = code ? configured(settings, code) : undefined;
    if (level === 'off') continue;
    out.push({
      ...d,
      message,
      // A copy: the validator's ranges may hold the parse tree's own positions (core/astPatches.ts).
      range: copyRange(clampRange(d.range, lengths)),
      source: DIAGNOSTIC_SOURCE,
      severity,
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
  let starts: readonly number[] | undefined;
  for (const stage of model.stages) {
    const args = stage.from.getArguments();
    if (args.length !== 3) continue;
    const value = args[2].getValue();
    const lower = value.toLowerCase();
    const range = args[2].getRange();
    if (!value || STAGE_NAME.test(lower) || range.start.line !== range.end.line) continue;
    starts ??= lineStartsOf(model);
    const offset = starts[range.start.line] + range.start.character;
    if (text[offset] !== value[0]) continue;
    text = `${text.slice(0, offset)}!${text.slice(offset + 1)}`;
    renamed.set(`!${lower.slice(1)}`, lower);
  }
  return { text, renamed };
}

/**
 * Whether a COPY/ADD destination without a trailing slash is still a directory for BuildKit: `.`, `..`, a path
 * ending in `/.` or `/..`, or the WORKDIR in effect (an existing directory). `COPY go.mod go.sum .` builds; the
 * validator's "must end with /" is true only of the legacy builder. Other destinations get a warning (the legacy
 * builder fails there; BuildKit makes the directory).
 */
function isDirectoryDestination(model: DockerfileModel, line: number, destination: string): boolean {
  const dest = destination.replace(/^"(.*)",?$/, '$1');
  if (/^\.\.?$/.test(dest) || /[/\\]\.\.?$/.test(dest)) return true;
  const workdir = workdirAt(model, line);
  return workdir !== undefined && normalise(dest) === normalise(workdir);
}

function normalise(path: string): string {
  return trimTrailingSlashes(path) || '/';
}

/** The WORKDIR in effect at a line: this stage's last WORKDIR before it, else its parent stages'. */
function workdirAt(model: DockerfileModel, line: number): string | undefined {
  let stage = model.stageAt(line);
  const seen = new Set<number>();
  let relative: string[] = [];
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    const before = stage.instructions.filter((i) => keywordOf(i) === 'WORKDIR' && i.getRange().start.line < line);
    for (let k = before.length - 1; k >= 0; k--) {
      const value = unquote(before[k].getArgumentsContent()?.trim() ?? '');
      if (!value) continue;
      relative = [value, ...relative];
      if (value.startsWith('/')) return relative.reduce((dir, part) => (part.startsWith('/') ? part : `${trimTrailingSlashes(dir)}/${part}`));
    }
    line = Infinity;
    stage = stage.parent !== undefined ? model.stages[stage.parent] : undefined;
  }
  return undefined;
}
