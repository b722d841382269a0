/** Expansion of `$VAR` / `${VAR}` / `${VAR:-word}` / `${VAR:+word}` / `${VAR-word}` / `${VAR+word}` as BuildKit does it. */

export interface Expansion {
  value: string;
  /** Variables referenced that had no value (expanded to the empty string). */
  unresolved: string[];
}

export type VariableLookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * The longest expansion kept (characters). Values can reference each other (`ENV A=$A$A`, a 50 kB value used
 * 10,000 times on one line): past this the rest is dropped rather than building a string past V8's limit. Real
 * values are far shorter; nothing that reads an expansion needs more.
 */
export const MAX_EXPANSION = 1_000_000;

export function expandVariables(text: string, lookup: VariableLookup, escapeChar = '\\'): Expansion {
  if (!text.includes('$')) return { value: text, unresolved: [] };
  const unresolved: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (out.length > MAX_EXPANSION) {
      out = out.slice(0, MAX_EXPANSION);
      break;
    }
    const ch = text[i];
    if (ch === escapeChar && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = findClose(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const inner = text.slice(i + 2, close);
      out += expandBraced(inner, lookup, unresolved);
      i = close + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    const v = lookup(m[0]);
    if (v === undefined) unresolved.push(m[0]);
    out += v ?? '';
    i += 1 + m[0].length;
  }
  return { value: out.length > MAX_EXPANSION ? out.slice(0, MAX_EXPANSION) : out, unresolved };
}

function findClose(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function expandBraced(inner: string, lookup: VariableLookup, unresolved: string[]): string {
  const m = NAME.exec(inner);
  if (!m) return '';
  const name = m[0];
  const rest = inner.slice(name.length);
  const value = lookup(name);
  const word = (w: string) => {
    const e = expandVariables(w, lookup);
    unresolved.push(...e.unresolved);
    return e.value;
  };
  if (rest.startsWith(':-')) return value ? value : word(rest.slice(2));
  if (rest.startsWith('-')) return value !== undefined ? value : word(rest.slice(1));
  if (rest.startsWith(':+')) return value ? word(rest.slice(2)) : '';
  if (rest.startsWith('+')) return value !== undefined ? word(rest.slice(1)) : '';
  if (value === undefined) unresolved.push(name);
  const v = value ?? '';
  // Pattern removal (${VAR#pattern}, ${VAR%pattern}) with a literal pattern: good enough for image tags.
  if (rest.startsWith('##') || rest.startsWith('#')) {
    const p = rest.replace(/^##?/, '');
    return v.startsWith(p) ? v.slice(p.length) : v;
  }
  if (rest.startsWith('%%') || rest.startsWith('%')) {
    const p = rest.replace(/^%%?/, '');
    return v.endsWith(p) ? v.slice(0, v.length - p.length) : v;
  }
  return v;
}
