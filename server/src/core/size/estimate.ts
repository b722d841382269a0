/**
 * The image-size estimator: size of each stage = its base (another stage's size, or an image's size from
 * the table) + the layers its instructions add. The target stage's size is what ships; the other stages'
 * layers are discarded. Every figure has a compressed and an uncompressed value with a low–high range and a
 * note of what it rests on. Pure and synchronous; context measurements (async, through the host) come in
 * from measureContext().
 */
import { Copy, Env, Instruction, Run } from 'dockerfile-ast';
import type { ImageName } from '../imageRef';
import { DockerfileModel, Stage, keywordOf, unquote } from '../model';
import { expandVariables } from '../variables';
import { Family, familyOf, lookupBaseImage } from './baseImages';
import { BasePackages, basePackagesOf } from './knowledge';
import type { ContextMeasurements } from './context';
import { copySources } from './context';
import { KB, MB, ZERO, add, figure, formatBytes, item, pickFigure, sum } from './figures';
import { Manifests, estimateRun, isUnder, resolvePath } from './runLayer';
import { argsOf, evaluateCommands, programOf, runCommands } from '../commands';
import { StageMemo, fileKey, stageInputs, stageKey } from './stageMemo';
import type { Arch, BaseEstimate, BaseImageInfo, ImageEstimate, LayerEstimate, LayerItem, SizeFigure, StageEstimate } from './types';
import { trimTrailingSlashes } from '../text';

export interface EstimateOptions {
  arch?: Arch;
  /** Measurements of COPY/ADD from the build context; without them context copies get a wide default. */
  context?: ContextMeasurements;
  /** Overrides table look-ups (e.g. exact sizes from a registry cache); falls back to the table. */
  lookupImage?: (name: ImageName, arch: Arch) => BaseImageInfo | undefined;
  /** Stage results of the previous estimate of the same document, reused where their key is unchanged (stageMemo.ts). */
  memo?: EstimateMemo;
}

/** What an estimate keeps for the next one of the same document (one memo per document and options). */
export type EstimateMemo = StageMemo<StageState>;

/** Numbers the keys of stages that are never reused (see stageInputs' 'unkept'). */
let unkeptKeys = 0;

/** A memo for estimateImage's `memo` option. */
export function createEstimateMemo(): EstimateMemo {
  return new StageMemo<StageState>();
}


interface StageState {
  estimate: StageEstimate;
  family: Family;
  /** OS packages the stage's base image has (documented lists), for apt de-duplication. */
  basePackages?: BasePackages;
  items: LayerItem[];
  /** Stages this one uses: FROM, COPY --from (resolved here too: every flag spelling), RUN --mount from=. */
  uses: Set<number>;
  /** The stage's WORKDIR as the model has it (what a later stage's COPY --from resolves paths against). */
  workdir?: string;
}

/** Stages BuildKit builds for the target: the model's references plus the COPY --from this estimator resolved. */
function reachableStages(model: DockerfileModel, states: StageState[]): Set<number> {
  const out = new Set<number>();
  const start = model.finalStage?.index;
  if (start === undefined) return out;
  const stack = [start];
  while (stack.length) {
    const i = stack.pop()!;
    if (out.has(i)) continue;
    out.add(i);
    for (const d of model.stages[i]?.dependsOn ?? []) stack.push(d);
    for (const d of states[i]?.uses ?? []) stack.push(d);
  }
  return out;
}

