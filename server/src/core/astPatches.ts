/**
 * Every change this server makes to dockerfile-ast 0.7.1 and dockerfile-utils 0.16.3 (exact versions in
 * package.json: these patches reach into their classes), in one place, applied by one explicit call,
 * `applyDockerfileAstPatches()`, when a service (the language server, the CLI, a test) starts; importing this
 * module changes nothing. Each patch names the upstream problem it works around. What they change in the answers
 * is listed in DOCKERFILE_AST_PATCHES and checked over ../shared/corpus by test/unit/astPatches.test.ts, which
 * compares a process that never applies them with one that does.
 *
 * One parse per text for the whole process. dockerfile-utils' validator and dockerfile-language-service
 * (hover, completion ...) each call DockerfileParser.parse on the text they are given; with the shared parse
 * they receive the tree the model was built from instead of parsing the same text again. dockerfile-ast's
 * trees are immutable after parsing (their lazy caches aside), so sharing one is safe; the key is the whole
 * text, so a tree is never shared between different texts.
 *
 * dockerfile-ast also recomputes an instruction's argument list on every call (the scan of its text is
 * most of the validator's time); each instruction now computes it once. Callers get a fresh copy of the list
 * and of each argument, variable and heredoc in it, as the original handed out new ones on every call:
 * callers change what they get (ModifiableInstruction.getArguments shifts the flags off the array;
 * From.getImageNameRange and getRegistryRange move the ends of the first argument's range; the standard
 * service's semantic tokens cut a variable's range). Sharing those objects let one request change what
 * the next one read: after the link provider, a FROM read `golang` without its tag.
 */
import { Argument, Dockerfile, DockerfileParser, Instruction, ModifiableInstruction, PropertyInstruction, type Variable } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import { Parser } from 'dockerfile-ast/lib/parser';
import { Util } from 'dockerfile-ast/lib/util';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import { partitionPoint } from './search';
import { scanInstructionArguments } from './astArguments';
import { scanVariables } from './astVariables';

/** What each patch changes in dockerfile-ast's answers (none changes an answer the original gives without failing). */
export const DOCKERFILE_AST_PATCHES: readonly { readonly name: string; readonly changes: string }[] = [
  { name: 'shared parse', changes: 'none: the same tree for the same text (copies handed out where callers mutate)' },
  { name: 'one-pass argument scan', changes: 'none: getRawArguments gives the same arguments and ranges (astArguments.ts)' },
  { name: 'computed once', changes: 'none: getRawArguments, getVariables, getKeyword, getHeredocs, getArgumentsContent, getFROMs, getPropertyArguments cached (the first two computed from the kept argument list, not copies)' },
  { name: 'ModifiableInstruction.getArguments', changes: 'none: one slice instead of one shift per flag; getArgumentsRange and getRawArgumentsContent read the kept arguments' },
  { name: 'argument copies build their range when asked', changes: 'none: a copied argument reads the kept range until getRange, which hands out a range of its own' },
  { name: 'indexed ENV/ARG definitions', changes: 'none: resolveVariable and isBuildVariable by index instead of scans' },
  { name: 'getComments copy', changes: 'none: a copy of the comment list' },
  { name: 'one instruction object per instruction', changes: 'none: the parser builds each instruction once instead of twice' },
  { name: 'indexed stages', changes: 'none: getContainingImage by binary search over the stages, resolveVariable without a scan of the FROMs for lines no FROM covers' },
  { name: 'organizeComments with ranges built once', changes: 'none: the same comments given to the same stages' },
  { name: 'positionAt from the last line', changes: 'none: the same positions, found from the line of the previous call before a binary search' },
  { name: 'resolveVariable re-entry', changes: 'a variable of an indented instruction before the first FROM resolves to undefined instead of a stack overflow' },
  { name: 'validator: no variables read from RUN, CMD, ENTRYPOINT', changes: 'none: the same diagnostics (it reported nothing for them)' },
  { name: 'validator: arguments read, not copied', changes: 'none: the same diagnostics (their ranges copied by core/validate.ts)' },
  { name: 'getHeredocs crash', changes: 'an instruction whose heredoc scan throws has no heredocs instead of the TypeError' },
  { name: 'linear variable scan', changes: 'none: parseVariables gives the same variables (astVariables.ts)' },
];

