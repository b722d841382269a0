// `npm run fuzz`: mutates corpus and fixture Dockerfiles (byte flips, line deletions and duplications,
// continuations, heredocs, huge lines, NUL bytes ...) and calls every verb of the core's service
// (createStagesService, server/src/core/service.ts) on each, as the language server and the CLI call them:
// validate, hover, codeLenses, codeActions, resolve, convert, estimate, explain, symbols, folding,
// semanticTokens, navigation, completion ... `VERB_CALLS` says how each verb is called; a verb of the
// service with no entry there and not in `NOT_FUZZED` fails test/unit/fuzz.test.ts, so a new verb is fuzzed.
// A failure is an exception (or a rejected promise), a position outside the document in a result, or a call
// over 1 s.
//
//   node scripts/fuzz.mjs [--inputs=100000] [--seed=1] [--workers=1] [--report]   (after `tsc -b`: it loads out/)
//   node scripts/fuzz.mjs --retime   (re-times the saved slow inputs alone)
//
// --workers=N splits the run over N worker threads (one per core is the useful maximum): worker k fuzzes its
// share of the inputs from its own seed (`shardSeed(seed, k)`; worker 0 keeps the seed itself, so one worker
// is the single-thread run), and the figures are their sums (maxima for the slowest calls).
//
// --report writes the figures between the fuzz markers of BENCHMARKS.md. Failing inputs are saved under
// out/fuzz/failures/. test/unit/fuzz.test.ts runs a bounded deterministic run through the same engine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeSection } from './bench/sections.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SLOW_MS = 1000;

/** A small seeded PRNG (mulberry32): the same seed gives the same inputs. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)], chance: (p) => next() < p };
}

/** Seed texts: every corpus file (when ../shared/corpus exists) and every fixture. */
export function seedTexts() {
  const out = [];
  for (const dir of [path.resolve(ROOT, '..', 'shared', 'corpus'), path.join(ROOT, 'test', 'fixtures')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (/Dockerfile|\.dockerfile$/i.test(f)) out.push({ name: f, text: readFileSync(path.join(dir, f), 'utf8') });
    }
  }
  return out;
}

const TOKENS = [
  'FROM ', 'FROM scratch', 'FROM alpine AS ', ' AS ', 'COPY --from=', 'COPY --from=0 / /', 'RUN --mount=type=cache,target=/x,from=',
  'ARG ', 'ARG X=${Y:-z}', 'ENV A=$B', '${', '}', '$', '\\', '`', '"', "'", '[', ']', '{', '=', '--', '#', '# escape=`', '# syntax=docker/dockerfile:1',
  'ONBUILD ', 'HEALTHCHECK CMD ', 'SHELL ["sh", "-c"]', 'CMD ["a"', 'ENTRYPOINT ', 'LABEL a="b" c=', 'EXPOSE 80/tcp', 'USER ', 'WORKDIR ',
  '<<EOF', '<<-"EOT"', 'EOF', '\t', '\r', '\r\n', '\u00a0', '\u200b', '\ud83d\ude00', '\ud800', '\ufeff', '\0',
];

const HEREDOCS = ['RUN <<EOF\necho hi\nEOF', 'RUN <<EOF\nunterminated', 'COPY <<-"END" /etc/x\n\tline\n\tEND', 'RUN <<A <<B\na\nA\nb\nB', 'RUN cat <<EOF > /x && \\\n  echo\nEOF'];

