/**
 * Our codes for the standard validator's checks (dockerfile-utils reports numbers: `10` for a duplicate stage
 * name). Every validator number n is reported as `DS0nn` (10 -> DS010), with a title for the settings schema and
 * the docs page docs/rules/standard.md. The rules map (`dockerfileStages.rules`) sets their severity like any
 * rule's; the `configurable` ones (common/settings.ts
 * LEGACY_VALIDATION_CODES) default to warning, the others are syntax errors.
 */
import { ValidationCode } from 'dockerfile-utils';
import { LEGACY_VALIDATION_CODES } from '../../../common/settings';

export interface StandardCheck {
  /** dockerfile-utils' ValidationCode. */
  validatorCode: number;
  code: string;
  title: string;
  /** The validator lets one configure it (default severity warning); the others are syntax errors. */
  configurable: boolean;
}

const V = ValidationCode;

const TABLE: [number, string][] = [
  [V.CASING_INSTRUCTION, 'Instruction is not written in upper case'],
  [V.CASING_DIRECTIVE, 'Parser directive is not written in lower case'],
  [V.ARGUMENT_MISSING, 'Instruction has no argument'],
  [V.ARGUMENT_EXTRA, 'Instruction has an extra argument'],
  [V.ARGUMENT_REQUIRES_ONE, 'Instruction takes exactly one argument'],
  [V.ARGUMENT_REQUIRES_AT_LEAST_ONE, 'Instruction takes at least one argument'],
  [V.ARGUMENT_REQUIRES_TWO, 'Instruction takes exactly two arguments'],
  [V.ARGUMENT_REQUIRES_AT_LEAST_TWO, 'Instruction takes at least two arguments'],
  [V.ARGUMENT_REQUIRES_ONE_OR_THREE, 'FROM takes an image, or an image, AS and a stage name'],
  [V.ARGUMENT_UNNECESSARY, 'Instruction takes no argument'],
  [V.DUPLICATE_BUILD_STAGE_NAME, 'Two stages have the same name'],
  [V.EMPTY_CONTINUATION_LINE, 'Empty continuation line'],
  [V.INVALID_BUILD_STAGE_NAME, 'Invalid stage name'],
  [V.FLAG_AT_LEAST_ONE, 'Flag value must be at least one'],
  [V.FLAG_DUPLICATE, 'Flag given twice'],
  [V.FLAG_INVALID_DURATION, 'Flag value is not a valid duration'],
  [V.FLAG_LESS_THAN_1MS, 'Flag duration is shorter than 1 ms'],
  [V.FLAG_MISSING_DURATION, 'Flag duration has no value'],
  [V.FLAG_MISSING_VALUE, 'Flag has no value'],
  [V.FLAG_UNKNOWN_UNIT, 'Flag duration has an unknown unit'],
  [V.NO_SOURCE_IMAGE, 'No FROM instruction before this one'],
  [V.INVALID_ESCAPE_DIRECTIVE, 'Invalid escape directive'],
  [V.INVALID_AS, 'The second argument of FROM is not AS'],
  [V.INVALID_DESTINATION, 'Destination of several sources is not a directory'],
  [V.INVALID_PORT, 'Invalid port'],
  [V.INVALID_PROTO, 'Invalid protocol'],
  [V.INVALID_REFERENCE_FORMAT, 'Invalid image reference'],
  [V.INVALID_SIGNAL, 'Invalid signal'],
  [V.INVALID_SYNTAX, 'Invalid syntax'],
  [V.ONBUILD_CHAINING_DISALLOWED, 'ONBUILD ONBUILD is not allowed'],
  [V.ONBUILD_TRIGGER_DISALLOWED, 'This instruction is not allowed as an ONBUILD trigger'],
  [V.SHELL_JSON_FORM, 'SHELL must be written in JSON form'],
  [V.SHELL_REQUIRES_ONE, 'SHELL needs at least one argument'],
  [V.SYNTAX_MISSING_EQUALS, 'Missing = in a key=value pair'],
  [V.SYNTAX_MISSING_NAMES, 'Missing name in a key=value pair'],
  [V.SYNTAX_MISSING_SINGLE_QUOTE, 'Missing closing single quote'],
  [V.SYNTAX_MISSING_DOUBLE_QUOTE, 'Missing closing double quote'],
  [V.MULTIPLE_INSTRUCTIONS, 'Several CMD, ENTRYPOINT or HEALTHCHECK instructions in a stage: only the last counts'],
  [V.UNKNOWN_INSTRUCTION, 'Unknown instruction'],
  [V.UNKNOWN_ADD_FLAG, 'Unknown ADD flag'],
  [V.UNKNOWN_COPY_FLAG, 'Unknown COPY flag'],
  [V.UNKNOWN_FROM_FLAG, 'Unknown FROM flag'],
  [V.UNKNOWN_HEALTHCHECK_FLAG, 'Unknown HEALTHCHECK flag'],
  [V.UNKNOWN_TYPE, 'Unknown HEALTHCHECK type'],
  [V.UNSUPPORTED_MODIFIER, 'Unsupported variable modifier'],
  [V.DEPRECATED_MAINTAINER, 'MAINTAINER is deprecated (use a LABEL)'],
  [V.HEALTHCHECK_CMD_ARGUMENT_MISSING, 'HEALTHCHECK CMD has no command'],
  [V.FLAG_INVALID_FROM_VALUE, 'Invalid --from value'],
  [V.FLAG_EXPECTED_BOOLEAN_VALUE, 'Flag expects true or false'],
  [V.JSON_IN_SINGLE_QUOTES, 'JSON form written with single quotes (it is run as a shell command)'],
  [V.WORKDIR_IS_NOT_ABSOLUTE, 'WORKDIR is not an absolute path'],
  [V.BASE_NAME_EMPTY, 'The base image name is empty (its variable is not defined)'],
  [V.DUPLICATED_ESCAPE_DIRECTIVE, 'Escape directive given twice'],
];

/** `DS0nn` for validator code n. */
export function standardCode(validatorCode: number): string {
  return `DS0${String(validatorCode).padStart(2, '0')}`;
}

const configurable = new Set(Object.values(LEGACY_VALIDATION_CODES));

export const STANDARD_CHECKS: readonly StandardCheck[] = TABLE.map(([n, title]) => ({
  validatorCode: n,
  code: standardCode(n),
  title,
  configurable: configurable.has(standardCode(n)),
}));

const byValidatorCode = new Map(STANDARD_CHECKS.map((c) => [c.validatorCode, c]));
const byCode = new Map(STANDARD_CHECKS.map((c) => [c.code, c]));

export function standardCheckOf(validatorCode: number): StandardCheck | undefined {
  return byValidatorCode.get(validatorCode);
}

export function standardCheckByCode(code: string): StandardCheck | undefined {
  return byCode.get(code);
}