const originalParse = DockerfileParser.parse.bind(DockerfileParser);
let lastParse: { text: string; dockerfile: Dockerfile } | undefined;

/** The parse of a text, shared with every other consumer of dockerfile-ast in the process (once patched). */
export function parseDockerfile(text: string): Dockerfile {
  if (lastParse && lastParse.text === text) return lastParse.dockerfile;
  const dockerfile = originalParse(text);
  completeTrees.add(dockerfile);
  lastParse = { text, dockerfile };
  return dockerfile;
}

/** Trees the parser has finished: their instruction lists no longer change, so lists derived from them can be kept. */
const completeTrees = new WeakSet<object>();

const APPLIED = Symbol.for('dockerfile-stages.ast-patches');

/** Whether applyDockerfileAstPatches has run in this process (for tests). */
export function dockerfileAstPatched(): boolean {
  return !!(DockerfileParser as unknown as Record<symbol, boolean>)[APPLIED];
}

/** The kept variable lists (set when the patches are applied). */
let keptVariables: ((instruction: object) => Variable[]) | undefined;

/**
 * An instruction's variables without a copy: the list kept for it (getVariables hands out copies, as callers may
 * change them). Read only: neither the list nor a range read from it may be changed, and a range that leaves in an
 * answer (a finding, an edit) must be copied first. Without the patches, getVariables' own copies.
 */
export function readVariables(instruction: Instruction): readonly Variable[] {
  return keptVariables ? keptVariables(instruction) : instruction.getVariables();
}

/**
 * Applies the patches below to dockerfile-ast's classes, once per process (later calls do nothing). Every patch
 * keeps the original's answers except where DOCKERFILE_AST_PATCHES says otherwise.
 */
export function applyDockerfileAstPatches(): void {
  const parser = DockerfileParser as unknown as Record<symbol, boolean> & { parse(text: string): Dockerfile };
  if (parser[APPLIED]) return;
  parser[APPLIED] = true;
  // Upstream: dockerfile-utils' validate and every dockerfile-language-service call parse the text again
  // (three parses of one text per keystroke). The shared parse above.
  parser.parse = parseDockerfile;
  // Upstream: Instruction.getRawArguments builds each argument one character at a time and asks the document for
  // every position: the same arguments from one pass over the text (astArguments.ts).
  (Instruction.prototype as unknown as { getRawArguments(): Argument[] }).getRawArguments = function (this: object) {
    return scanInstructionArguments(this as unknown as Parameters<typeof scanInstructionArguments>[0]);
  };
  // Upstream: Instruction.parseVariables reads to the end of the argument at every escape character inside a
  // variable reference, looking for the newline it may escape: quadratic (25,000 `\ ` after a `${` took 1.7 s).
  // The same variables in one pass (astVariables.ts).
  (Instruction.prototype as unknown as { parseVariables(offset: number, arg: string): Variable[] }).parseVariables = function (this: object, offset: number, arg: string) {
    return scanVariables(this as unknown as Parameters<typeof scanVariables>[0], offset, arg);
  };
  // Upstream: Instruction.getRawArguments and getVariables scan the instruction's text on every call (the scan
  // is most of the validator's time). Each instruction now computes them once.
  const rawArguments = computeOnce(Instruction.prototype, 'getRawArguments', { copy: copyLeaf, share: takeKeptRead }) as (instruction: object) => Argument[];
  // Its first read is the argument list, only read (withKeptReads).
  keptVariables = computeOnce(Instruction.prototype, 'getVariables', { copy: copyLeaf, compute: (original, self) => withKeptReads(self, 1, original) }) as (instruction: object) => Variable[];
  patchArgumentReaders(rawArguments);
  const empty = originalParse('');
  const dockerfileProto = Object.getPrototypeOf(empty) as object;
  patchInstructionBuiltTwice();
  patchPositionAt(Object.getPrototypeOf((empty as unknown as { document: object }).document) as object);
  // Before the re-entry guard, which wraps what it finds.
  indexStages(dockerfileProto);
  patchOrganizeComments(dockerfileProto);
  patchResolveVariableReentry(dockerfileProto);
  // Upstream: Instruction.getKeyword upper-cases the instruction's first word on every call, and parseVariables
  // asks for it once per variable: on a line whose first word is 100 KB of `$A$A…` that is quadratic.
  computeOnce(Instruction.prototype, 'getKeyword');
  patchModifiableGetArguments(rawArguments);
  patchValidatorVariables();
  patchValidatorReads();
  // Upstream: Instruction.getHeredocs reads past its list of heredoc definitions on some inputs and throws a
  // TypeError (an escaped newline then a comment, `RUN \ ⏎ # note ⏎ fi`: rcjsuen/dockerfile-ast#123; a tabbed
  // delimiter followed by another heredoc: rcjsuen/dockerfile-ast#119), which takes the validator down with it
  // (rcjsuen/dockerfile-utils#127, #129). Such an instruction has no heredocs. The list is also asked for again
  // and again (the size estimate, conversions, rules): computed once.
  computeOnce(Instruction.prototype, 'getHeredocs', {
    copy: copyLeaf,
    compute: (original) => {
      try {
        return original();
      } catch {
        return [];
      }
    },
  });
  // It reads the argument list twice (itself, then through getArgumentsRanges) and keeps only text. The flags are
  // made first, outside the budget (they keep what they are made from).
  computeOnce(Instruction.prototype, 'getArgumentsContent', {
    compute: (original, self) => {
      (self as { getFlags?(): unknown }).getFlags?.();
      return withKeptReads(self, 2, original);
    },
  });
  // Upstream: Dockerfile.resolveVariable (called for every variable by the validator and the service) scans all
  // instructions for the FROMs on each call: quadratic in the file. A finished tree's FROMs are kept.
  computeOnce(dockerfileProto, 'getFROMs', { keep: (tree) => completeTrees.has(tree) });
  // Upstream: PropertyInstruction.getPropertyArguments scans an ENV, LABEL or ARG one character at a time on every
  // call: ARG's constructor, getProperties and the validator each ask. Computed once; each caller gets copies.
  computeOnce(PropertyInstruction.prototype, 'getPropertyArguments', { copy: copyLeaf });
  // Shared trees only: the standard service's semantic tokens splice embedded comments out of the list
  // ImageTemplate.getComments returns, which is the tree's own array. Hand out a copy.
  const templateProto = Object.getPrototypeOf(dockerfileProto) as { getComments(): unknown[] };
  const ownComments = templateProto.getComments;
  templateProto.getComments = function (this: object) {
    return ownComments.call(this).slice();
  };
  indexVariableDefinitions(dockerfileProto);
}