/** One random mutation of a text. */
function mutateOnce(r, text, seeds, maxLine) {
  const lines = text.split('\n');
  const at = () => r.int(text.length + 1);
  const line = () => r.int(lines.length);
  switch (r.int(15)) {
    case 0: {
      // Byte flips: a few characters replaced by random code units (any byte, sometimes NUL or a surrogate).
      const chars = text.split('');
      for (let k = 0, n = 1 + r.int(8); k < n && chars.length; k++) chars[r.int(chars.length)] = String.fromCharCode(r.chance(0.1) ? r.pick([0, 0xd800, 0xdfff, 0xfffe]) : r.int(256));
      return chars.join('');
    }
    case 1:
      lines.splice(line(), 1 + r.int(3));
      return lines.join('\n');
    case 2: {
      const i = line();
      lines.splice(i, 0, ...lines.slice(i, i + 1 + r.int(5)));
      return lines.join('\n');
    }
    case 3: {
      // Continuations: a trailing escape on random lines (sometimes with trailing whitespace, or the backtick).
      for (let k = 0, n = 1 + r.int(4); k < n; k++) {
        const i = line();
        lines[i] += r.pick([' \\', '\\', '\\  ', ' `', '\\\r']);
      }
      return lines.join('\n');
    }
    case 4: {
      const i = line();
      lines.splice(i, 0, r.pick(HEREDOCS));
      return lines.join('\n');
    }
    case 5: {
      // A huge line: usually a few kilobytes, sometimes 50 KB, rarely 200 KB (hostile.test.ts has 1 MB).
      const unit = r.pick(['a', 'x ', '$A', '\\ ', '${X}', 'a=b ', '"', '--f=1 ', 'é']);
      const n = Math.min(maxLine, r.chance(0.01) ? 200_000 : r.chance(0.1) ? 50_000 : 500 + r.int(8_000));
      lines.splice(line(), 0, r.pick(['RUN ', 'ENV A=', 'LABEL ', 'FROM ', 'COPY ', '', '# ']) + unit.repeat(Math.ceil(n / unit.length)));
      return lines.join('\n');
    }
    case 6: {
      const i = at();
      return text.slice(0, i) + '\0'.repeat(1 + r.int(3)) + text.slice(i);
    }
    case 7: {
      // Tokens that matter to the parser, inserted anywhere.
      let t = text;
      for (let k = 0, n = 1 + r.int(5); k < n; k++) {
        const i = r.int(t.length + 1);
        t = t.slice(0, i) + r.pick(TOKENS) + t.slice(i);
      }
      return t;
    }
    case 8: {
      // Truncation at a random point (an instruction, a heredoc or a variable cut short).
      return text.slice(0, at());
    }
    case 9: {
      // Splicing with another seed: stages and references from two files.
      const other = r.pick(seeds).text;
      const i = at();
      const j = r.int(other.length + 1);
      return text.slice(0, i) + other.slice(j, j + r.int(2000)) + text.slice(i);
    }
    case 10:
      return r.chance(0.5) ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r');
    case 11: {
      // Stage graph stress: references to random (existing, missing, numeric, cyclic) stages.
      const names = [...text.matchAll(/\bAS\s+(\S+)/gi)].map((m) => m[1]);
      const name = () => (names.length && r.chance(0.7) ? r.pick(names) : r.pick(['0', '1', '99', 'nope', '${S}', '']));
      for (let k = 0, n = 1 + r.int(4); k < n; k++) {
        lines.splice(line(), 0, r.pick([`COPY --from=${name()} /a /b`, `FROM ${name()} AS ${name() || 'x'}`, `RUN --mount=from=${name()},target=/m true`, `FROM ${name()}`]));
      }
      return lines.join('\n');
    }
    case 12:
      return r.pick(['# escape=`\n', '# escape=\\\n', '\ufeff', '# syntax=x\n# escape=`\n', '   \n']) + text;
    case 13: {
      // Lines shuffled: instructions before the first FROM, stages in odd orders.
      for (let k = 0, n = 1 + r.int(6); k < n; k++) {
        const a = line();
        const b = line();
        [lines[a], lines[b]] = [lines[b], lines[a]];
      }
      return lines.join('\n');
    }
    default: {
      // Lower-cased or odd-cased keywords, and whitespace games.
      return text.replace(/^(\s*)([A-Za-z]+)/gm, (m, ws, kw) => (r.chance(0.3) ? ws + (r.chance(0.5) ? kw.toLowerCase() : `\t ${kw}`) : m));
    }
  }
}

/** `maxLine` caps the huge lines (the bounded run in npm test keeps them to a few kilobytes). */
export function mutate(r, text, seeds, maxLine = Infinity) {
  let t = text;
  for (let k = 0, n = 1 + r.int(3); k < n; k++) t = mutateOnce(r, t, seeds, maxLine);
  return t;
}

/** LSP lines: \r\n, \r and \n all end a line. */
export function lspLines(text) {
  return text.split(/\r\n|\r|\n/);
}

/** Verbs that take no document (configuration, caches, metadata): not fuzzed. */
export const NOT_FUZZED = ['configure', 'configureDocument', 'close', 'contextFacts', 'onSizesChanged', 'prepare'];

