/**
 * The stage model: one parse of a Dockerfile turned into the build graph every feature reads.
 * Pure: no I/O, no editor API. Built once per document version (see cache.ts).
 */
import { Arg, Copy, Dockerfile, Flag, From, Instruction, Run } from 'dockerfile-ast';
import { applyDockerfileAstPatches, parseDockerfile } from './astPatches';
import { Position, Range } from 'vscode-languageserver-types';
import { ImageName, parseImageName } from './imageRef';
import { RuntimeConfig, computeRuntimeConfigs } from './runtimeConfig';
import { expandVariables } from './variables';
import { partitionPoint } from './search';
import { computeLineStarts } from './text';
import { ANY, globMatches, type Glob, type GlobToken } from './glob';
import { platformArgs } from './targetPlatform';
import { createModelMemo, memoized } from './modelMemo';

export type StageReferenceKind = 'from' | 'copy' | 'mount';

/** A reference from an instruction to another stage or to an external image. */
export interface StageReference {
  kind: StageReferenceKind;
  /** The reference as written (`builder`, `0`, `${BASE}`, `nginx:alpine`). */
  text: string;
  /** After ARG substitution. */
  resolvedText: string;
  /** Range of the written value. */
  range: Range;
  /** The stage this reference appears in. */
  fromStage: number;
  instruction: Instruction;
  /** Whether the value is a number (`--from=0`). */
  numeric: boolean;
  /** Target stage index when the reference names a stage. */
  target?: number;
  /** When the reference names no stage: the external image (or undefined if it is not a valid image name). */
  image?: ImageName;
  /** Variables without a value in the reference. */
  unresolved: string[];
  /**
   * When the reference holds a variable (`binaries-$TARGETOS`, `base-${VARIANT}`): every stage another value of
   * it (another platform, another --build-arg) could name, the resolved target included.
   */
  alternatives?: number[];
}

export interface BaseImage {
  kind: 'image';
  /** As written after FROM (`golang:${GO_VERSION}-alpine`). */
  text: string;
  /** After global ARG substitution. */
  resolvedText: string;
  name?: ImageName;
  unresolved: string[];
  range: Range;
}
export interface BaseStage {
  kind: 'stage';
  text: string;
  stage: number;
  range: Range;
}
export interface BaseScratch {
  kind: 'scratch';
  text: string;
  range: Range;
}
export interface BaseMissing {
  kind: 'missing';
  text: string;
  range: Range;
}
export type StageBase = BaseImage | BaseStage | BaseScratch | BaseMissing;

export interface Stage {
  index: number;
  /** The name as written after AS, if any. */
  name?: string;
  /** Lower-cased name: BuildKit matches stage names case-insensitively. */
  key?: string;
  nameRange?: Range;
  /** The `AS` keyword as written, with its range. */
  asKeyword?: { text: string; range: Range };
  from: From;
  /** `--platform` value as written. */
  platform?: { text: string; resolvedText: string; range: Range };
  base: StageBase;
  /** The parent stage when FROM names an earlier stage. */
  parent?: number;
  /** From FROM to the end of the stage's last instruction. */
  range: Range;
  /** Every instruction of the stage, FROM first. */
  instructions: Instruction[];
  /** References made by this stage: FROM <stage>, COPY --from, RUN --mount from=. */
  references: StageReference[];
  /** Distinct stages this one depends on (through references that resolved to a stage). */
  dependsOn: number[];
  /** Distinct stages that depend on this one. */
  consumers: number[];
  isFinal: boolean;
  /** Reachable from the final stage (BuildKit builds only those). */
  reachable: boolean;
  /** Part of a dependency cycle (including a self reference). */
  inCycle: boolean;
  /** Effective runtime config after inheritance through the parent chain. */
  config: RuntimeConfig;
  /** ARGs declared in this stage: name -> default (undefined when none). Re-declared globals take the global default. */
  args: Map<string, string | undefined>;
  /** When FROM holds a variable: the earlier stages other values of it could name (see StageReference.alternatives). */
  baseAlternatives?: number[];
}

export interface GlobalArg {
  name: string;
  value?: string;
  instruction: Instruction;
}

export interface ModelOptions {
  /** The stage to treat as the build target (name or index); default: the last stage. */
  target?: string;
  /** The target platform (`linux/arm64`) the platform ARGs (TARGETARCH ...) resolve from; default linux/amd64. */
  platform?: string;
}