/**
 * Upstream: for each instruction with arguments, Parser.processArguments builds the instruction to look for
 * heredocs in it (processHeredocs), and processInstruction then builds it again from the same offsets: every
 * instruction is constructed, and its arguments scanned (the JSON-form constructors scan them at once), twice.
 * A parser now hands the second request for the same instruction (same keyword text and offsets) the object it
 * built for the first; when heredocs moved the end, the offsets differ and a new one is built as before.
 */
function patchInstructionBuiltTwice(): void {
  type Build = (dockerfile: object, instruction: string, start: number, instructionEnd: number, end: number) => unknown;
  type Heredocs = (instruction: object, offset: number) => number;
  const proto = Parser.prototype as unknown as { createInstruction: Build; processHeredocs: Heredocs };
  // processHeredocs reads the values of the instruction's arguments (an ONBUILD's trigger is another object).
  const heredocs = proto.processHeredocs;
  proto.processHeredocs = function (this: object, instruction: object, offset: number) {
    return withKeptReads(instruction, 1, () => heredocs.call(this, instruction, offset));
  };
  const original = proto.createInstruction;
  const LAST = Symbol('last instruction built');
  type Last = { dockerfile: object; instruction: string; start: number; instructionEnd: number; end: number; built: unknown };
  proto.createInstruction = function (this: { [LAST]?: Last }, dockerfile, instruction, start, instructionEnd, end) {
    const last = this[LAST];
    if (last && last.dockerfile === dockerfile && last.start === start && last.instructionEnd === instructionEnd && last.end === end && last.instruction === instruction) return last.built;
    const built = original.call(this, dockerfile, instruction, start, instructionEnd, end);
    this[LAST] = { dockerfile, instruction, start, instructionEnd, end, built };
    return built;
  };
}

