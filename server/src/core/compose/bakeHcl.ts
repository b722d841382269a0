/**
 * A reader of the `target` blocks of a Bake HCL file (docker-bake.hcl). No maintained npm HCL parser keeps
 * source positions (the published ones convert HCL to JSON, through Go compiled to JavaScript or WebAssembly),
 * and completion, diagnostics and rename need them, so this reads just enough of HCL's native syntax:
 * comments (`#`, `//`, `/* *\/`), strings with `${…}` and `%{…}` templates, heredocs, blocks with labels,
 * attributes whose expressions span brackets over several lines. Of each `target "name" { … }` it keeps
 * `context`, `dockerfile`, `target`, `inherits` and whether it has `dockerfile-inline`. Anything it does not
 * understand is skipped to the end of its line; it never throws.
 */
import type { BuildEntry, BuildFile, WrittenValue } from './types';
import { Positions } from './positions';

type TokenKind = 'ident' | 'string' | 'heredoc' | 'number' | 'punct' | 'newline';

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** ident: the name; punct: the character; string: the decoded value when it has no template. */
  text: string;
  /** string: it holds a `${…}` or `%{…}` template. */
  template?: boolean;
  /** string: an escape makes the decoded text differ from the written one. */
  escaped?: boolean;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

export function tokenizeHcl(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '\n') {
      tokens.push({ kind: 'newline', start: i, end: i + 1, text: '\n' });
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      i++;
    } else if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (ch === '"') {
      const t = readString(text, i);
      tokens.push(t);
      i = t.end;
    } else if (ch === '<' && text[i + 1] === '<' && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (!m) {
        tokens.push({ kind: 'punct', start: i, end: i + 1, text: '<' });
        i++;
        continue;
      }
      let j = i + m[0].length;
      let end = n;
      while (j < n) {
        const lineEnd = text.indexOf('\n', j);
        const line = text.slice(j, lineEnd < 0 ? n : lineEnd).trim();
        if (line === m[1]) {
          end = lineEnd < 0 ? n : lineEnd;
          break;
        }
        if (lineEnd < 0) break;
        j = lineEnd + 1;
      }
      tokens.push({ kind: 'heredoc', start: i, end, text: '' });
      i = end;
    } else if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j])) j++;
      tokens.push({ kind: 'ident', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[0-9.eE+-]/.test(text[j])) j++;
      tokens.push({ kind: 'number', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: 'punct', start: i, end: i + 1, text: ch });
      i++;
    }
  }
  return tokens;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A quoted string from `start` (its opening quote); templates may nest strings and braces. Ends at the line's end if unclosed. */
function readString(text: string, start: number): Token {
  let i = start + 1;
  let value = '';
  let template = false;
  let escaped = false;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { kind: 'string', start, end: i + 1, text: value, template, escaped };
    if (ch === '\n') break;
    if (ch === '\\') {
      escaped = true;
      value += ESCAPES[text[i + 1]] ?? text[i + 1] ?? '';
      i += 2;
      continue;
    }
    if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      template = true;
      i = skipTemplate(text, i + 2);
      continue;
    }
    value += ch;
    i++;
  }
  return { kind: 'string', start, end: i, text: value, template, escaped };
}

/** Past the `}` closing a template that starts at `i` (after its `${`). */
function skipTemplate(text: string, i: number): number {
  let depth = 1;
  while (i < text.length && depth > 0) {
    const ch = text[i];
    if (ch === '"') {
      i = readString(text, i).end;
      continue;
    }
    if (ch === '\n') return i;
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    i++;
  }
  return i;
}

interface Attribute {
  name: string;
  /** Tokens of the expression, newlines inside brackets removed. */
  value: Token[];
}

interface Block {
  type: string;
  labels: Token[];
  start: number;
  end: number;
  attributes: Attribute[];
}