export interface DockerfileModel {
  readonly text: string;
  /**
   * The text is not analysed, and the model is that of an empty file: it holds NUL bytes (not a Dockerfile),
   * or it is past the size limits (`tooLarge`, see ANALYSIS_LIMITS). Every feature checks this one flag.
   */
  readonly binary: boolean;
  /** Past ANALYSIS_LIMITS: not analysed (binary is true too), so no request can take unbounded time. */
  readonly tooLarge: boolean;
  readonly lineCount: number;
  readonly dockerfile: Dockerfile;
  readonly escapeChar: string;
  readonly instructions: Instruction[];
  /** ARGs before the first FROM. */
  readonly globalArgs: Map<string, GlobalArg>;
  readonly stages: Stage[];
  readonly finalStage?: Stage;
  /** Stage name (lower case) -> first stage with that name. */
  readonly stagesByKey: Map<string, Stage>;
  /** Each dependency cycle once, as the list of its stage indices. */
  readonly cycles: number[][];
  /** The stage containing a line, or undefined before the first FROM. */
  stageAt(line: number): Stage | undefined;
  /** The stage an instruction belongs to. */
  stageOf(instruction: Instruction): Stage | undefined;
  /** All stage references in the file, in document order. */
  readonly references: StageReference[];
}

export function keywordOf(instruction: Instruction): string {
  // getKeyword is upper case already (and, patched in astPatches.ts, computed once per instruction).
  return instruction.getKeyword();
}

const SCRATCH = 'scratch';

export { parseDockerfile, applyDockerfileAstPatches } from './astPatches';

/**
 * Files past these limits are not analysed (a diagnostic says so): the parser, the standard validator and
 * some rules grow faster than linearly, and a 10 MB file would hold the server for minutes. Real
 * Dockerfiles are far below (the largest of the 300 in the corpus has 511 lines); a single long line is
 * fine (the limit on characters is well above 1 MB).
 */
export const ANALYSIS_LIMITS = { maxLength: 2_000_000, maxLines: 20_000 };

/** Whether a text is past ANALYSIS_LIMITS. */
export function exceedsAnalysisLimits(text: string): boolean {
  return text.length > ANALYSIS_LIMITS.maxLength || countLines(text) > ANALYSIS_LIMITS.maxLines;
}

export function buildModel(text: string, options: ModelOptions = {}): DockerfileModel {
  // The service applies the patches when it is created; buildModel is also called directly by tests and
  // scripts, which get the same parse (idempotent).
  applyDockerfileAstPatches();
  const lineCount = countLines(text);
  const tooLarge = text.length > ANALYSIS_LIMITS.maxLength || lineCount > ANALYSIS_LIMITS.maxLines;
  const binary = tooLarge || text.includes('\0');
  const dockerfile = parseDockerfile(binary ? '' : text);
  const instructions = dockerfile.getInstructions();
  const escapeChar = dockerfile.getEscapeCharacter();
  const platformValues = platformArgs(options.platform);

  const { globalArgs, stages, stagesByKey } = collectStages(instructions, escapeChar, platformValues);
  for (const stage of stages) {
    stage.range = stageRange(stage);
    collectReferences(stage, stagesByKey, stages, platformValues, escapeChar);
  }
  linkStages(stages);
  const cycles = findCycles(stages);
  for (const cycle of cycles) for (const i of cycle) stages[i].inCycle = true;
  const finalStage = pickFinal(stages, stagesByKey, options.target);
  if (finalStage) {
    finalStage.isFinal = true;
    markReachable(stages, finalStage.index);
  }
  computeRuntimeConfigs(stages, escapeChar);

  const references = stages.flatMap((s) => s.references);
  references.sort((a, b) => comparePosition(a.range.start, b.range.start));
  const stageAt = stageLocator(stages);
  return {
    text,
    binary,
    tooLarge,
    lineCount,
    dockerfile,
    escapeChar,
    instructions,
    globalArgs,
    stages,
    finalStage,
    stagesByKey,
    cycles,
    references,
    stageAt,
    stageOf: (instruction) => stageAt(instruction.getRange().start.line),
  };
}

