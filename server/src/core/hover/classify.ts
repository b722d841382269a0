/**
 * What a stage does, in plain words, from its RUN commands: a small table of command patterns
 * (`go build` -> "compiles the Go binary"). The first rows win: a stage that installs dependencies and then
 * compiles is described by its compile step first.
 */
import type { Instruction } from 'dockerfile-ast';
import { keywordOf, Stage } from '../model';

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
  { pattern: rx(String.raw`go\s+(?:build|install)\b`), phrase: 'compiles the Go binary', kind: 'compile', toolchain: 'Go' },
  { pattern: rx(String.raw`cargo\s+(?:build|install)\b`), phrase: 'compiles the Rust binary', kind: 'compile', toolchain: 'Rust' },
  { pattern: rx(String.raw`dotnet\s+publish\b`), phrase: 'publishes the .NET app', kind: 'compile', toolchain: '.NET SDK' },
  { pattern: rx(String.raw`dotnet\s+build\b`), phrase: 'builds the .NET app', kind: 'compile', toolchain: '.NET SDK' },
  { pattern: rx(String.raw`(?:mvn|\./mvnw|mvnw)\b[^\n;&|]*\b(?:package|install|verify)\b`), phrase: 'builds the Java package with Maven', kind: 'compile', toolchain: 'JDK' },
  { pattern: rx(String.raw`(?:gradle|\./gradlew|gradlew)\b[^\n;&|]*\b(?:build|assemble|bootJar|jar|shadowJar|installDist)\b`), phrase: 'builds the Java app with Gradle', kind: 'compile', toolchain: 'JDK' },
  { pattern: rx(String.raw`(?:npm|pnpm)\s+run\s+build\b|yarn\s+(?:run\s+)?build\b|bun\s+run\s+build\b`), phrase: 'builds the JavaScript app', kind: 'compile', toolchain: 'Node.js' },
  { pattern: rx(String.raw`(?:npx\s+)?(?:tsc|vite\s+build|next\s+build|ng\s+build|webpack)\b`), phrase: 'builds the JavaScript app', kind: 'compile', toolchain: 'Node.js' },
  { pattern: rx(String.raw`(?:hugo|jekyll\s+build|mkdocs\s+build|sphinx-build)\b`), phrase: 'generates the static site', kind: 'compile' },
  { pattern: rx(String.raw`(?:cmake|ninja|gcc|g\+\+|clang|cc)\b`), phrase: 'compiles C/C++ code', kind: 'compile', toolchain: 'C toolchain' },
  { pattern: rx(String.raw`make\b`), phrase: 'builds with make', kind: 'compile', toolchain: 'build tools' },
  { pattern: rx(String.raw`(?:python3?\s+-m\s+)?(?:pip3?\s+wheel|python3?\s+setup\.py\s+(?:build|bdist_wheel)|python3?\s+-m\s+build)\b`), phrase: 'builds Python wheels', kind: 'compile', toolchain: 'Python build tools' },
  { pattern: rx(String.raw`(?:stack|cabal)\s+(?:build|install)\b|ghc\b`), phrase: 'compiles the Haskell binary', kind: 'compile', toolchain: 'GHC' },
  { pattern: rx(String.raw`mix\s+release\b`), phrase: 'builds the Elixir release', kind: 'compile', toolchain: 'Erlang/Elixir' },
  { pattern: rx(String.raw`swift\s+build\b`), phrase: 'compiles the Swift binary', kind: 'compile', toolchain: 'Swift' },
  { pattern: rx(String.raw`go\s+test\b|(?:npm|pnpm|yarn)\s+(?:run\s+)?test\b|pytest\b|cargo\s+test\b|dotnet\s+test\b|mvn\b[^\n;&|]*\btest\b`), phrase: 'runs the tests', kind: 'test' },
  { pattern: rx(String.raw`(?:npm\s+(?:ci|install|i)\b|yarn(?:\s+install)?\s*(?:$|--|&&|;)|pnpm\s+(?:install|i)\b|bun\s+install\b)`), phrase: 'installs the Node.js dependencies', kind: 'deps' },
  { pattern: rx(String.raw`go\s+mod\s+download\b`), phrase: 'downloads the Go modules', kind: 'deps' },
  { pattern: rx(String.raw`(?:python3?\s+-m\s+)?pip3?\s+install\b|poetry\s+install\b|pipenv\s+install\b|uv\s+(?:sync|pip\s+install)\b`), phrase: 'installs Python packages', kind: 'deps' },
  { pattern: rx(String.raw`bundle\s+install\b|gem\s+install\b`), phrase: 'installs Ruby gems', kind: 'deps' },
  { pattern: rx(String.raw`composer\s+install\b`), phrase: 'installs the PHP dependencies', kind: 'deps' },
  { pattern: rx(String.raw`dotnet\s+restore\b`), phrase: 'restores the .NET packages', kind: 'deps' },
  { pattern: rx(String.raw`cargo\s+fetch\b`), phrase: 'fetches the Rust crates', kind: 'deps' },
  { pattern: rx(String.raw`(?:mvn|\./mvnw)\b[^\n;&|]*\bdependency:`), phrase: 'downloads the Maven dependencies', kind: 'deps' },
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