/**
 * Upstream: dockerfile-ast turns offsets into positions one call at a time (every argument's two ends, every
 * instruction's and comment's), and TextDocument.positionAt runs a binary search over the line starts for each.
 * Consecutive calls mostly land on the line of the previous one or the next: those two are tried first. The
 * answer is the same line (the last line starting at or before the offset) and the same end-of-line clamping.
 */
function patchPositionAt(documentProto: object): void {
  type Doc = { _content: string; getLineOffsets(): number[]; ensureBeforeEOL(offset: number, lineOffset: number): number; [HINT]?: number };
  const proto = documentProto as { positionAt(this: Doc, offset: number): Position };
  const original = proto.positionAt;
  const HINT = Symbol('line of the last positionAt');
  const holds = (starts: number[], line: number, offset: number) => line < starts.length && starts[line] <= offset && (line + 1 === starts.length || starts[line + 1] > offset);
  proto.positionAt = function (this: Doc, offset: number) {
    const starts = this.getLineOffsets();
    if (!(offset >= 0 && offset <= this._content.length) || starts.length === 0) return original.call(this, offset);
    let line = this[HINT] ?? 0;
    if (!holds(starts, line, offset)) {
      if (holds(starts, line + 1, offset)) line++;
      else line = partitionPoint(starts.length, (i) => starts[i] <= offset) - 1;
    }
    this[HINT] = line;
    const at = this.ensureBeforeEOL(offset, starts[line]);
    return { line, character: at - starts[line] };
  };
}

type Pos = { line: number; character: number };
type Span = { start: Pos; end: Pos };
/** dockerfile-ast's own containment test (ends included), the one the methods patched here use. */
const inside = (p: Pos, r: Span): boolean => Util.isInsideRange(p, r);

/**
 * Upstream: at the end of a parse, Dockerfile.organizeComments builds the range of every stage again for every
 * comment (a new range each time): comments × stages ranges. A stage's range depends only on its instructions,
 * which no longer change then: each is built once. Each comment still goes to the initial template when its end
 * is inside that, else to every stage whose range holds its start, as before.
 */
function patchOrganizeComments(dockerfileProto: object): void {
  type Commented = { getRange(): Span; addComment(comment: unknown): void };
  type Tree = { getComments(): { getRange(): Span }[]; initialInstructions: Commented; buildStages: Commented[] };
  (dockerfileProto as { organizeComments(this: Tree): void }).organizeComments = function (this: Tree) {
    const initial = this.initialInstructions.getRange();
    const stages = this.buildStages.map((stage) => ({ stage, range: stage.getRange() }));
    for (const comment of this.getComments()) {
      const range = comment.getRange();
      if (inside(range.end, initial)) this.initialInstructions.addComment(comment);
      else for (const s of stages) if (inside(range.start, s.range)) s.stage.addComment(comment);
    }
  };
}

/**
 * Upstream: Dockerfile.resolveVariable (asked for every variable by the validator, the hovers, the semantic
 * tokens) first scans every FROM for one covering the line, then getContainingImage scans every stage, building
 * each one's range: quadratic in the number of stages. A finished tree now keeps the lines its FROMs cover and
 * its stages' ranges, in document order, once: getContainingImage finds the stage by a binary search (stages
 * never share a line; a tree where they do keeps the scans), and resolveVariable for a line no FROM covers goes
 * straight to the containing stage, as the original does after its scan finds nothing. The rest, and every tree
 * still being parsed, runs the original code.
 */