class Parser {
  private i = 0;
  readonly blocks: Block[] = [];
  constructor(private readonly tokens: Token[], private readonly textLength: number) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  /** A body up to its closing `}` (or the end); top-level blocks go to `blocks`, attributes to the returned list. */
  parseBody(depth: number): { attributes: Attribute[]; end: number } {
    const attributes: Attribute[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) return { attributes, end: this.textLength };
      if (t.kind === 'newline' || (t.kind === 'punct' && t.text === ',')) {
        this.i++;
        continue;
      }
      if (t.kind === 'punct' && t.text === '}') {
        this.i++;
        if (depth > 0) return { attributes, end: t.end };
        continue;
      }
      if (t.kind !== 'ident') {
        this.skipLine();
        continue;
      }
      this.i++;
      const next = this.peek();
      if (next?.kind === 'punct' && (next.text === '=' || next.text === ':')) {
        this.i++;
        attributes.push({ name: t.text, value: this.expression() });
        continue;
      }
      const labels: Token[] = [];
      while (this.peek() && (this.peek()!.kind === 'string' || this.peek()!.kind === 'ident')) labels.push(this.tokens[this.i++]);
      const open = this.peek();
      if (open?.kind === 'punct' && open.text === '{') {
        this.i++;
        const body = this.parseBody(depth + 1);
        if (depth === 0) this.blocks.push({ type: t.text, labels, start: t.start, end: body.end, attributes: body.attributes });
        continue;
      }
      this.skipLine();
    }
  }

  /** An expression: tokens up to a newline, `,` or `}` outside brackets. */
  private expression(): Token[] {
    const out: Token[] = [];
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (!t) return out;
      if (depth === 0 && (t.kind === 'newline' || (t.kind === 'punct' && (t.text === '}' || t.text === ',')))) return out;
      this.i++;
      if (t.kind === 'punct' && (t.text === '[' || t.text === '(' || t.text === '{')) depth++;
      else if (t.kind === 'punct' && (t.text === ']' || t.text === ')' || t.text === '}')) depth = Math.max(0, depth - 1);
      if (t.kind !== 'newline') out.push(t);
    }
  }

  private skipLine(): void {
    while (this.peek() && this.peek()!.kind !== 'newline') {
      const t = this.tokens[this.i];
      if (t.kind === 'punct' && t.text === '}') return;
      this.i++;
    }
  }
}

function stringValue(positions: Positions, tokens: Token[]): WrittenValue | undefined {
  if (!tokens.length) return undefined;
  const t = tokens[0];
  if (tokens.length === 1 && t.kind === 'string') {
    const closed = positions.text[t.end - 1] === '"' && t.end - 1 > t.start;
    const end = closed ? t.end - 1 : t.end;
    const raw = positions.text.slice(t.start + 1, end);
    return { value: t.template ? raw : t.text, range: positions.range(t.start + 1, end), variable: !!t.template, opaque: !!t.escaped };
  }
  // An expression (a variable, a function call, a conditional): its value is known only at build time.
  const last = tokens[tokens.length - 1];
  return { value: positions.text.slice(t.start, last.end), range: positions.range(t.start, last.end), variable: true, opaque: true };
}

export function parseBakeHcl(text: string): BuildFile {
  const positions = new Positions(text);
  const parser = new Parser(tokenizeHcl(text), text.length);
  parser.parseBody(0);
  const entries: BuildEntry[] = [];
  for (const block of parser.blocks) {
    if (block.type !== 'target' || block.labels.length !== 1) continue;
    const label = block.labels[0];
    const labelEnd = label.kind === 'string' && positions.text[label.end - 1] === '"' ? label.end - 1 : label.end;
    const labelStart = label.kind === 'string' ? label.start + 1 : label.start;
    const attr = (name: string) => {
      let found: Attribute | undefined;
      for (const a of block.attributes) if (a.name === name) found = a;
      return found;
    };
    const inherits = attr('inherits')?.value.filter((t) => t.kind === 'string' && !t.template).map((t) => t.text) ?? [];
    const target = attr('target');
    entries.push({
      kind: 'bake',
      name: label.text,
      nameRange: positions.range(labelStart, labelEnd),
      range: positions.range(block.start, block.end),
      context: stringValue(positions, attr('context')?.value ?? []),
      dockerfile: stringValue(positions, attr('dockerfile')?.value ?? []),
      target: target ? stringValue(positions, target.value) : undefined,
      inline: !!attr('dockerfile-inline'),
      inherits,
    });
  }
  return { kind: 'bake', entries };
}