/** The global ARGs (before the first FROM) and the stages with their instructions and ARG values, in order. */
function collectStages(instructions: Instruction[], escapeChar: string, platformValues: Record<string, string>) {
  const globalArgs = new Map<string, GlobalArg>();
  const stages: Stage[] = [];
  const stagesByKey = new Map<string, Stage>();
  let current: Stage | undefined;
  // BuildKit's platform ARGs are in the global scope, declared or not; a declaration without a value keeps them.
  const globalLookup = (name: string) => globalArgs.get(name)?.value ?? platformValues[name];

  for (const instruction of instructions) {
    const keyword = keywordOf(instruction);
    if (keyword === 'FROM') {
      current = createStage(instruction as From, stages.length, stagesByKey, globalLookup);
      stages.push(current);
      if (current.key && !stagesByKey.has(current.key)) stagesByKey.set(current.key, current);
      continue;
    }
    if (!current) {
      if (keyword === 'ARG') {
        for (const p of (instruction as Arg).getProperties()) {
          const raw = p.getValue();
          const value = raw === null ? undefined : expandVariables(unquote(raw), globalLookup, escapeChar).value;
          globalArgs.set(p.getName(), { name: p.getName(), value, instruction });
        }
      }
      continue;
    }
    current.instructions.push(instruction);
    if (keyword === 'ARG') {
      for (const p of (instruction as Arg).getProperties()) {
        const raw = p.getValue();
        const stageLookup = makeStageLookup(current, platformValues);
        current.args.set(p.getName(), raw === null ? globalLookup(p.getName()) : expandVariables(unquote(raw), stageLookup, escapeChar).value);
      }
    }
  }
  return { globalArgs, stages, stagesByKey };
}

/** Each stage's dependencies (from its references) and, on the other side, its consumers, both sorted. */
function linkStages(stages: Stage[]): void {
  for (const stage of stages) {
    const deps = new Set<number>();
    for (const ref of stage.references) if (ref.target !== undefined) deps.add(ref.target);
    stage.dependsOn = [...deps].sort((a, b) => a - b);
    for (const d of stage.dependsOn) {
      const target = stages[d];
      if (!target.consumers.includes(stage.index)) target.consumers.push(stage.index);
    }
  }
  for (const stage of stages) stage.consumers.sort((a, b) => a - b);
}

/** The stage containing a line (binary search over the FROM lines), undefined before the first FROM. */
function stageLocator(stages: Stage[]): (line: number) => Stage | undefined {
  const stageStarts = stages.map((s) => s.from.getRange().start.line);
  return (line) => {
    const n = partitionPoint(stageStarts.length, (i) => stageStarts[i] <= line);
    return n === 0 ? undefined : stages[n - 1];
  };
}

function createStage(from: From, index: number, stagesByKey: Map<string, Stage>, globalLookup: (n: string) => string | undefined): Stage {
  const name = from.getBuildStage() ?? undefined;
  const nameRange = from.getBuildStageRange() ?? undefined;
  const args = from.getArguments();
  const imageRange = from.getImageRange();
  const imageText = from.getImage() ?? '';
  let asKeyword: Stage['asKeyword'];
  if (args.length >= 3 && args[args.length - 2].getValue().toLowerCase() === 'as') {
    const a = args[args.length - 2];
    asKeyword = { text: a.getValue(), range: a.getRange() };
  }
  const platformFlag = from.getPlatformFlag();
  let platform: Stage['platform'];
  if (platformFlag) {
    const text = platformFlag.getValue() ?? '';
    platform = { text, resolvedText: expandVariables(text, globalLookup).value, range: platformFlag.getValueRange() ?? platformFlag.getRange() };
  }

  let base: StageBase;
  let parent: number | undefined;
  const range = imageRange ?? from.getInstructionRange();
  if (!imageText) {
    base = { kind: 'missing', text: '', range };
  } else {
    const expanded = expandVariables(imageText, globalLookup);
    const resolved = expanded.value;
    const prior = stagesByKey.get(resolved.toLowerCase());
    if (prior) {
      base = { kind: 'stage', text: imageText, stage: prior.index, range };
      parent = prior.index;
    } else if (resolved.toLowerCase() === SCRATCH) {
      base = { kind: 'scratch', text: imageText, range };
    } else {
      base = { kind: 'image', text: imageText, resolvedText: resolved, name: parseImageName(resolved), unresolved: expanded.unresolved, range };
    }
  }

  return {
    index,
    name,
    key: name?.toLowerCase(),
    nameRange,
    asKeyword,
    from,
    platform,
    base,
    parent,
    range: from.getRange(),
    instructions: [from],
    references: [],
    dependsOn: [],
    consumers: [],
    isFinal: false,
    reachable: false,
    inCycle: false,
    config: undefined as unknown as RuntimeConfig,
    args: new Map(),
  };
}

function stageRange(stage: Stage): Range {
  const first = stage.instructions[0].getRange();
  const last = stage.instructions[stage.instructions.length - 1].getRange();
  return { start: first.start, end: last.end };
}