function indexStages(dockerfileProto: object): void {
  type Template = { getRange(): Span; getComments(): unknown[]; getInstructions(): unknown[]; resolveVariable(variable: string, line: number): string | null | undefined };
  type Tree = Template & {
    document: { getText(): string; positionAt(offset: number): Pos };
    initialInstructions: Template;
    buildStages: Template[];
    getFROMs(): { getRange(): Span }[];
    getContainingImage(position: Pos): Template | null;
  };
  type Index = { end: Pos; initial: Span | undefined; stages: { range: Span; stage: Template }[]; fromLines: Set<number> } | null;
  const INDEX = Symbol('stage index');
  const indexOf = (tree: Tree & { [INDEX]?: Index }): Index => {
    if (!completeTrees.has(tree)) return null;
    let index = tree[INDEX];
    if (index !== undefined) return index;
    const stages = tree.buildStages.map((stage) => ({ range: stage.getRange(), stage }));
    const ordered = stages.every((s, i) => s.range.start.line <= s.range.end.line && (i === 0 || s.range.start.line > stages[i - 1].range.end.line));
    const fromLines = new Set<number>();
    for (const from of tree.getFROMs()) {
      const r = from.getRange();
      for (let line = r.start.line; line <= r.end.line; line++) fromLines.add(line);
    }
    const initial = tree.initialInstructions;
    const hasInitial = initial.getComments().length > 0 || initial.getInstructions().length > 0;
    index = ordered ? { end: tree.document.positionAt(tree.document.getText().length), initial: hasInitial ? initial.getRange() : undefined, stages, fromLines } : null;
    tree[INDEX] = index;
    return index;
  };
  const proto = dockerfileProto as Tree;
  const originalContaining = proto.getContainingImage;
  proto.getContainingImage = function (this: Tree, position: Pos) {
    const index = indexOf(this);
    if (!index) return originalContaining.call(this, position);
    if (!inside(position, { start: { line: 0, character: 0 }, end: index.end })) return null;
    if (index.initial && inside(position, index.initial)) return this.initialInstructions;
    const { stages } = index;
    const at = partitionPoint(stages.length, (i) => stages[i].range.start.line <= position.line) - 1;
    return at >= 0 && inside(position, stages[at].range) ? stages[at].stage : this;
  };
  const originalResolve = proto.resolveVariable;
  proto.resolveVariable = function (this: Tree, variable: string, line: number) {
    const index = indexOf(this);
    if (!index || index.fromLines.has(line)) return originalResolve.call(this, variable, line);
    const image = this.getContainingImage({ line, character: 0 });
    if (image === null) return undefined;
    const resolved = image.resolveVariable(variable, line);
    // An ARG declared without a value: the original resolves it against the ARGs before the first FROM.
    return resolved === null ? originalResolve.call(this, variable, line) : resolved;
  };
}

/**
 * Upstream: Dockerfile.resolveVariable asks getContainingImage for the image holding a line; for an indented
 * instruction before the first FROM that is the Dockerfile itself, whose resolveVariable is this one: endless
 * recursion, a stack overflow in the validator, hover and semantic tokens of the standard service (the same
 * overflow as rcjsuen/dockerfile-language-service#96). A re-entrant call now answers "not resolvable", which is
 * what the variable is.
 */
function patchResolveVariableReentry(dockerfileProto: object): void {
  const proto = dockerfileProto as { resolveVariable(variable: string, line: number): string | null | undefined };
  const originalResolve = proto.resolveVariable;
  const resolving = new WeakSet<object>();
  proto.resolveVariable = function (this: object, variable: string, line: number) {
    if (resolving.has(this)) return undefined;
    resolving.add(this);
    try {
      return originalResolve.call(this, variable, line);
    } finally {
      resolving.delete(this);
    }
  };
}

/**
 * Upstream: Instruction.getArgumentsRange and getRawArgumentsContent (the latter run by every JSON-form
 * instruction's constructor) ask getArguments for the whole list to read the first and last argument's ends,
 * which now means a copy of every argument. They read the kept list instead (flags dropped as getArguments does);
 * the range handed out is a new object with new positions, as before.
 */
function patchArgumentReaders(rawArguments: (instruction: object) => Argument[]): void {
  const proto = Instruction.prototype as unknown as {
    getArgumentsRange(): Range | null;
    getRawArgumentsContent(): string | null;
    getRangeContent(range: Range | null): string | null;
  };
  const argumentsOf = (instruction: object): Argument[] => {
    const raw = rawArguments(instruction);
    if (!(instruction instanceof MODIFIABLE)) return raw;
    // getFlags is called normally (its flags keep copies of the arguments they were made from).
    const flags = instruction.getFlags().length;
    return flags === 0 ? raw : raw.slice(flags);
  };
  proto.getArgumentsRange = function (this: object) {
    const args = argumentsOf(this);
    if (args.length === 0) return null;
    const start = args[0].getRange().start;
    const end = args[args.length - 1].getRange().end;
    return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
  };
  proto.getRawArgumentsContent = function (this: typeof proto) {
    const args = argumentsOf(this);
    if (args.length === 0) return null;
    return this.getRangeContent({ start: args[0].getRange().start, end: args[args.length - 1].getRange().end });
  };
}

