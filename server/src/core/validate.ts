/**
 * Diagnostics of the standard Dockerfile validator (dockerfile-utils), with its 9 configurable checks,
 * over the model's text. The rule engine's diagnostics join these in diagnose.ts.
 */
import { validate, ValidationCode, ValidationSeverity, ValidatorSettings } from 'dockerfile-utils';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../common/ids';
import type { Settings, ValidatorSeverity } from '../../../common/settings';
import { ANALYSIS_LIMITS, clampRange, keywordOf, lineLengths, unquote, type DockerfileModel } from './model';
import { computeLineStarts } from './text';

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
  const { text, renamed } = defuseStageNames(model);
  const lineStarts = computeLineStarts(model.text);
  const destinationOf = (d: Diagnostic) => unquote(model.text.slice(lineStarts[d.range.start.line] + d.range.start.character, lineStarts[d.range.end.line] + d.range.end.character).trim());
  return (validate(text, validatorSettings(settings)) as Diagnostic[]).filter((d) => !(d.code === ValidationCode.INVALID_DESTINATION && isDirectoryDestination(model, d.range.start.line, destinationOf(d)))).map((d) => {
    let message = d.message;
    if (d.code === ValidationCode.INVALID_BUILD_STAGE_NAME && typeof message === 'string') {
      for (const [fake, real] of renamed) message = message.split(fake).join(real);
    }
    if (d.code === ValidationCode.INVALID_DESTINATION) {
      // Only the legacy builder fails: BuildKit (the default since Docker 23) copies several sources into a directory.
      const dest = destinationOf(d).replace(/^"(.*)",?$/, '$1');
      const keyword = /^\s*ADD/i.test(model.text.slice(lineStarts[d.range.start.line])) ? 'ADD' : 'COPY';
      return {
        ...d,
        severity: DiagnosticSeverity.Warning,
        message: `${keyword} with several sources into '${dest}': BuildKit copies them into the directory ${dest}, the legacy builder (DOCKER_BUILDKIT=0) fails; end the destination with '/' (${dest.replace(/\/+$/, '')}/) to say it is a directory`,
        range: clampRange(d.range, lengths),
        source: DIAGNOSTIC_SOURCE,
      };
    }
    return { ...d, message, range: clampRange(d.range, lengths), source: DIAGNOSTIC_SOURCE };
  });
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
  return path.replace(/\/+$/, '') || '/';
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
      if (value.startsWith('/')) return relative.reduce((dir, part) => (part.startsWith('/') ? part : `${dir.replace(/\/+$/, '')}/${part}`));
    }
    line = Infinity;
    stage = stage.parent !== undefined ? model.stages[stage.parent] : undefined;
  }
  return undefined;
}