function makeStageLookup(stage: Stage, platformValues: Record<string, string>) {
  return (name: string): string | undefined => {
    // Only ARGs re-declared in the stage are in scope; the platform ARGs of the target platform are always there.
    if (stage.args.has(name)) return stage.args.get(name) ?? platformValues[name];
    return platformValues[name];
  };
}

/**
 * The stages a reference with variables could name under other values: its text as a pattern where every
 * variable matches anything (`binaries-$TARGETOS` matches binaries-linux, binaries-windows ...).
 */
function alternativeStages(text: string, stagesByKey: Map<string, Stage>, before = Infinity): number[] | undefined {
  if (!text.includes('$') || text.length > 256) return undefined;
  const tokens: GlobToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '$' && text[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < text.length && depth; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
      }
      if (tokens[tokens.length - 1] !== ANY) tokens.push(ANY);
      i = j;
    } else if (ch === '$' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      i++;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      if (tokens[tokens.length - 1] !== ANY) tokens.push(ANY);
    } else {
      tokens.push(ch.toLowerCase());
      i++;
    }
  }
  if (tokens.every((t) => t === ANY)) return undefined;
  // Matched without a RegExp: `$A$A…` made one `.*` per variable, and a RegExp of dozens backtracks for seconds.
  const glob: Glob = { tokens, covers: () => true, ignoreCase: true };
  const out: number[] = [];
  for (const [key, stage] of stagesByKey) if (stage.index < before && globMatches(glob, key)) out.push(stage.index);
  return out.sort((a, b) => a - b);
}

function collectReferences(stage: Stage, stagesByKey: Map<string, Stage>, stages: Stage[], platformValues: Record<string, string>, escapeChar: string) {
  const baseAlternatives = stage.base.kind === 'image' || stage.base.kind === 'stage' ? alternativeStages(stage.base.text, stagesByKey, stage.index) : undefined;
  if (stage.base.kind === 'stage') {
    stage.references.push({
      kind: 'from',
      text: stage.base.text,
      resolvedText: stages[stage.base.stage].name ?? stage.base.text,
      range: stage.base.range,
      fromStage: stage.index,
      instruction: stage.from,
      numeric: false,
      target: stage.base.stage,
      unresolved: [],
      alternatives: baseAlternatives,
    });
  }
  if (baseAlternatives?.length) stage.baseAlternatives = baseAlternatives;
  const lookup = makeStageLookup(stage, platformValues);
  for (const instruction of stage.instructions) {
    const keyword = keywordOf(instruction);
    if (keyword === 'COPY') {
      // Copy.getFromFlag() misses --from when the COPY has other flags too: look through all flags.
      const flag = (instruction as Copy).getFlags().find((f) => f.getName().toLowerCase() === 'from');
      if (flag) addFlagReference(stage, 'copy', flag, instruction, stagesByKey, stages, lookup, escapeChar);
    } else if (keyword === 'RUN') {
      for (const flag of (instruction as Run).getFlags()) {
        if (flag.getName().toLowerCase() !== 'mount') continue;
        const fromOpt = flag.getOption('from');
        const value = fromOpt?.getValue();
        const valueRange = fromOpt?.getValueRange();
        if (fromOpt && value && valueRange) {
          addReference(stage, 'mount', value, valueRange, instruction, stagesByKey, stages, lookup, escapeChar);
        }
      }
    }
  }
}

function addFlagReference(stage: Stage, kind: StageReferenceKind, flag: Flag, instruction: Instruction, stagesByKey: Map<string, Stage>, stages: Stage[], lookup: (n: string) => string | undefined, escapeChar: string) {
  const value = flag.getValue();
  const range = flag.getValueRange();
  if (!value || !range) return;
  addReference(stage, kind, value, range, instruction, stagesByKey, stages, lookup, escapeChar);
}

function addReference(stage: Stage, kind: StageReferenceKind, text: string, range: Range, instruction: Instruction, stagesByKey: Map<string, Stage>, stages: Stage[], lookup: (n: string) => string | undefined, escapeChar: string) {
  const expanded = expandVariables(unquote(text), lookup, escapeChar);
  const resolved = expanded.value;
  const numeric = /^\d+$/.test(resolved);
  let target: number | undefined;
  let image: ImageName | undefined;
  if (numeric) {
    const n = Number(resolved);
    if (n < stages.length) target = n;
  } else {
    const named = stagesByKey.get(resolved.toLowerCase());
    if (named) target = named.index;
    else image = parseImageName(resolved);
  }
  const alternatives = alternativeStages(unquote(text), stagesByKey);
  stage.references.push({ kind, text, resolvedText: resolved, range, fromStage: stage.index, instruction, numeric, target, image, unresolved: expanded.unresolved, ...(alternatives ? { alternatives } : {}) });
}