export function estimateImage(model: DockerfileModel, options: EstimateOptions = {}): ImageEstimate {
  const arch = options.arch ?? 'amd64';
  const states: StageState[] = [];
  const manifests: Manifests = options.context?.manifests ?? {};
  const notes: string[] = [];

  const memo = options.memo;
  const file = memo ? fileKey(model, { arch, context: options.context, lookupImage: options.lookupImage }) : undefined;
  if (memo && file) memo.begin(file.shared);
  for (const stage of model.stages) {
    if (!memo || !file) {
      states.push(estimateStage(model, stage, states, arch, options, manifests));
      continue;
    }
    const inputs = stageInputs(stage);
    const read = inputs === 'all-earlier' ? states.map((_, i) => i) : inputs === 'unkept' ? [] : inputs;
    // An unkept stage gets a key no other estimate makes: computed each time, its print compared as any other.
    const key = inputs === 'unkept' ? `unkept ${unkeptKeys++}` : stageKey(model, stage, file, read.map((i) => memo.printId(i, stagePrint)));
    const kept = memo.reuse(stage.index, key);
    const state = kept ?? estimateStage(model, stage, states, arch, options, manifests);
    memo.keep(stage.index, key, state);
    // estimateImage sets isFinal, discarded and reachable on each stage's estimate: a reused one gets its own copy.
    states.push(kept ? { ...kept, estimate: { ...kept.estimate } } : state);
  }
  memo?.commit();

  const finalStage = model.finalStage;
  // Stages whose content ships: the target and its FROM-parent chain.
  const shipping = new Set<number>();
  for (let s = finalStage; s; s = s.parent !== undefined ? model.stages[s.parent] : undefined) {
    if (shipping.has(s.index)) break;
    shipping.add(s.index);
  }
  const reachable = reachableStages(model, states);
  let discardedBytes = 0;
  for (const st of states) {
    const e = st.estimate;
    e.isFinal = finalStage?.index === e.index;
    e.discarded = !shipping.has(e.index);
    e.reachable = reachable.has(e.index);
    // Each stage's figure includes the stages it is built FROM: count only what it adds to a parent stage, so a
    // discarded chain (deps <- build) is counted once, and a parent that ships is not counted as discarded.
    const parent = model.stages[e.index]?.parent;
    if (e.discarded && e.reachable) discardedBytes += Math.max(0, e.compressedBytes - (parent !== undefined ? (states[parent]?.estimate.compressedBytes ?? 0) : 0));
  }
  const fin = finalStage ? states[finalStage.index].estimate : undefined;
  if (model.stages.some((s) => s.inCycle)) notes.push('stages reference each other in a cycle: sizes of those stages are not meaningful');
  return {
    arch,
    stages: states.map((s) => s.estimate),
    final: fin ? { ...pickFigure(fin), stage: fin.index, unknownBase: fin.unknownBase } : undefined,
    discardedBytes,
    notes,
  };
}

/**
 * What a later stage's estimate reads of this one (estimateBase, startWalk, copyFromStage): its figures, name,
 * family, base package list, items and working directory. Two results with the same print give later stages
 * the same estimate, so an edit that leaves them unchanged (a RUN's text, not what it adds) stops there.
 */
function stagePrint(state: StageState): string {
  const e = state.estimate;
  const b = state.basePackages;
  return JSON.stringify([pickFigure(e), e.index, e.name ?? null, e.unknownBase, state.family, b ? [b.label, b.source, b.shareOfDependenciesPresent] : null, state.items, state.workdir ?? null]);
}

/** What a stage's instructions read and change as they are walked: variables, the working directory, the files so far. */
interface StageWalk {
  env: Map<string, string>;
  lookup: (name: string) => string | undefined;
  workdir: string;
  family: Family;
  manifests: Manifests;
  /** Tools and packages the stage's RUNs installed so far (estimateRun's bookkeeping). */
  stageHas: Set<string>;
  basePackages?: BasePackages;
  /** The items of the base stage's layers and of this stage's layers so far. */
  items: LayerItem[];
}

function startWalk(model: DockerfileModel, stage: Stage, base: BaseEstimate, baseState: StageState | undefined, family: Family, manifests: Manifests): StageWalk {
  const env = new Map<string, string>();
  for (const [k, v] of model.globalArgs) if (v.value !== undefined) env.set(k, v.value);
  for (const [k, v] of stage.args) if (v !== undefined) env.set(k, v);
  let workdir = '/';
  if (baseState) {
    const wd = model.stages[base.stage!].config.workdir?.value;
    if (wd) workdir = resolvePath('/', unquote(wd));
  }
  const b = stage.base;
  const basePackages = baseState ? baseState.basePackages : b.kind === 'image' && b.name ? basePackagesOf(b.name.registry ? `${b.name.registry}/${b.name.repository}` : b.name.repository, b.name.tag ?? 'latest', family) : undefined;
  return { env, lookup: (n: string) => env.get(n), workdir, family, manifests, stageHas: new Set<string>(), basePackages, items: baseState ? [...baseState.items] : [] };
}

