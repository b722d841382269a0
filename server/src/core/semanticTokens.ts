/**
 * Semantic tokens computed from the shared parse in one pass over the instructions (linear in the file),
 * in place of dockerfile-language-service's implementation, which is quadratic in the file's length.
 */
import { Arg, Flag, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { Range, SemanticTokens } from 'vscode-languageserver-types';
import { DockerfileModel, keywordOf } from './model';

export const TOKEN_TYPES = ['keyword', 'comment', 'macro', 'parameter', 'variable', 'class', 'namespace', 'property', 'string'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'deprecated', 'readonly'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const semanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

interface Token {
  line: number;
  char: number;
  length: number;
  type: number;
  modifiers: number;
}

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

class TokenCollector {
  readonly tokens: Token[] = [];
  add(range: Range | null | undefined, type: TokenType, ...modifiers: TokenModifier[]): void {
    if (!range || range.start.line !== range.end.line) return;
    const length = range.end.character - range.start.character;
    if (length <= 0) return;
    let bits = 0;
    for (const m of modifiers) bits |= MODIFIER_BIT.get(m)!;
    this.tokens.push({ line: range.start.line, char: range.start.character, length, type: TYPE_INDEX.get(type)!, modifiers: bits });
  }
}

export function semanticTokens(model: DockerfileModel): SemanticTokens {
  const c = new TokenCollector();
  for (const directive of model.dockerfile.getDirectives()) {
    c.add(directive.getRange(), 'macro');
  }
  for (const comment of model.dockerfile.getComments()) c.add(comment.getRange(), 'comment');
  for (const instruction of model.instructions) addInstruction(c, instruction, model);
  for (const ref of model.references) if (ref.target !== undefined && ref.kind !== 'from') c.add(ref.range, 'namespace');
  return encode(c.tokens);
}

function addInstruction(c: TokenCollector, instruction: Instruction, model: DockerfileModel): void {
  const keyword = keywordOf(instruction);
  c.add(instruction.getInstructionRange(), 'keyword', ...(keyword === 'MAINTAINER' ? (['deprecated'] as const) : []));
  const flags: Flag[] = typeof (instruction as ModifiableInstruction).getFlags === 'function' ? (instruction as ModifiableInstruction).getFlags() : [];
  for (const flag of flags) {
    const range = flag.getRange();
    const nameEnd = flag.getNameRange().end;
    c.add({ start: range.start, end: nameEnd }, 'parameter');
  }
  switch (keyword) {
    case 'FROM': {
      const stage = model.stageOf(instruction);
      const from = stage?.from;
      if (from) {
        c.add(from.getImageRange(), stage?.base.kind === 'stage' ? 'namespace' : 'class');
        if (stage?.asKeyword) c.add(stage.asKeyword.range, 'keyword');
        c.add(from.getBuildStageRange(), 'namespace', 'declaration');
      }
      break;
    }
    case 'ARG':
    case 'ENV':
    case 'LABEL':
      for (const p of (instruction as Arg).getProperties()) {
        c.add(p.getNameRange(), keyword === 'LABEL' ? 'property' : 'variable', 'declaration', ...(keyword === 'ARG' ? [] : (['readonly'] as const)));
      }
      break;
  }
  for (const v of instruction.getVariables()) c.add(v.getRange(), 'variable');
}

/** Sorts, drops overlaps (the first token at a place wins), and encodes relative positions. */
function encode(tokens: Token[]): SemanticTokens {
  tokens.sort((a, b) => a.line - b.line || a.char - b.char);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEndLine = -1;
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.line === lastEndLine && t.char < lastEnd) continue;
    data.push(t.line - prevLine, t.line === prevLine ? t.char - prevChar : t.char, t.length, t.type, t.modifiers);
    prevLine = t.line;
    prevChar = t.char;
    lastEndLine = t.line;
    lastEnd = t.char + t.length;
  }
  return { data };
}