function pickFinal(stages: Stage[], stagesByKey: Map<string, Stage>, target?: string): Stage | undefined {
  if (stages.length === 0) return undefined;
  if (target) {
    const byName = stagesByKey.get(target.toLowerCase());
    if (byName) return byName;
    if (/^\d+$/.test(target) && Number(target) < stages.length) return stages[Number(target)];
  }
  return stages[stages.length - 1];
}

function markReachable(stages: Stage[], from: number) {
  const stack = [from];
  while (stack.length) {
    const i = stack.pop()!;
    if (stages[i].reachable) continue;
    stages[i].reachable = true;
    for (const d of stages[i].dependsOn) if (!stages[d].reachable) stack.push(d);
  }
}

/** Tarjan's strongly connected components, iterative (a 1,000-deep chain must not overflow the stack). */
function findCycles(stages: Stage[]): number[][] {
  const n = stages.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: { v: number; edge: number }[] = [{ v: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = stages[frame.v].dependsOn;
      if (frame.edge < edges.length) {
        const w = edges[frame.edge++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, edge: 0 });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length) low[work[work.length - 1].v] = Math.min(low[work[work.length - 1].v], low[frame.v]);
      if (low[frame.v] === index[frame.v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== frame.v);
        const selfLoop = component.length === 1 && stages[component[0]].dependsOn.includes(component[0]);
        if (component.length > 1 || selfLoop) cycles.push(component.sort((a, b) => a - b));
      }
    }
  }
  return cycles.sort((a, b) => a[0] - b[0]);
}

export function unquote(value: string): string {
  if (value.length >= 2 && ((value[0] === '"' && value[value.length - 1] === '"') || (value[0] === "'" && value[value.length - 1] === "'"))) {
    return value.slice(1, -1);
  }
  return value;
}

export function comparePosition(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(range: Range, pos: Position): boolean {
  return comparePosition(range.start, pos) <= 0 && comparePosition(pos, range.end) <= 0;
}

const lineStartsCache = createModelMemo<readonly number[]>();

/**
 * Where each line of the model's text starts (computeLineStarts), computed once per model: the standard
 * diagnostics, the rules' analysis and the command model all map positions to offsets.
 */
export function lineStartsOf(model: DockerfileModel): readonly number[] {
  return memoized(lineStartsCache, model, () => computeLineStarts(model.text));
}

const instructionStartsCache = createModelMemo<readonly number[]>();

/** The first line of each of the model's instructions, in order (computed once per model). */
export function instructionStartsOf(model: DockerfileModel): readonly number[] {
  return memoized(instructionStartsCache, model, () => model.instructions.map((i) => i.getRange().start.line));
}

/**
 * The instruction whose lines hold `line` (instructions never share a line): the last one starting on or before
 * it, when it reaches that line. The instruction an ignore comment above it applies to.
 */
export function instructionAtLine(model: DockerfileModel, line: number): Instruction | undefined {
  const starts = instructionStartsOf(model);
  const n = partitionPoint(starts.length, (k) => starts[k] <= line);
  if (n === 0) return undefined;
  const i = model.instructions[n - 1];
  return i.getRange().end.line >= line ? i : undefined;
}

const lineLengthsCache = createModelMemo<readonly number[]>();

/** lineLengths of the model's text, computed once per model (diagnose and the standard diagnostics clamp ranges with it). */
export function lineLengthsOf(model: DockerfileModel): readonly number[] {
  return memoized(lineLengthsCache, model, () => lineLengths(model.text));
}

/** The length of each line by LSP's rules (\r\n, \r and \n each end a line). */
export function lineLengths(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push(text.length - start);
  return out;
}

/**
 * A range moved inside the document: a line past the end goes to the end, a character past a line's end to
 * that end; a range whose end comes before its start (dockerfile-utils reports `ENV x=1 \⏎ \\⏎ y=2` so) has
 * its ends swapped.
 */
export function clampRange(range: Range, lengths: readonly number[]): Range {
  const clamp = (p: Position): Position => {
    const last = lengths.length - 1;
    if (p.line > last) return { line: last, character: lengths[last] };
    const line = Math.max(0, p.line);
    const character = Math.min(Math.max(0, p.character), lengths[line]);
    return line === p.line && character === p.character ? p : { line, character };
  };
  const start = clamp(range.start);
  const end = clamp(range.end);
  if (comparePosition(end, start) < 0) return { start: end, end: start };
  return start === range.start && end === range.end ? range : { start, end };
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
