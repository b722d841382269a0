/**
 * What a stage does, in plain words, from its RUN commands (the command model): a small table of command tests
 * (`go build` -> "compiles the Go binary"). The first rows win: a stage that installs dependencies and then
 * compiles is described by its compile step first.
 */
import type { Instruction } from 'dockerfile-ast';
import { programOf, runCommands, type ShellCommand } from '../commands';
import { keywordOf, type DockerfileModel, type Stage } from '../model';
import { PROFILES } from '../stacks';
import { runsSubcommand } from '../stacks/match';
import type { StackStep } from '../stacks/types';

export type PurposeKind = 'compile' | 'test' | 'deps' | 'system' | 'fetch' | 'other';

export interface PurposeRule {
  /** Whether one command of a RUN (command model: prefixes, `sudo`, `env`, `exec` skipped) does this. */
  matches(cmd: ShellCommand): boolean;
  /** Plain words, a verb phrase: "compiles the Go binary". */
  phrase: string;
  kind: PurposeKind;
  /** The language or tool the phrase is about, for "the toolchain ships" notes. */
  toolchain?: string;
}

/** `program sub …` (flags before the subcommand skipped), the program one of `programs`. */
const sub = (programs: string[], subs: string[]) => (cmd: ShellCommand) => runsSubcommand(cmd, programs, subs);
const program = (...programs: string[]) => (cmd: ShellCommand) => programs.includes(programOf(cmd));
const either =
  (...tests: ((cmd: ShellCommand) => boolean)[]) =>
  (cmd: ShellCommand) =>
    tests.some((t) => t(cmd));

/** A stack profile's step as a row (its phrase and test are the profile's). */
const step = (s: StackStep): PurposeRule => ({ matches: s.matches, phrase: s.phrase, kind: s.kind, toolchain: s.toolchain });

/**
 * Every profile's steps of a kind, as rows: a new stack's steps take part without an edit here. Compile steps of
 * compiled stacks come first (a Go stage that also bundles its web assets "compiles the Go binary"), each group
 * in detection order.
 */
function stackRows(kind: StackStep['kind']): PurposeRule[] {
  const ordered = [...PROFILES.filter((p) => p.compiled.length), ...PROFILES.filter((p) => !p.compiled.length)];
  return ordered.flatMap((p) => Object.values(p.steps).filter((s) => s.kind === kind).map(step));
}

/** Ordered: the first matching rows describe the stage. */
export const PURPOSE_RULES: PurposeRule[] = [
  ...stackRows('compile'),
  { matches: either(program('hugo', 'sphinx-build'), sub(['jekyll', 'mkdocs'], ['build'])), phrase: 'generates the static site', kind: 'compile' },
  { matches: either(sub(['stack', 'cabal'], ['build', 'install']), program('ghc')), phrase: 'compiles the Haskell binary', kind: 'compile', toolchain: 'GHC' },
  { matches: sub(['mix'], ['release']), phrase: 'builds the Elixir release', kind: 'compile', toolchain: 'Erlang/Elixir' },
  { matches: sub(['swift'], ['build']), phrase: 'compiles the Swift binary', kind: 'compile', toolchain: 'Swift' },
  ...stackRows('test'),
  ...stackRows('deps'),
  { matches: either(sub(['apt-get', 'apt', 'dnf', 'yum', 'microdnf', 'zypper'], ['install']), sub(['apk'], ['add'])), phrase: 'installs system packages', kind: 'system' },
  { matches: either(program('curl', 'wget'), sub(['git'], ['clone'])), phrase: 'downloads files', kind: 'fetch' },
];

export interface Purpose {
  phrase: string;
  kind: PurposeKind;
  toolchain?: string;
  /** The RUN instruction that matched first. */
  instruction: Instruction;
}

/** Every distinct purpose of the RUN instructions (in table order), from their commands. */
export function runPurposes(model: DockerfileModel, instructions: Instruction[]): Purpose[] {
  const found = new Map<PurposeRule, Instruction>();
  for (const instruction of instructions) {
    if (keywordOf(instruction) !== 'RUN') continue;
    for (const cmd of runCommands(model, instruction).commands) {
      for (const rule of PURPOSE_RULES) if (!found.has(rule) && rule.matches(cmd)) found.set(rule, instruction);
    }
  }
  const out: Purpose[] = [];
  const phrases = new Set<string>();
  for (const rule of PURPOSE_RULES) {
    const instruction = found.get(rule);
    if (!instruction || phrases.has(rule.phrase)) continue;
    phrases.add(rule.phrase);
    out.push({ phrase: rule.phrase, kind: rule.kind, toolchain: rule.toolchain, instruction });
  }
  return out;
}

/** Every distinct purpose of the stage's RUN commands, in table order. */
export function stagePurposes(model: DockerfileModel, stage: Stage): Purpose[] {
  return runPurposes(model, stage.instructions);
}

/** Plain words for the stage: its compile step when it has one, else at most two purposes. */
export function describePurposes(purposes: Purpose[]): string | undefined {
  if (purposes.length === 0) return undefined;
  const compile = purposes.find((p) => p.kind === 'compile');
  if (compile) return compile.phrase;
  const [first, second] = purposes;
  if (!second) return first.phrase;
  // "installs the Node.js dependencies and system packages": one verb for both.
  const verb = first.phrase.split(' ')[0];
  const rest = second.phrase.startsWith(`${verb} `) ? second.phrase.slice(verb.length + 1) : second.phrase;
  return `${first.phrase} and ${rest}`;
}