/**
 * Upstream (dockerfile-utils 0.16.3): Validator.checkVariables reads every instruction's variables to report an
 * unsupported modifier (`${x:}`, `${x!y}`), except in RUN, CMD and ENTRYPOINT, where the shell expands them: for
 * those it reads every variable and reports nothing. Building those variables was 40 % of the validator's time on
 * a file of many RUN lines. The check is no longer run for those three.
 */
function patchValidatorVariables(): void {
  const proto = Validator.prototype as unknown as { checkVariables(instruction: Instruction, problems: unknown[]): void };
  const original = proto.checkVariables;
  proto.checkVariables = function (this: Validator, instruction: Instruction, problems: unknown[]) {
    const keyword = instruction.getKeyword();
    if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') return;
    original.call(this, instruction, problems);
  };
}

/**
 * Upstream (dockerfile-utils 0.16.3): Validator.checkArguments and checkJSONQuotes ask for an instruction's
 * argument list to read values and ranges, and keep nothing of it: their first read of it is the kept list, not a
 * copy (withKeptReads). The positions of those ranges end up in their diagnostics; core/validate.ts copies every
 * diagnostic's range, so no answer shares an object with the tree. Not for ENV, LABEL and ARG, whose own list
 * (getPropertyArguments) is always new: a budget left unspent there would reach the argument checks it calls.
 */
function patchValidatorReads(): void {
  type Check = (this: Validator, instruction: Instruction, problems: unknown, a?: unknown, b?: unknown, c?: unknown) => void;
  const proto = Validator.prototype as unknown as Record<'checkArguments' | 'checkJSONQuotes', Check>;
  for (const name of ['checkArguments', 'checkJSONQuotes'] as const) {
    const original = proto[name];
    // Fixed parameters (checkArguments has five), no closure: this runs for every instruction.
    proto[name] = function (this: Validator, instruction: Instruction, problems: unknown, a?: unknown, b?: unknown, c?: unknown) {
      if (instruction instanceof PropertyInstruction) return original.call(this, instruction, problems, a, b, c);
      const outer = keptReads;
      keptReads = { target: instruction, left: 1 };
      try {
        return original.call(this, instruction, problems, a, b, c);
      } finally {
        keptReads = outer;
      }
    };
  }
}

/**
 * Upstream: ModifiableInstruction.getArguments drops the flags with one Array.shift per flag: quadratic on a
 * line of thousands of flags. The same list, by one slice, copying only the arguments handed out.
 */
function patchModifiableGetArguments(rawArguments: (instruction: object) => Argument[]): void {
  const modifiableProto = ModifiableInstruction.prototype as unknown as { getFlags(): unknown[]; getArguments(): Argument[] };
  modifiableProto.getArguments = function (this: { getFlags(): unknown[] }) {
    const share = takeKeptRead(this);
    // getFlags first: it reads getArguments itself while its list is not yet made (flags keep their own copies).
    const flags = this.getFlags().length;
    const raw = rawArguments(this);
    if (share) return raw.slice(flags);
    // Copies of the arguments after the flags only (the flags' own copies were made for nothing).
    const out = new Array<Argument>(raw.length - flags);
    for (let i = flags; i < raw.length; i++) out[i - flags] = copyLeaf(raw[i]);
    return out;
  };
}

/**
 * Upstream code that only reads an instruction's arguments (and keeps nothing of them) may have the kept list
 * itself instead of copies: during `run`, the next `reads` argument lists `target` hands out (getRawArguments,
 * getArguments) are not copied. A budget, not a window: calls it makes further down (another instruction's
 * properties, the flags) still get copies.
 */
let keptReads: { target: object; left: number } | undefined;

function withKeptReads<T>(target: object, reads: number, run: () => T): T {
  const outer = keptReads;
  keptReads = { target, left: reads };
  try {
    return run();
  } finally {
    keptReads = outer;
  }
}

function takeKeptRead(object: object): boolean {
  if (keptReads === undefined || keptReads.target !== object || keptReads.left <= 0) return false;
  keptReads.left--;
  return true;
}