/** ENV, ARG and WORKDIR change the walk and add no layer: true when `ins` is one of them. */
function applyStateInstruction(kw: string, ins: Instruction, walk: StageWalk): boolean {
  if (kw === 'ENV') {
    for (const p of (ins as Env).getProperties()) {
      const v = p.getValue();
      if (v !== null) walk.env.set(p.getName(), expandVariables(unquote(v), walk.lookup).value);
    }
    return true;
  }
  if (kw === 'WORKDIR') {
    const arg = ins.getArgumentsContent?.() ?? '';
    walk.workdir = resolvePath(walk.workdir, expandVariables(unquote(arg.trim()), walk.lookup).value);
    return true;
  }
  return kw === 'ARG';
}

/** A RUN's layer: its items and notes; files of earlier layers rewritten by `chown -R`/`chmod -R` count again. */
function estimateRunLayer(model: DockerfileModel, ins: Run, walk: StageWalk): { items: LayerItem[]; notes: string[] } {
  const notes: string[] = [];
  const cacheMounts = runCacheMounts(ins, walk.workdir, walk.lookup);
  const run = runCommands(model, ins);
  if (run.parseError) notes.push(`shell parse error (estimated from a plain split): ${run.parseError}`);
  const r = estimateRun(evaluateCommands(run, walk.lookup), {
    family: walk.family,
    cwd: walk.workdir,
    cacheMounts,
    manifests: walk.manifests,
    words: run.commands.flatMap((c) => c.words.map((w) => w.text)),
    commandWords: run.commands.map((c) => c.words.map((w) => w.text)),
    stageHas: walk.stageHas,
    nodeEnvProduction: walk.env.get('NODE_ENV') === 'production',
    basePackages: walk.basePackages,
  });
  const items = r.items;
  notes.push(...r.notes);
  for (const w of r.rewritten) {
    const earlier = walk.items.filter((i) => i.paths?.some((p) => isUnder(p, w.path)));
    const bytes = earlier.reduce((n, i) => n + i.compressedBytes, 0);
    if (bytes >= 1 * MB) {
      notes.push(`\`${w.tool} -R ${w.path}\` rewrites ${formatBytes(bytes)} (compressed) of files from earlier layers into this layer: they are stored twice`);
      items.push(item(`${w.tool} -R ${w.path} (copies of earlier files)`, 'files', sum(earlier), 'files from earlier layers under the path'));
    }
  }
  return { items, notes };
}

function estimateStage(model: DockerfileModel, stage: Stage, done: StageState[], arch: Arch, options: EstimateOptions, manifests: Manifests): StageState {
  const notes: string[] = [];
  const { base, family, unknown, inherited } = estimateBase(stage, done, arch, options);
  const baseState = base.stage !== undefined ? done[base.stage] : undefined;
  const walk = startWalk(model, stage, base, baseState, family, manifests);
  const items = walk.items;
  const layers: LayerEstimate[] = [];
  const uses = new Set<number>();
  if (base.stage !== undefined) uses.add(base.stage);

  for (const ins of stage.instructions) {
    const kw = keywordOf(ins);
    const line = ins.getRange().start.line;
    if (applyStateInstruction(kw, ins, walk)) continue;
    let layer: { items: LayerItem[]; notes: string[] };
    if (kw === 'RUN') layer = estimateRunLayer(model, ins as Run, walk);
    else if (kw === 'COPY' || kw === 'ADD') layer = { items: estimateCopy(ins, kw, model, stage, done, walk.workdir, walk.lookup, options, arch, uses), notes: [] };
    else continue; // metadata-only instructions add no layer
    const kept = layer.items.filter((i) => !i.removed);
    const fig = sum(kept);
    layers.push({ line, keyword: kw, summary: summarize(ins), items: layer.items, ...fig });
    notes.push(...layer.notes.map((n) => `line ${line + 1}: ${n}`));
    // Removals in a later layer do not shrink the image: note them when they target earlier content.
    if (kw === 'RUN') {
      const removedEarlier = removedFromEarlierLayers(model, ins, items, walk.workdir);
      if (removedEarlier) notes.push(`line ${line + 1}: \`rm\` of ${removedEarlier} added by an earlier layer does not make the image smaller (the files stay in that layer)`);
    }
    items.push(...kept);
  }

  const layersFig = sum(layers);
  const total = add(base, layersFig);
  const estimate: StageEstimate = {
    index: stage.index,
    name: stage.name,
    line: stage.from.getRange().start.line,
    base,
    layers,
    isFinal: false,
    discarded: false,
    reachable: stage.reachable,
    unknownBase: unknown || inherited,
    notes,
    ...total,
  };
  return { estimate, family, items, uses, basePackages: walk.basePackages, workdir: stage.config.workdir?.value };
}

