/**
 * Arithmetic expressions (`$((...))`, `$[...]`, `((...))`, the header of `for ((...))`): the model keeps no
 * value of them, so they are only checked, as a shell would, for an operand where one is due and an operator
 * between operands, and skipped up to their closing characters.
 */
import { BACKTICK, DOLLAR, DQUOTE, LBRACKET, LPAREN, NL, RPAREN, SEMI, SQUOTE, SPACE, TAB, BACKSLASH, type ScriptCursor, isNameChar, isNameStart } from './scriptCursor';

export interface ArithmeticHost extends ScriptCursor {
  expansionPart(): void;
  index(open: number): void;
}

const MAX_PARENS = 200;

// Operators, longest first so that `**=` is not read as `*` then `*=`.
const BINARY = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '=', ',', '?', ':'];
const PREFIX = ['++', '--', '+', '-', '!', '~'];

/**
 * Skips an expression up to `close` (`))` or `]`; `;;` for the for header, whose three parts end at `;` and the
 * header at `))`). The cursor is after the opening characters; it ends after the closing ones.
 */
export function skipArithmetic(r: ArithmeticHost, close: string, open: number, parts = 1): void {
  let operand = true; // an operand is due
  let empty = true;
  let depth = 0;
  let named = false; // the last operand is a plain variable name
  const header = parts > 1; // for ((;;)): each part may be empty
  for (;;) {
    skipSpace(r);
    if (r.pos >= r.len) r.fail(open, `the ${close === ']' ? '$[' : '(('} opened here is never closed`);
    const c = r.peek();
    if (depth === 0 && r.looking(close) && (close !== '))' || c === RPAREN)) {
      if (operand && (!empty || !header)) r.fail(r.pos, empty ? 'an arithmetic expression is empty' : 'an arithmetic expression ends where an operand is due');
      if (parts > 1) r.fail(r.pos, 'the for (( header needs three expressions separated by ";"');
      r.pos += close.length;
      return;
    }
    if (c === SEMI && parts > 1 && depth === 0) {
      if (operand && !empty) r.fail(r.pos, 'an arithmetic expression ends where an operand is due');
      parts--;
      r.pos++;
      operand = true;
      empty = true;
      continue;
    }
    empty = false;
    if (operand) {
      named = isNameStart(c);
      operand = readOperand(r, c, () => {
        // Parentheses are counted, not recursed into; the bound keeps the same limit as other nesting.
        if (++depth > MAX_PARENS) r.fail(r.pos, 'constructs are nested too deeply to read');
      });
    } else if (c === RPAREN) {
      if (depth === 0) r.fail(r.pos, 'an arithmetic expression has a ")" with no "(" before it');
      named = false;
      depth--;
      r.pos++;
    } else if (r.looking('++') || r.looking('--')) {
      r.pos += 2;
    } else {
      const op = BINARY.find((o) => r.looking(o));
      if (!op) r.fail(r.pos, `"${r.src[r.pos]}" is not an arithmetic operator`);
      // `1 = 2`: only a variable can be assigned to.
      if (op.endsWith('=') && op !== '==' && op !== '!=' && op !== '<=' && op !== '>=' && !named) r.fail(r.pos, `"${op}" must follow a variable name`);
      r.pos += op.length;
      operand = true;
    }
  }
}

/** Reads a prefix operator, `(`, or an operand; returns whether an operand is still due. */
function readOperand(r: ArithmeticHost, c: number, opened: () => void): boolean {
  if (c === LPAREN) {
    opened();
    r.pos++;
    return true;
  }
  const prefix = PREFIX.find((o) => r.looking(o));
  if (prefix) {
    r.pos += prefix.length;
    return true;
  }
  if (c === DOLLAR || c === BACKTICK || c === DQUOTE || c === SQUOTE) {
    r.expansionPart();
    return false;
  }
  const start = r.pos;
  while (isNameChar(r.peek()) || (r.peek() === 35 && r.pos > start) || (r.peek() === 64 && r.pos > start)) r.pos++;
  if (r.pos === start) r.fail(start, `"${r.src[start]}" cannot start an arithmetic operand`);
  if (r.peek() === LBRACKET) r.index(start);
  return false;
}

function skipSpace(r: ScriptCursor): void {
  for (;;) {
    const c = r.peek();
    if (c === SPACE || c === TAB || c === NL) r.pos++;
    else if (c === BACKSLASH && r.at(r.pos + 1) === NL) r.pos += 2;
    else return;
  }
}
