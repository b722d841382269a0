/**
 * Compose files (YAML) and Bake JSON files, read with the `yaml` package's document model, which keeps the
 * source range of every node. Aliases and merge keys (`<<: *defaults`) are followed; a value that comes
 * through them keeps the range where it is written.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { BuildEntry, BuildFile, WrittenValue } from './types';
import { Positions } from './positions';

type AnyNode = Node | null | undefined;

function resolveNode(doc: Document, node: unknown, depth = 0): AnyNode {
  let n = node as AnyNode;
  while (n && isAlias(n) && depth++ < 32) n = n.resolve(doc) as AnyNode;
  return n;
}

function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number')) return String(k.value);
  return undefined;
}

function isMergeKey(pair: Pair): boolean {
  const k = pair.key;
  return isScalar(k) && (typeof k.value === 'symbol' || k.value === '<<');
}

/** The pairs of a mapping with merge keys applied: its own keys win over merged ones, earlier merges over later. */
function pairsOf(doc: Document, map: YAMLMap, depth = 0): Map<string, Pair> {
  const out = new Map<string, Pair>();
  const merged: Map<string, Pair>[] = [];
  for (const item of map.items) {
    const pair = item as Pair;
    if (isMergeKey(pair)) {
      if (depth > 16) continue;
      const v = resolveNode(doc, pair.value);
      const sources = isSeq(v) ? v.items.map((i) => resolveNode(doc, i)) : [v];
      for (const s of sources) if (isMap(s)) merged.push(pairsOf(doc, s, depth + 1));
      continue;
    }
    const key = keyText(pair);
    if (key !== undefined && !out.has(key)) out.set(key, pair);
  }
  for (const m of merged) for (const [k, p] of m) if (!out.has(k)) out.set(k, p);
  return out;
}

function written(doc: Document, positions: Positions, node: unknown): WrittenValue | undefined {
  const n = resolveNode(doc, node);
  if (!isScalar(n) || !n.range) return undefined;
  const [start, valueEnd] = n.range;
  if (n.value === null || n.value === undefined) {
    return { value: '', range: positions.range(start, start), variable: false };
  }
  if (typeof n.value !== 'string' && typeof n.value !== 'number') return undefined;
  const value = String(n.value);
  const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE';
  const block = n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED';
  const inner = quoted ? positions.range(start + 1, valueEnd - 1) : positions.range(start, valueEnd);
  const raw = positions.text.slice(quoted ? start + 1 : start, quoted ? valueEnd - 1 : valueEnd);
  // An escape (`"a\x62"`) or a folded plain scalar makes the text differ from the value: not editable in place.
  const opaque = block || raw !== value || inner.start.line !== inner.end.line;
  return { value, range: inner, variable: value.includes('$'), opaque };
}

function entryRange(positions: Positions, pair: Pair) {
  const k = pair.key as Node;
  const v = pair.value as Node | null;
  const start = k?.range?.[0] ?? 0;
  const end = v?.range?.[2] ?? k?.range?.[2] ?? start;
  return positions.range(start, end);
}

/** A Compose file: every service with a `build:` (short form `build: ./dir` or the long form). */
export function parseComposeFile(text: string): BuildFile {
  const positions = new Positions(text);
  const entries: BuildEntry[] = [];
  let doc: Document;
  try {
    doc = parseDocument(text, { merge: true, uniqueKeys: false, prettyErrors: false });
  } catch {
    return { kind: 'compose', entries };
  }
  const root = resolveNode(doc, doc.contents);
  if (!isMap(root)) return { kind: 'compose', entries };
  const services = resolveNode(doc, pairsOf(doc, root).get('services')?.value);
  if (!isMap(services)) return { kind: 'compose', entries };
  for (const item of services.items) {
    const pair = item as Pair;
    const name = keyText(pair);
    const service = resolveNode(doc, pair.value);
    if (name === undefined || !isMap(service)) continue;
    const buildPair = pairsOf(doc, service).get('build');
    if (!buildPair) continue;
    const build = resolveNode(doc, buildPair.value);
    const entry: BuildEntry = {
      kind: 'compose',
      name,
      nameRange: positions.range((pair.key as Node).range![0], (pair.key as Node).range![1]),
      range: entryRange(positions, pair),
      inline: false,
      inherits: [],
    };
    if (isScalar(build)) {
      entry.context = written(doc, positions, build);
    } else if (isMap(build)) {
      const b = pairsOf(doc, build);
      entry.context = written(doc, positions, b.get('context')?.value);
      entry.dockerfile = written(doc, positions, b.get('dockerfile')?.value);
      const target = b.get('target');
      if (target) entry.target = written(doc, positions, target.value);
      entry.inline = b.has('dockerfile_inline');
    } else continue;
    entries.push(entry);
  }
  return { kind: 'compose', entries };
}

/** A Bake JSON file: `{ "target": { "<name>": { "context", "dockerfile", "target", "inherits" } } }`. */
export function parseBakeJson(text: string): BuildFile {
  const positions = new Positions(text);
  const entries: BuildEntry[] = [];
  let doc: Document;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return { kind: 'bake', entries };
  }
  const root = doc.contents;
  if (!isMap(root)) return { kind: 'bake', entries };
  const targets = pairsOf(doc, root).get('target')?.value;
  if (!isMap(targets)) return { kind: 'bake', entries };
  for (const item of targets.items) {
    const pair = item as Pair;
    const name = keyText(pair);
    const body = pair.value;
    if (name === undefined || !isMap(body)) continue;
    const key = pair.key as Node;
    const quoted = isScalar(key) && (key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE');
    const b = pairsOf(doc, body);
    const inherits = resolveNode(doc, b.get('inherits')?.value);
    entries.push({
      kind: 'bake',
      name,
      nameRange: quoted ? positions.range(key.range![0] + 1, key.range![1] - 1) : positions.range(key.range![0], key.range![1]),
      range: entryRange(positions, pair),
      context: written(doc, positions, b.get('context')?.value),
      dockerfile: written(doc, positions, b.get('dockerfile')?.value),
      target: b.has('target') ? written(doc, positions, b.get('target')!.value) : undefined,
      inline: b.has('dockerfile-inline'),
      inherits: isSeq(inherits) ? inherits.items.map((i) => (isScalar(i) && typeof i.value === 'string' ? i.value : '')).filter(Boolean) : [],
    });
  }
  return { kind: 'bake', entries };
}