function estimateBase(stage: Stage, done: StageState[], arch: Arch, options: EstimateOptions): { base: BaseEstimate; family: Family; unknown: boolean; inherited: boolean } {
  const b = stage.base;
  const stageArch = platformArch(stage.platform?.resolvedText) ?? arch;
  if (b.kind === 'stage') {
    const parent = done[b.stage];
    if (!parent) {
      return { base: { ...ZERO, text: b.text, source: 'unknown', note: 'base unknown: the parent stage comes later or forms a cycle; the figures count only what this stage adds' }, family: 'unknown', unknown: true, inherited: false };
    }
    const e = parent.estimate;
    return {
      base: { ...pickFigure(e), text: b.text, source: 'stage', stage: b.stage, note: `stage ${e.name ?? e.index}` },
      family: parent.family,
      unknown: false,
      inherited: e.unknownBase,
    };
  }
  if (b.kind === 'scratch') {
    return { base: { ...ZERO, text: 'scratch', source: 'scratch', note: 'the empty image' }, family: 'scratch', unknown: false, inherited: false };
  }
  if (b.kind === 'missing' || !b.name || (b.kind === 'image' && b.unresolved.length)) {
    const why = b.kind === 'image' && b.unresolved.length ? `\${${b.unresolved[0]}} has no default` : 'no image named';
    return { base: { ...ZERO, text: b.text, source: 'unknown', note: `base unknown (${why}): the figures count only what this stage adds` }, family: 'unknown', unknown: true, inherited: false };
  }
  const info = options.lookupImage?.(b.name, stageArch) ?? lookupBaseImage(b.name, stageArch);
  if (!info) {
    return {
      base: { ...ZERO, text: b.resolvedText, source: 'unknown', note: `base unknown: ${b.resolvedText} is not in the size table (no version of it is); the figures count only what this stage adds` },
      family: familyOf(b.name),
      unknown: true,
      inherited: false,
    };
  }
  const f = 1 + info.uncertainty;
  const c = info.compressedBytes;
  const u = info.uncompressedBytes ?? c * 2.5;
  const uf = info.uncompressedEstimated ? f + 0.15 : f;
  const how = info.match === 'exact' ? '' : info.match === 'version' ? ` (same version as ${info.row})` : ` (≈: no figure for ${b.resolvedText}; nearest version of the same variant, ±${Math.round(info.uncertainty * 100)} %)`;
  const note = `${info.row}${info.resolved ? ` = ${info.resolved}` : ''}${how}${info.archFallback ? `; ${stageArch} not in the table, amd64 figure` : ''}; source: ${info.source}`;
  return {
    base: {
      compressedBytes: c,
      uncompressedBytes: Math.round(u),
      low: Math.round(c / f),
      high: Math.round(c * f),
      uncompressedLow: Math.round(u / uf),
      uncompressedHigh: Math.round(u * uf),
      text: b.resolvedText,
      source: info.source.startsWith('registry') ? 'registry' : info.match === 'nearest' ? 'table-nearest' : 'table',
      note,
      variants: info.variants,
      ...(info.match === 'nearest' ? { approximateFrom: info.row } : {}),
    },
    family: familyOf(b.name, info.resolved),
    unknown: false,
    inherited: false,
  };
}

function platformArch(platform: string | undefined): Arch | undefined {
  if (!platform) return undefined;
  if (/arm64|aarch64/.test(platform)) return 'arm64';
  if (/amd64|x86_64/.test(platform)) return 'amd64';
  return undefined;
}

/** The cache and tmpfs mounts of a RUN: what it writes there stays out of the layer. */
function runCacheMounts(run: Run, workdir: string, lookup: (n: string) => string | undefined): string[] {
  const cacheMounts: string[] = [];
  for (const flag of run.getFlags()) {
    if (flag.getName() !== 'mount') continue;
    const v = flag.getValue() ?? '';
    const opts = new Map(v.split(',').map((kv) => { const i = kv.indexOf('='); return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)]; }) as [string, string][]);
    if (opts.get('type') === 'cache' || opts.get('type') === 'tmpfs') {
      const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
      if (target) cacheMounts.push(resolvePath(workdir, expandVariables(target, lookup).value));
    }
  }
  return cacheMounts;
}

