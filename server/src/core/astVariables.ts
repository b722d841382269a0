/**
 * The variables of an instruction's argument (`$NAME`, `${NAME}`, `${NAME:-default}` ...): what dockerfile-ast's
 * Instruction.parseVariables answers, in time linear in the argument. astPatches.ts installs it under
 * parseVariables; test/unit/astVariables.test.ts compares the two on every instruction of ../shared/corpus and on
 * random arguments built from the characters the scan treats specially.
 *
 * Why: after an escape character inside a variable reference, the original looks for the newline it might
 * escape by reading on to the end of the argument, and does so again at the next escape character. An argument
 * of 25,000 `\ ` after a `${` took 1.7 s to validate (the fuzzer found it). Here the next newline is looked up
 * once per position.
 *
 * The rules, as dockerfile-ast applies them (ours must give the same answers, including on malformed input):
 * - outside a reference, the escape character before `$` keeps the `$` literal;
 * - `${`: the name runs to the first `:` (or `}`); after it the first character is the modifier and the rest the
 *   substitution parameter; blanks are skipped; an escape character jumps to the next newline of the argument if
 *   there is one, and is skipped otherwise; no `}` ends the scan of the argument;
 * - `$` then a blank, or `$` last: no variable;
 * - `$NAME`: letters, digits and `_` (blanks skipped); `$`, a quote or any other character ends it; an escape
 *   character jumps to the next newline, or ends the name and the scan when there is none.
 */
import { Variable } from 'dockerfile-ast';
import { Range, type Position } from 'vscode-languageserver-types';

interface VariableInstruction {
  document: { positionAt(offset: number): Position };
  dockerfile: { resolveVariable(name: string, line: number): string | undefined | null };
  escapeChar: string;
  isBuildVariable(name: string, line: number): boolean | undefined;
}

const blank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const NAME_CHARACTER = /^[a-z0-9_]$/i;

/** The variables of `arg`, whose first character is at document offset `offset`. */
export function scanVariables(instruction: VariableInstruction, offset: number, arg: string): Variable[] {
  const at = (index: number) => instruction.document.positionAt(offset + index);
  const escape = instruction.escapeChar;
  const variables: Variable[] = [];
  // The next newline at or after a position: positions only grow, so one look-up serves until it is passed.
  let newlineFrom = Number.POSITIVE_INFINITY;
  let newlineAt = -1;
  const nextNewline = (from: number): number => {
    if (!(newlineFrom <= from && (newlineAt === -1 || newlineAt >= from))) {
      newlineAt = arg.indexOf('\n', from);
      newlineFrom = from;
    }
    return newlineAt;
  };
  const plain = (name: string, start: number, end: number): Variable => {
    const first = at(start);
    return new Variable(name, Range.create(at(start + 1), at(end)), Range.create(first, at(end)), null as unknown as string, null as unknown as Range, null as unknown as string, null as unknown as Range, instruction.dockerfile.resolveVariable(name, first.line) !== undefined, instruction.isBuildVariable(name, first.line) as boolean, `$${name}`);
  };
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i];
    if (c === escape) {
      if (arg[i + 1] === '$') i++;
      continue;
    }
    if (c !== '$') continue;
    if (arg[i + 1] === '{') {
      const braced = bracedVariable(instruction, arg, i, at, nextNewline);
      if (!braced) break;
      variables.push(braced.variable);
      i = braced.end;
      continue;
    }
    if (i === arg.length - 1 || blank(arg[i + 1])) continue;
    let name = '';
    let j = i + 1;
    let ended = false;
    for (; j < arg.length; j++) {
      const ch = arg[j];
      if (blank(ch)) continue;
      if (ch === escape) {
        const newline = nextNewline(j + 1);
        if (newline !== -1) {
          j = newline;
          continue;
        }
        // An escape character with no newline after it: the name ends there, and so does the scan.
        variables.push(plain(name, i, j));
        return variables;
      }
      if (ch === '$' || ch === "'" || ch === '"' || !NAME_CHARACTER.test(ch)) {
        variables.push(plain(name, i, j));
        i = j - 1;
        ended = true;
        break;
      }
      name += ch;
    }
    if (ended) continue;
    variables.push(plain(name, i, arg.length));
    break;
  }
  return variables;
}

/** A `${…}` reference starting at `i`, and the index of its `}`; undefined when no `}` closes it. */
function bracedVariable(instruction: VariableInstruction, arg: string, i: number, at: (index: number) => Position, nextNewline: (from: number) => number): { variable: Variable; end: number } | undefined {
  const escape = instruction.escapeChar;
  let text = '${';
  let name = '';
  let nameEnd = -1;
  let parameter = '';
  let parameterStart = -1;
  let parameterEnd = -1;
  let modifierAt = -1;
  /** A character after the name: the modifier if none yet, else part of the substitution parameter. */
  const afterName = (j: number, ch: string) => {
    if (modifierAt === -1) {
      modifierAt = j;
      return;
    }
    if (parameterStart === -1) parameterStart = j;
    parameterEnd = j;
    parameter += ch;
  };
  for (let j = i + 2; j < arg.length; j++) {
    const ch = arg[j];
    if (ch === escape) {
      const newline = nextNewline(j + 1);
      if (newline !== -1) j = newline;
      continue;
    }
    if (ch === '}') {
      text += '}';
      let modifier: string | null = null;
      let modifierRange: Range | null = null;
      let substitutionRange: Range | null = null;
      const substitution = modifierAt !== -1 ? parameter : null;
      if (nameEnd === -1) {
        nameEnd = j;
      } else if (nameEnd + 1 === j) {
        modifier = '';
        modifierRange = Range.create(at(nameEnd + 1), at(nameEnd + 1));
      } else {
        if (parameterStart === -1) {
          parameterStart = modifierAt + 1;
          parameterEnd = modifierAt + 1;
        } else {
          parameterEnd++;
        }
        modifier = arg.substring(modifierAt, modifierAt + 1);
        modifierRange = Range.create(at(modifierAt), at(modifierAt + 1));
        substitutionRange = Range.create(at(parameterStart), at(parameterEnd));
      }
      const start = at(i);
      const line = start.line;
      const variable = new Variable(name, Range.create(at(i + 2), at(nameEnd)), Range.create(start, at(j + 1)), modifier as string, modifierRange as Range, substitution as string, substitutionRange as Range, instruction.dockerfile.resolveVariable(name, line) !== undefined, instruction.isBuildVariable(name, line) as boolean, text);
      return { variable, end: j };
    }
    if (blank(ch)) continue;
    if (ch === ':') {
      if (nameEnd === -1) nameEnd = j;
      else afterName(j, ch);
    } else if (nameEnd === -1) {
      name += ch;
    } else {
      afterName(j, ch);
    }
    text += ch;
  }
  return undefined;
}