/** The Dockerfile path of the fuzzed document, in the service's in-memory file host (its build context). */
const DOC_PATH = '/fuzz/app/Dockerfile';
const IGNORE_PATH = '/fuzz/app/.dockerignore';

/**
 * A .dockerignore beside the fuzzed Dockerfile (one input in three): lines made of the text's own words with
 * wildcards put in (`*`, `**`, `?`, `**\/`) and some negated, so the context rules match COPY sources against
 * patterns a user could write, pathological ones included (`*a*a*a…`).
 */
function fuzzedIgnore(r, text) {
  const words = text.match(/[\w./-]{1,40}/g)?.slice(0, 200) ?? [];
  const lines = [];
  for (let k = r.int(8); k >= 0; k--) {
    let w = words.length ? r.pick(words) : 'x';
    for (let s = r.int(12); s > 0; s--) {
      const at = r.int(w.length + 1);
      w = w.slice(0, at) + r.pick(['*', '**', '?', '**/']) + w.slice(at);
    }
    lines.push((r.chance(0.25) ? '!' : '') + w);
  }
  return lines.join('\n');
}

/**
 * How each verb is called: `(input) => result` where input = { service, doc, text, settings, position(), pick(xs) }.
 * Results (awaited when a promise) are checked for positions outside the document.
 */
export const VERB_CALLS = {
  model: ({ service, doc }) => service.model(doc),
  parse: ({ service, text }) => service.parse(text),
  validate: ({ service, doc, settings }) => service.validate(doc, settings),
  validateContext: ({ service, doc, settings }) => service.validateContext(doc, settings),
  hover: ({ service, doc, position }) => service.hover(doc, position(), { projectConversion: true }),
  codeLenses: ({ service, doc }) => service.codeLenses(doc, {}),
  codeActions: ({ service, doc, settings, position, pick }) =>
    service.codeActions(doc, settings, { line: position().line, diagnostics: service.validate(doc, settings), only: pick([undefined, ['source.fixAll']]), client: { resolveEdits: pick([true, false]) } }),
  resolve: async ({ service, doc, settings, position }) => {
    const line = pick0(service.model(doc).stages)?.from.getRange().start.line ?? position().line;
    const { actions } = await service.codeActions(doc, settings, { line, diagnostics: service.validate(doc, settings), client: { resolveEdits: true } });
    return Promise.all(actions.filter((a) => a.data).map((a) => service.resolve(doc, a.data, { versionedEdits: true })));
  },
  convert: ({ service, doc }) => service.convert(doc),
  estimate: ({ service, doc }) => service.estimate(doc, { projectConversion: true }),
  peekEstimate: ({ service, doc }) => service.peekEstimate(doc, { projectConversion: true }),
  explain: ({ service, doc }) => service.explain(doc),
  symbols: ({ service, doc }) => service.symbols(doc),
  folding: ({ service, doc }) => service.folding(doc),
  semanticTokens: ({ service, doc }) => service.semanticTokens(doc),
  definition: ({ service, doc, position }) => service.definition(doc, position()),
  references: ({ service, doc, position }) => service.references(doc, position()),
  highlights: ({ service, doc, position }) => service.highlights(doc, position()),
  prepareRename: ({ service, doc, position }) => service.prepareRename(doc, position()),
  rename: ({ service, doc, position, pick }) => service.rename(doc, position(), pick(['renamed', 'a', 'build-2', 'x.y'])),
  completion: ({ service, doc, position }) => service.completion(doc, position()),
};

const pick0 = (xs) => xs[0];

/** Verbs asked at a random position: called twice per input. */
const AT_POSITION = new Set(['hover', 'codeActions', 'definition', 'references', 'highlights', 'prepareRename', 'rename', 'completion']);

/**
 * The verbs to fuzz: every function of the service with an entry in VERB_CALLS; `missing` lists the functions
 * with neither an entry nor a place in NOT_FUZZED (a verb added without telling the fuzzer how to call it).
 */