function estimateCopy(ins: Instruction, kw: string, model: DockerfileModel, stage: Stage, done: StageState[], workdir: string, lookup: (n: string) => string | undefined, options: EstimateOptions, arch: Arch, uses: Set<number>): LayerItem[] {
  const sources = copySources(ins).map((s) => expandVariables(s, lookup).value);
  const args = ins.getArguments().map((a) => a.getValue()).filter((a) => !a.startsWith('--'));
  const dest = resolvePath(workdir, expandVariables(args[args.length - 1] ?? '.', lookup).value);
  const fromFlag = (ins as Copy).getFlags?.().find((f) => f.getName().toLowerCase() === 'from');
  if (fromFlag) {
    const ref = stage.references.find((r) => r.kind === 'copy' && r.instruction === ins);
    const fromText = expandVariables(fromFlag.getValue() ?? '', lookup).value;
    const target = ref?.target ?? (/^\d+$/.test(fromText) ? Number(fromText) : model.stagesByKey.get(fromText.toLowerCase())?.index);
    if (target !== undefined && target < stage.index) {
      uses.add(target);
      return copyFromStage(target, sources, dest, done, model);
    }
    // From an external image: a few files or a directory of it; no table of image contents.
    const label = `COPY --from=${fromFlag.getValue() ?? '?'} ${sources.join(' ')}`;
    return [item(label, 'files', sum(sources.map((s) => unmatchedCopy(s).fig)), `heuristic: content of another image (${sources.map((s) => unmatchedCopy(s).what).join(', ')})`, [dest])];
  }
  if (ins.getArgumentsContent?.()?.trim().startsWith('<<')) {
    return [item(`${kw} heredoc`, 'files', figure(2 * KB, 2, 3), 'heuristic', [dest])];
  }
  const out: LayerItem[] = [];
  const urls = sources.filter((s) => /^(https?|git):\/\/|^git@/.test(s));
  for (const u of urls) out.push(item(`ADD ${u}`, 'download', figure(20 * MB, 1.05, 5), 'unknown download', [dest]));
  const local = sources.filter((s) => !urls.includes(s));
  if (!local.length) return out;
  const m = options.context?.byLine.get(ins.getRange().start.line);
  const label = `${kw} ${local.join(' ')} → ${dest}`;
  if (m) {
    const archive = kw === 'ADD' && local.every((s) => /\.(tar|tar\.gz|tgz|tar\.xz|tar\.bz2)$/.test(s));
    const factor = (m.truncated ? 2 : 1.03) * (m.missing.length ? 1.2 : 1);
    const fig = archive ? figure(m.bytes * 3, 3, 1.5) : { ...figure(m.bytes, m.bytes / Math.max(1, m.compressedBytes), factor) };
    const basis = `measured from the build context (${m.files} file${m.files === 1 ? '' : 's'}${m.ignoredFiles ? `, ${m.ignoredFiles} left out by .dockerignore` : ''}${m.truncated ? ', walk stopped at the file limit' : ''}${m.missing.length ? `; not found: ${m.missing.join(', ')}` : ''})`;
    out.push(item(label, 'context', fig, basis, [dest]));
  } else {
    const whole = local.some((s) => s === '.' || s === './' || s === '*');
    out.push(item(label, 'context', whole ? figure(20 * MB, 3, 6) : figure(1 * MB, 3, 8), 'build context not measured (no file access): wide default', [dest]));
  }
  return out;
}