type RangeLike = { start: { line: number; character: number }; end: { line: number; character: number } };
function isRangeLike(v: unknown): v is RangeLike {
  const r = v as RangeLike | null;
  return !!r && typeof r === 'object' && !!r.start && !!r.end && typeof r.start.line === 'number' && typeof r.end.line === 'number';
}

/**
 * A copy of a dockerfile-ast leaf object (Argument, Variable, Heredoc: fields that are strings, booleans and
 * ranges): the same prototype, every range copied, so that a caller that moves a range's ends moves only its own.
 */
// The bundle reads an imported class through a getter on each use: the classes used per argument, read once.
const ARGUMENT = Argument;
const MODIFIABLE = ModifiableInstruction;

/**
 * The copy of an Argument: it reads the kept argument's range until a caller asks for the range (getRange), which
 * then gets a range of its own. Most copies are only asked their value (the JSON-form constructors look at the
 * first two arguments of every RUN, COPY, CMD ...), so most never build one. dockerfile-ast's own reads of the
 * field (isAfter, isBefore) do not change it.
 */
class ArgumentCopy extends ARGUMENT {
  private ownRange = false;

  override getRange(): Range {
    const self = this as unknown as { range: Range };
    if (!this.ownRange) {
      this.ownRange = true;
      self.range = copyRange(self.range);
    }
    return self.range;
  }
}

function copyLeaf<T>(leaf: T): T {
  if (!leaf || typeof leaf !== 'object') return leaf;
  // The most common leaf, an Argument (value and range), without the generic walk over its keys.
  if (Object.getPrototypeOf(leaf) === ARGUMENT.prototype) {
    const { value, range } = leaf as unknown as { value: string; range: Range };
    if (isRangeLike(range)) return new ArgumentCopy(value, range) as T;
  }
  const from = leaf as Record<string, unknown>;
  const copy = Object.create(Object.getPrototypeOf(leaf)) as Record<string, unknown>;
  for (const key of Object.keys(from)) {
    const v = from[key];
    copy[key] = isRangeLike(v) ? copyRange(v) : v;
  }
  return copy as T;
}

/** A range of its own: one read from the parse tree's shared objects, before it leaves in an answer. */
export function copyRange(v: RangeLike): Range {
  return { start: { line: v.start.line, character: v.start.character }, end: { line: v.end.line, character: v.end.character } };
}

/**
 * Replaces `proto[name]` (a method without parameters) with one that calls it once per object and keeps the
 * result in a slot of the object's kept values (KEPT below). Not a WeakMap: thousands of WeakMap entries per document
 * made each garbage collection walk them as ephemerons (a third of the diagnostics time). An array is handed
 * out as a new array, as the original handed out a new one (callers change what they get), its items passed
 * through `copy` (default: the same item). `compute` wraps the original call; `keep(object)` says whether that
 * object's result may be kept (otherwise the original runs); `share(object)`, that this call may have the kept value
 * itself. Returns a reader of the kept value itself (no copy), for patches that only read it.
 */
function computeOnce(
  proto: object,
  name: string,
  options: { compute?: (original: () => unknown, object: object) => unknown; keep?: (object: object) => boolean; copy?: <T>(item: T) => T; share?: (object: object) => boolean } = {},
): (object: object) => unknown {
  const methods = proto as Record<string, (this: object) => unknown>;
  const original = methods[name];
  const slot = nextSlot++;
  const kept = (object: object): unknown => {
    const self = object as { [KEPT]?: unknown[] };
    let slots = self[KEPT];
    if (slots === undefined) self[KEPT] = slots = new Array<unknown>(SLOT_COUNT).fill(undefined);
    let value = slots[slot];
    if (value === undefined) {
      value = options.compute ? options.compute(() => original.call(object), object) : original.call(object);
      slots[slot] = value;
    }
    return value;
  };
  methods[name] = function (this: object) {
    if (options.keep && !options.keep(this)) return original.call(this);
    const value = kept(this);
    if (!Array.isArray(value) || options.share?.(this)) return value;
    return options.copy ? value.map(options.copy) : value.slice();
  };
  return kept;
}

/**
 * Where computeOnce keeps its values: one array per object under one symbol, each patched method a slot. One
 * property added once gives every instruction class one more shape, not one per order in which the methods
 * happened to be first called (which left the readers megamorphic).
 */