export function serviceVerbs(service) {
  const names = Object.keys(service).filter((k) => typeof service[k] === 'function');
  return {
    features: names.filter((n) => VERB_CALLS[n]).map((name) => ({ name, call: VERB_CALLS[name] })),
    skipped: names.filter((n) => NOT_FUZZED.includes(n)),
    missing: names.filter((n) => !VERB_CALLS[n] && !NOT_FUZZED.includes(n)),
  };
}

/** A service over an in-memory build context holding the fuzzed Dockerfile (its context rules and sizes read it). */
export function fuzzService(core) {
  const files = new core.MemoryFileSystemHost();
  const service = core.createStagesService({ files, hostArch: 'amd64' });
  return { service, files };
}

/** Checks a result: every position, line and semantic token lies inside the document. */
export function findOutside(result, lines, featureName) {
  const problems = [];
  const seen = new Set();
  let budget = 200_000;
  const lineOk = (l) => Number.isInteger(l) && l >= 0 && l < lines.length;
  const posOk = (p) => lineOk(p.line) && Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length;
  const visit = (v, where) => {
    if (problems.length > 3 || budget-- <= 0 || v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${where}[${i}]`));
      return;
    }
    if (proto !== Object.prototype && proto !== null) return; // parser objects, Maps: not results
    if (typeof v.line === 'number' && typeof v.character === 'number') {
      if (!posOk(v)) problems.push(`${where} = ${JSON.stringify(v)} (document has ${lines.length} lines)`);
      return;
    }
    if (v.start && v.end && typeof v.start.line === 'number' && typeof v.end.line === 'number') {
      if (v.start.line > v.end.line || (v.start.line === v.end.line && v.start.character > v.end.character)) problems.push(`${where}: start after end ${JSON.stringify(v)}`);
    }
    if (typeof v.startLine === 'number' && typeof v.endLine === 'number') {
      if (!lineOk(v.startLine) || !lineOk(v.endLine) || v.startLine > v.endLine) problems.push(`${where} = ${JSON.stringify(v)}`);
    }
    if (Array.isArray(v.data) && /semanticTokens/i.test(featureName)) {
      let line = 0;
      let char = 0;
      for (let i = 0; i < v.data.length; i += 5) {
        const [dl, dc, len] = v.data.slice(i, i + 3);
        line += dl;
        char = dl === 0 ? char + dc : dc;
        if (!lineOk(line) || char < 0 || len <= 0 || char + len > lines[line].length) {
          problems.push(`${where}.data token ${i / 5} at ${line}:${char}+${len}`);
          break;
        }
      }
      return;
    }
    for (const [k, x] of Object.entries(v)) if (k !== 'text' && k !== 'dockerfile') visit(x, `${where}.${k}`);
  };
  visit(result, featureName);
  return problems;
}

function randomPosition(r, lines) {
  if (r.chance(0.05)) return { line: lines.length + r.int(5), character: r.int(200) }; // past the end
  const line = r.int(lines.length);
  return { line, character: r.int(lines[line].length + 1) };
}

/**
 * Calls every verb on one text (version `version` of the fuzzed document). Returns failures:
 * { feature, kind: 'throw' | 'outside' | 'slow', detail }. `timings` (optional: { max, total }) collects each
 * verb's slowest call and total time.
 */
export async function runAll({ service, files }, settings, features, text, r, timings, version = 1) {
  const failures = [];
  const lines = lspLines(text);
  const clock = () => performance.now();
  const describe = (e) => (e instanceof Error ? `${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e));
  files.set(DOC_PATH, text);
  if (r.chance(1 / 3)) files.set(IGNORE_PATH, fuzzedIgnore(r, text));
  else files.delete(IGNORE_PATH);
  const doc = { uri: `file://${DOC_PATH}`, version, text };
  const input = { service, doc, text, settings, position: () => randomPosition(r, lines), pick: (xs) => r.pick(xs) };
  for (const f of features) {
    const calls = AT_POSITION.has(f.name) ? 2 : 1;
    for (let k = 0; k < calls; k++) {
      const t0 = clock();
      let result;
      try {
        result = await f.call(input);
      } catch (e) {
        failures.push({ feature: f.name, kind: 'throw', detail: describe(e) });
        continue;
      }
      const ms = clock() - t0;
      if (timings) {
        timings.max[f.name] = Math.max(timings.max[f.name] ?? 0, ms);
        timings.total[f.name] = (timings.total[f.name] ?? 0) + ms;
      }
      if (ms > SLOW_MS) failures.push({ feature: f.name, kind: 'slow', detail: `${ms.toFixed(0)} ms` });
      const outside = findOutside(result, lines, f.name);
      if (outside.length) failures.push({ feature: f.name, kind: 'outside', detail: outside.join('; ') });
    }
  }
  return failures;
}

/** A fuzz run: `inputs` mutated texts from `seeds`, deterministic for a seed. */
export async function fuzz({ core, settings, seeds, inputs, seed = 1, maxLine = Infinity, onProgress, onFailure }) {
  const fuzzed = fuzzService(core);
  const { features, skipped } = serviceVerbs(fuzzed.service);
  const r = rng(seed);
  const stats = { inputs: 0, failures: 0, byKind: {}, byFeature: {}, maxMs: {}, totalMs: {}, bytes: 0, maxBytes: 0, features: features.map((f) => f.name), skipped };
  // Warm-up on a seed as it is (as --retime does): the first calls load the shell parser, build the rules' and
  // tables' lazy parts and warm the JIT (seconds on a busy machine); that is not what is timed. Its exceptions
  // and positions outside the document count like any input's.
  if (seeds.length) {
    for (const f of await runAll(fuzzed, settings, features, seeds[0].text, rng(seed + 1), undefined, 0)) {
      if (f.kind === 'slow') continue;
      stats.failures++;
      stats.byKind[f.kind] = (stats.byKind[f.kind] ?? 0) + 1;
      stats.byFeature[`${f.feature} ${f.kind}`] = (stats.byFeature[`${f.feature} ${f.kind}`] ?? 0) + 1;
      onFailure?.(seeds[0].text, f);
    }
  }
  for (let i = 0; i < inputs; i++) {
    const base = r.pick(seeds).text;
    const text = mutate(r, base, seeds, maxLine);
    stats.inputs++;
    stats.bytes += text.length;
    stats.maxBytes = Math.max(stats.maxBytes, text.length);
    const failures = await runAll(fuzzed, settings, features, text, r, { max: stats.maxMs, total: stats.totalMs }, i + 1);
    for (const f of failures) {
      stats.failures++;
      stats.byKind[f.kind] = (stats.byKind[f.kind] ?? 0) + 1;
      stats.byFeature[`${f.feature} ${f.kind}`] = (stats.byFeature[`${f.feature} ${f.kind}`] ?? 0) + 1;
      onFailure?.(text, f);
    }
    if (onProgress && (i + 1) % 1000 === 0) onProgress(stats);
  }
  return stats;
}


let commit;
function headCommit() {
  if (commit === undefined) {
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      commit = '?';
    }
  }
  return commit;
}

