/**
 * What a stage does, in plain words, from its RUN commands: a small table of command patterns
 * (`go build` -> "compiles the Go binary"). The first rows win: a stage that installs dependencies and then
 * compiles is described by its compile step first.
 */
import type { Instruction } from 'dockerfile-ast';
import { keywordOf, Stage } from '../model';
import { cpp, dotnet, go, java, node, php, python, ruby, rust } from '../stacks/profiles';

export type PurposeKind = 'compile' | 'test' | 'deps' | 'system' | 'fetch' | 'other';

export interface PurposeRule {
  /** Matched against one RUN command (continuations joined, flags removed). */
  pattern: RegExp;
  /** Plain words, a verb phrase: "compiles the Go binary". */
  phrase: string;
  kind: PurposeKind;
  /** The language or tool the phrase is about, for "the toolchain ships" notes. */
  toolchain?: string;
}

/**
 * Command starts: at the start of the text, after a shell separator, after exec/sudo/env, or after an
 * assignment prefix (`CGO_ENABLED=0 GOOS=linux go build`: the match may start at the last assignment, so one
 * suffices). No repeated group here: a repeated assignment group backtracked quadratically on a long run of
 * `a=b` words (seconds for a few thousand).
 */
const S = String.raw`(?:^|[;&|(\n]\s*|\bexec\s+|\bsudo\s+|\benv\s+|\b[A-Z_][A-Z0-9_]*=\S*\s+)`;
const rx = (body: string) => new RegExp(`${S}${body}`, 'im');

/** Ordered: the first matching rows describe the stage. */
export const PURPOSE_RULES: PurposeRule[] = [
  { pattern: rx(go.build.compile), phrase: 'compiles the Go binary', kind: 'compile', toolchain: 'Go' },
  { pattern: rx(rust.build.compile), phrase: 'compiles the Rust binary', kind: 'compile', toolchain: 'Rust' },
  { pattern: rx(dotnet.build.publish), phrase: 'publishes the .NET app', kind: 'compile', toolchain: '.NET SDK' },
  { pattern: rx(dotnet.build.compile), phrase: 'builds the .NET app', kind: 'compile', toolchain: '.NET SDK' },
  { pattern: rx(java.build.maven), phrase: 'builds the Java package with Maven', kind: 'compile', toolchain: 'JDK' },
  { pattern: rx(java.build.gradle), phrase: 'builds the Java app with Gradle', kind: 'compile', toolchain: 'JDK' },
  { pattern: rx(node.build.script), phrase: 'builds the JavaScript app', kind: 'compile', toolchain: 'Node.js' },
  { pattern: rx(node.build.compile), phrase: 'builds the JavaScript app', kind: 'compile', toolchain: 'Node.js' },
  { pattern: rx(String.raw`(?:hugo|jekyll\s+build|mkdocs\s+build|sphinx-build)\b`), phrase: 'generates the static site', kind: 'compile' },
  { pattern: rx(cpp.build.compile), phrase: 'compiles C/C++ code', kind: 'compile', toolchain: 'C toolchain' },
  { pattern: rx(cpp.build.make), phrase: 'builds with make', kind: 'compile', toolchain: 'build tools' },
  { pattern: rx(python.build.wheels), phrase: 'builds Python wheels', kind: 'compile', toolchain: 'Python build tools' },
  { pattern: rx(String.raw`(?:stack|cabal)\s+(?:build|install)\b|ghc\b`), phrase: 'compiles the Haskell binary', kind: 'compile', toolchain: 'GHC' },
  { pattern: rx(String.raw`mix\s+release\b`), phrase: 'builds the Elixir release', kind: 'compile', toolchain: 'Erlang/Elixir' },
  { pattern: rx(String.raw`swift\s+build\b`), phrase: 'compiles the Swift binary', kind: 'compile', toolchain: 'Swift' },
  { pattern: rx(String.raw`go\s+test\b|(?:npm|pnpm|yarn)\s+(?:run\s+)?test\b|pytest\b|cargo\s+test\b|dotnet\s+test\b|mvn\b[^\n;&|]*\btest\b`), phrase: 'runs the tests', kind: 'test' },
  { pattern: rx(node.build.deps), phrase: 'installs the Node.js dependencies', kind: 'deps' },
  { pattern: rx(go.build.deps), phrase: 'downloads the Go modules', kind: 'deps' },
  { pattern: rx(python.build.deps), phrase: 'installs Python packages', kind: 'deps' },
  { pattern: rx(ruby.build.deps), phrase: 'installs Ruby gems', kind: 'deps' },
  { pattern: rx(php.build.deps), phrase: 'installs the PHP dependencies', kind: 'deps' },
  { pattern: rx(dotnet.build.deps), phrase: 'restores the .NET packages', kind: 'deps' },
  { pattern: rx(rust.build.deps), phrase: 'fetches the Rust crates', kind: 'deps' },
  { pattern: rx(java.build.deps), phrase: 'downloads the Maven dependencies', kind: 'deps' },
  { pattern: rx(String.raw`(?:apt-get|apt)\s+(?:-\S+\s+)*install\b|apk\s+(?:-\S+\s+)*add\b|(?:dnf|yum|microdnf|zypper)\s+(?:-\S+\s+)*install\b`), phrase: 'installs system packages', kind: 'system' },
  { pattern: rx(String.raw`(?:curl|wget)\b|git\s+clone\b`), phrase: 'downloads files', kind: 'fetch' },
];

export interface Purpose {
  phrase: string;
  kind: PurposeKind;
  toolchain?: string;
  /** The RUN instruction that matched first. */
  instruction: Instruction;
}

/** The text of a RUN command as the shell sees it (flags removed, continuations and heredocs joined). */
export function runCommandText(instruction: Instruction): string {
  return instruction.getArguments().map((a) => a.getValue()).join(' ');
}

/** Every distinct purpose of the stage's RUN commands, in table order. */
export function stagePurposes(stage: Stage): Purpose[] {
  const found = new Map<PurposeRule, Instruction>();
  for (const instruction of stage.instructions) {
    if (keywordOf(instruction) !== 'RUN') continue;
    const text = runCommandText(instruction);
    for (const rule of PURPOSE_RULES) if (!found.has(rule) && rule.pattern.test(text)) found.set(rule, instruction);
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