const KEPT = Symbol('dockerfile-stages.kept');
const SLOT_COUNT = 8;
let nextSlot = 0;

interface Definition {
  /** First line of the defining instruction. */
  line: number;
  value: string | null;
}
interface Definitions {
  /** The template's instruction count when indexed (parsing appends instructions). */
  count: number;
  env: Map<string, Definition[]>;
  arg: Map<string, Definition[]>;
}
interface PropertyLike {
  getName(): string;
  getValue(): string | null;
}
interface Template {
  instructions: unknown[];
  getENVs(): { getRange(): Range; getProperties(): PropertyLike[] }[];
  getARGs(): { getRange(): Range; getProperty(): PropertyLike | null }[];
  resolveVariable(variable: string, line: number): string | null | undefined;
}

/**
 * Upstream: ImageTemplate.resolveVariable and Instruction.isBuildVariable scan every ENV and ARG of the stage for each
 * variable they are asked about: quadratic in the length of a stage (a 3,200-line stage took 0.5 s to
 * validate). Each template now indexes its definitions by name once (again when instructions were added
 * since): the same answers, the last ENV (then ARG) that starts before the line and names the variable, by a
 * binary search. Anything unexpected falls back to the original scans.
 */
function indexVariableDefinitions(dockerfileProto: object): void {
  const templateProto = Object.getPrototypeOf(dockerfileProto) as Template;
  const DEFINITIONS = Symbol('definitions');
  const definitionsOf = (t: Template & { [DEFINITIONS]?: Definitions }): Definitions => {
    let d = t[DEFINITIONS];
    if (d && d.count === t.instructions.length) return d;
    d = { count: t.instructions.length, env: new Map(), arg: new Map() };
    const add = (map: Map<string, Definition[]>, name: string, def: Definition) => {
      const list = map.get(name);
      if (list) list.push(def);
      else map.set(name, [def]);
    };
    for (const env of t.getENVs()) {
      const line = env.getRange().start.line;
      const seen = new Set<string>();
      // Within one ENV the first property of a name is the one the scan returned.
      for (const p of env.getProperties()) {
        const name = p.getName();
        if (seen.has(name)) continue;
        seen.add(name);
        add(d.env, name, { line, value: p.getValue() });
      }
    }
    for (const arg of t.getARGs()) {
      const p = arg.getProperty();
      if (p) add(d.arg, p.getName(), { line: arg.getRange().start.line, value: p.getValue() });
    }
    t[DEFINITIONS] = d;
    return d;
  };
  /** The last definition starting on a line before `line` (lists are in document order). */
  const lastBefore = (list: Definition[] | undefined, line: number): Definition | undefined => {
    if (!list) return undefined;
    const n = partitionPoint(list.length, (i) => list[i].line < line);
    return n === 0 ? undefined : list[n - 1];
  };
  const originalResolve = templateProto.resolveVariable;
  templateProto.resolveVariable = function (this: Template, variable: string, line: number) {
    let d: Definitions;
    try {
      d = definitionsOf(this);
    } catch {
      return originalResolve.call(this, variable, line);
    }
    const env = lastBefore(d.env.get(variable), line);
    if (env) return env.value;
    const arg = lastBefore(d.arg.get(variable), line);
    return arg ? arg.value : undefined;
  };
  const instructionProto = Instruction.prototype as unknown as { isBuildVariable(variable: string, line: number): boolean | undefined };
  const originalIsBuild = instructionProto.isBuildVariable;
  instructionProto.isBuildVariable = function (this: Instruction, variable: string, line: number) {
    if (this.getKeyword() === 'FROM') return originalIsBuild.call(this, variable, line);
    const { dockerfile } = this as unknown as { dockerfile: { getContainingImage(p: Position): Template | null } };
    const image = dockerfile.getContainingImage({ line, character: 0 });
    let d: Definitions;
    try {
      if (!image) throw new Error('no image');
      d = definitionsOf(image);
    } catch {
      return originalIsBuild.call(this, variable, line);
    }
    if (lastBefore(d.env.get(variable), line)) return false;
    if (lastBefore(d.arg.get(variable), line)) return true;
    return undefined;
  };
}