/** COPY --from=<stage>: the items that stage produced under the copied paths. */
function copyFromStage(target: number, sources: string[], dest: string, done: StageState[], model: DockerfileModel): LayerItem[] {
  const src = done[target];
  const name = model.stages[target]?.name ?? String(target);
  if (!src) return [item(`COPY --from=${name}`, 'files', figure(20 * MB, 2.5, 6), 'heuristic: source stage not estimated (later stage or cycle)', [dest])];
  const srcWorkdir = model.stages[target].config.workdir?.value;
  const wd = srcWorkdir ? resolvePath('/', unquote(srcWorkdir)) : '/';
  const out: LayerItem[] = [];
  for (const s of sources) {
    const p = resolvePath(wd, s.replace(/\*.*$/, ''));
    if (p === '/') {
      out.push(item(`COPY --from=${name} / (whole stage)`, 'files', pickFigure(src.estimate), `size of stage ${name}`, [dest]));
      continue;
    }
    const matched: LayerItem[] = [];
    let partial = false;
    for (const it of src.items) {
      if (it.removed || !it.paths) continue;
      if (it.paths.some((ip) => isUnder(ip, p))) matched.push(it);
      else if (it.paths.some((ip) => isUnder(p, ip)) && (it.category === 'product' || it.category === 'context')) {
        matched.push(it);
        partial = partial || it.category === 'context';
      }
    }
    if (matched.length) {
      const fig = sum(matched);
      const widened = partial ? { ...fig, low: Math.round(fig.low / 4), uncompressedLow: Math.round(fig.uncompressedLow / 4) } : fig;
      out.push(item(`COPY --from=${name} ${s}: ${matched.map((m) => m.label).slice(0, 3).join(', ')}`, 'files', widened, `what stage ${name} produced under ${p}`, [dest]));
    } else {
      const u = unmatchedCopy(s);
      out.push(item(`COPY --from=${name} ${s}`, 'files', u.fig, `heuristic: nothing estimated in stage ${name} produced ${p}; ${u.what}`, [dest]));
    }
  }
  return out;
}
/**
 * A path copied from a stage or image whose content was not estimated: a configuration file (`/etc/passwd`,
 * certificates) is a few kB, another single file (a binary) a few MB, a directory tens of MB; all with wide ranges.
 */
function unmatchedCopy(src: string): { fig: SizeFigure; what: string } {
  const p = trimTrailingSlashes(src);
  const last = p.split('/').pop() ?? '';
  const dir = src.endsWith('/') || /[*?]/.test(src) || p === '' || p === '.' || /^(app|apps|dist|build|out|output|publish|public|static|site|www|html|lib|lib64|libs|src|node_modules|target|vendor|packages|modules|opt|usr|local|share|bin|sbin|data|assets|wheels|venv|\.venv|site-packages|release|debug|go|root|home|var|srv|workspace)$/i.test(last);
  if (!dir && /^\/etc\/|\.(conf|cfg|ini|json|ya?ml|toml|txt|pem|crt|key|sh|env|properties|xml|html?|css|lock)$/i.test(p)) {
    return { fig: figure(8 * KB, 2.5, 10), what: 'a configuration or text file (default 8 kB)' };
  }
  if (/\/(zoneinfo|ca-certificates|ssl\/certs)(\/|$)/.test(p)) return { fig: figure(1 * MB, 3, 4), what: 'certificates or time zones (default 1 MB)' };
  if (!dir && (/\.(jar|war|dll|so(\.\d+)*|a|bin|exe|wasm)$/i.test(p) || /\/(s?bin|out|dist\/bin)\/[^/]+$/.test(p) || /^[^.]+$/.test(last))) {
    return { fig: figure(10 * MB, 2.3, 5), what: 'a single file, probably a binary or archive (default 10 MB)' };
  }
  return { fig: figure(30 * MB, 2.5, 5), what: 'a directory (default 30 MB)' };
}

/** The first `rm -r… <path>` of a RUN (command model) whose path an earlier layer added. */
function removedFromEarlierLayers(model: DockerfileModel, ins: Instruction, items: LayerItem[], workdir: string): string | undefined {
  let path: string | undefined;
  for (const cmd of runCommands(model, ins).commands) {
    const args = argsOf(cmd);
    if (programOf(cmd) === 'rm' && /^-[a-zA-Z]*r[a-zA-Z]*$/.test(args[0]?.text ?? '') && args[1]) {
      path = args[1].text;
      break;
    }
  }
  if (!path) return undefined;
  const target = resolvePath(workdir, path.replace(/\/\*$/, ''));
  if (target === '/' || target.startsWith('/tmp')) return undefined;
  const hit = items.find((i) => i.paths?.some((p) => isUnder(p, target)) && i.compressedBytes > 1 * MB);
  return hit ? `${target} (${formatBytes(hit.compressedBytes)} compressed)` : undefined;
}

function summarize(ins: Instruction): string {
  const text = `${ins.getKeyword().toUpperCase()} ${(ins.getArgumentsContent?.() ?? '').replace(/\s+/g, ' ').trim()}`;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