function renderReport(stats, seconds, seed, done, total, seeds, workers = 1) {
  const L = [];
  const cpus = os.cpus();
  L.push(`${done ? 'Run' : `Run in progress (${stats.inputs.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} inputs so far)`} of commit ${headCommit()} (the code as built when the run started): seed ${seed}, ${stats.inputs.toLocaleString('en-US')} mutated inputs from ${seeds} seed files, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus[0]?.model ?? '?'}, Node ${process.version}, ${workers === 1 ? 'one process' : `${workers} worker threads (worker k fuzzing from shardSeed(${seed}, k))`} at nice 19, ${(seconds / 60).toFixed(1)} min (${(stats.inputs / seconds).toFixed(0)} inputs/s).`);
  L.push(`Inputs averaged ${(stats.bytes / Math.max(1, stats.inputs) / 1024).toFixed(1)} KB, the largest ${(stats.maxBytes / 1024).toFixed(0)} KB. Features fuzzed (${stats.features.length}): ${stats.features.map((f) => `\`${f}\``).join(', ')}.`);
  L.push('');
  L.push(`| failures | count |`);
  L.push(`|---|---:|`);
  L.push(`| exceptions | ${stats.byKind.throw ?? 0} |`);
  L.push(`| results outside the document | ${stats.byKind.outside ?? 0} |`);
  L.push(`| calls over ${SLOW_MS} ms | ${stats.byKind.slow ?? 0} |`);
  if (stats.failures) {
    L.push('');
    L.push(`By feature: ${Object.entries(stats.byFeature).map(([k, v]) => `${k} ${v}`).join(', ')}. Failing inputs are in out/fuzz/failures/.`);
  }
  const slowest = Object.entries(stats.maxMs).sort((a, b) => b[1] - a[1]).slice(0, 6);
  L.push('');
  L.push(`Slowest single call per feature (ms): ${slowest.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}.`);
  const share = Object.entries(stats.totalMs).sort((a, b) => b[1] - a[1]).slice(0, 6);
  const all = Object.values(stats.totalMs).reduce((a, b) => a + b, 0);
  L.push(`Share of the time: ${share.map(([k, v]) => `${k} ${((100 * v) / all).toFixed(0)}%`).join(', ')}.`);
  return L.join('\n');
}

/** Worker k's seed: worker 0 keeps the run's seed. */
export function shardSeed(seed, k) {
  return k === 0 ? seed : (Math.imul(seed ^ 0x9e3779b9, k + 1) + k) >>> 0;
}

/** Sums the figures of several (partial) runs; the slowest call is the maximum. */
export function mergeStats(parts) {
  const out = { inputs: 0, failures: 0, byKind: {}, byFeature: {}, maxMs: {}, totalMs: {}, bytes: 0, maxBytes: 0, features: parts[0]?.features ?? [], skipped: parts[0]?.skipped ?? [] };
  const add = (into, from, f) => {
    for (const [k, v] of Object.entries(from)) into[k] = f(into[k], v);
  };
  for (const p of parts) {
    out.inputs += p.inputs;
    out.failures += p.failures;
    out.bytes += p.bytes;
    out.maxBytes = Math.max(out.maxBytes, p.maxBytes);
    add(out.byKind, p.byKind, (a = 0, b) => a + b);
    add(out.byFeature, p.byFeature, (a = 0, b) => a + b);
    add(out.totalMs, p.totalMs, (a = 0, b) => a + b);
    add(out.maxMs, p.maxMs, (a = 0, b) => Math.max(a, b));
  }
  return out;
}

/**
 * The compiled core (out/, after `tsc -b`): `core` its entry (createStagesService ...), `internal` every module
 * (core/internal.ts, for timing one step alone), and the default settings.
 */
export function loadCore() {
  const require = createRequire(import.meta.url);
  const core = require(path.join(ROOT, 'out', 'server', 'src', 'core', 'index.js'));
  const internal = require(path.join(ROOT, 'out', 'server', 'src', 'core', 'internal.js'));
  const { defaultSettings } = require(path.join(ROOT, 'out', 'common', 'settings.js'));
  return { core, internal, settings: defaultSettings };
}

const OUT_DIR = path.join(ROOT, 'out', 'fuzz');

/** Runs one shard, saving up to `maxSaved` failing inputs; `progress(stats)` every 1,000 inputs. */
function runShard({ inputs, seed, maxSaved }, progress) {
  const { core, settings } = loadCore();
  let saved = 0;
  return fuzz({
    core,
    settings,
    seeds: seedTexts(),
    inputs,
    seed,
    onProgress: progress,
    onFailure: (text, f) => {
      if (saved >= maxSaved) return;
      const hash = createHash('sha1').update(text).digest('hex').slice(0, 12);
      const file = path.join(OUT_DIR, 'failures', `${f.feature}-${f.kind}-${hash}`);
      if (!existsSync(`${file}.Dockerfile`)) {
        saved++;
        writeFileSync(`${file}.Dockerfile`, text);
        writeFileSync(`${file}.txt`, `${f.feature} ${f.kind}\n${f.detail}\n`);
      }
    },
  });
}

/**
 * `--retime`: runs every saved slow input again, alone, three times through every feature (positions and
 * names drawn from fixed seeds) and prints the slowest time of the feature that was slow. A long run shares the machine: a call
 * that took over 1 s there may have waited for the CPU.
 */
async function retime() {
  const { core, settings } = loadCore();
  const fuzzed = fuzzService(core);
  const { features } = serviceVerbs(fuzzed.service);
  const dir = path.join(OUT_DIR, 'failures');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /-slow-[0-9a-f]+\.Dockerfile$/.test(f)).sort() : [];
  const rows = [];
  // Warm-up: lazily loaded parts (the shell parser) and the JIT are not what is being timed.
  let version = 0;
  for (const seed of seedTexts().slice(0, 20)) await runAll(fuzzed, settings, features, seed.text, rng(1), undefined, ++version);
  for (const f of files) {
    const feature = f.replace(/-slow-[0-9a-f]+\.Dockerfile$/, '');
    const text = readFileSync(path.join(dir, f), 'utf8');
    const timings = { max: {}, total: {} };
    for (let k = 0; k < 3; k++) await runAll(fuzzed, settings, features, text, rng(k + 1), timings, ++version);
    const recorded = /^(\d+) ms/m.exec(readFileSync(path.join(dir, f.replace(/\.Dockerfile$/, '.txt')), 'utf8'))?.[1];
    rows.push({ file: f, feature, recordedMs: Number(recorded), aloneMs: Math.round(timings.max[feature] ?? NaN), kb: Math.round(text.length / 1024) });
  }
  for (const r of rows) process.stdout.write(`${r.file}: ${r.recordedMs} ms in the run, ${r.aloneMs} ms alone (${r.kb} KB)\n`);
  writeFileSync(path.join(OUT_DIR, 'retimed.json'), JSON.stringify(rows, null, 2));
}

async function main() {
  const argv = process.argv.slice(2);
  const arg = (name, dflt) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
  const inputs = Number(arg('inputs', '100000'));
  const seed = Number(arg('seed', '1'));
  const workers = Math.max(1, Math.min(Number(arg('workers', '1')), inputs));
  const report = argv.includes('--report');
  if (argv.includes('--retime')) return retime();
  const seeds = seedTexts();
  mkdirSync(path.join(OUT_DIR, 'failures'), { recursive: true });
  const t0 = Date.now();
  headCommit();
  const { features, skipped } = serviceVerbs(fuzzService(loadCore().core).service);
  process.stderr.write(`fuzzing ${features.length} features (${features.map((f) => f.name).join(', ')}) with ${workers} worker(s); not fuzzed: ${skipped.join(', ')}\n`);
  let lastReport = 0;
  let lastLog = 0;
  const progress = (stats, done = false) => {
    const seconds = (Date.now() - t0) / 1000;
    writeFileSync(path.join(OUT_DIR, 'progress.json'), JSON.stringify({ ...stats, seconds, seed, workers, total: inputs, done }, null, 2));
    if (report && (done || stats.inputs - lastReport >= 10_000)) {
      lastReport = stats.inputs;
      writeSection(path.join(ROOT, 'BENCHMARKS.md'), 'fuzz', renderReport(stats, seconds, seed, done, inputs, seeds.length, workers));
    }
    if (stats.inputs - lastLog >= 5_000 || done) {
      lastLog = stats.inputs;
      process.stderr.write(`${stats.inputs} inputs, ${stats.failures} failures, ${seconds.toFixed(0)} s\n`);
    }
  };
  const shares = Array.from({ length: workers }, (_, k) => Math.floor(inputs / workers) + (k < inputs % workers ? 1 : 0));
  const maxSaved = Math.ceil(200 / workers);
  let stats;
  if (workers === 1) {
    stats = await runShard({ inputs, seed, maxSaved }, (s) => progress(s));
  } else {
    const latest = shares.map(() => undefined);
    stats = mergeStats(
      await Promise.all(
        shares.map(
          (n, k) =>
            new Promise((resolve, reject) => {
              const w = new Worker(new URL(import.meta.url), { workerData: { inputs: n, seed: shardSeed(seed, k), maxSaved } });
              w.on('message', (m) => {
                latest[k] = m.stats;
                if (m.done) resolve(m.stats);
                else progress(mergeStats(latest.filter(Boolean)));
              });
              w.on('error', reject);
              w.on('exit', (code) => code !== 0 && reject(new Error(`fuzz worker ${k} exited with ${code}`)));
            }),
        ),
      ),
    );
  }
  progress(stats, true);
  process.stdout.write(`${renderReport(stats, (Date.now() - t0) / 1000, seed, true, inputs, seeds.length, workers)}\n`);
  process.exit(stats.failures ? 1 : 0);
}

if (!isMainThread && workerData?.inputs !== undefined) {
  const stats = await runShard(workerData, (s) => parentPort.postMessage({ stats: s, done: false }));
  parentPort.postMessage({ stats, done: true });
} else if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
