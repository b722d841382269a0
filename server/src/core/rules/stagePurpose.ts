/**
 * What the image a stage makes is for, read from the Dockerfile alone: the facts the "what ships" rules (DS201
 * toolchain kept, DS210 toolchain final stage, DS402 root) need before they call an image an app runtime.
 * - a task stage: a stage built for `--target` work (lint, test, validate, dev, ci ...), never a runtime;
 * - a toolchain tool: the container runs a program that needs the toolchain at run time (go vet, golangci-lint,
 *   cargo, mvn, protoc ...), so the toolchain is the product;
 * - a privilege drop: the entrypoint starts as root only to hand over to an unprivileged user (gosu, su-exec,
 *   setpriv, s6-setuidgid, chpst, runuser; an entrypoint script beside a user the Dockerfile creates);
 * - nothing runs: a `FROM scratch` stage without ENTRYPOINT or CMD (an artifact export, `--output`).
 */
import { keywordOf, type DockerfileModel, type Stage } from '../model';
import type { CommandEntry } from '../runtimeConfig';
import { copiesFromContext } from './buildContext';
import { chainOf } from '../stageChain';

/** Stage names of `--target` work that is not the app's runtime. */
const TASK_STAGE = /(^|[-_.])(dev|devel|development|devcontainer|test|tests|testing|lint|linter|lints|validate|validation|check|checks|vet|fmt|format|ci|debug|generate|gen|tools?|update|updates|vendor|vendored)([-_.]|$)/i;

/** Programs that need their toolchain when the container runs them (a tool image: the toolchain is the product). */
const TOOLCHAIN_TOOLS = /^(gofmt|golangci-lint|goimports|staticcheck|revive|gopls|govulncheck|rustfmt|clippy-driver|javac|gcc|g\+\+|clang|clang\+\+|cmake|ninja|protoc|buf|tsc|build|build\.sh|compile|compile\.sh|package\.sh|release\.sh)$/;
/** A toolchain driver run for checks and builds, not to start an app (`go run`, `dotnet App.dll` are apps). */
const TOOLCHAIN_TASKS: Record<string, RegExp> = {
  go: /^(vet|test|generate|fmt|mod|tool|build|install)$/,
  cargo: /^(clippy|fmt|test|check|audit|deny|build)$/,
  mvn: /^(test|verify|package|install|checkstyle:check)$/,
  gradle: /^(test|check|build|assemble)$/,
  dotnet: /^(test|format|build|publish|ef)$/,
  make: /./,
};

/** Privilege-dropping helpers an entrypoint uses to leave root. */
const PRIVILEGE_DROP = /\b(gosu|su-exec|setpriv|s6-setuidgid|s6-overlay|chpst|runuser|setuidgid)\b/;
const CREATES_USER = /\b(useradd|adduser|addgroup|groupadd)\b/;

function commandWords(entry: CommandEntry | undefined): string[] {
  if (!entry) return [];
  return entry.args ?? entry.value.trim().split(/\s+/).filter(Boolean);
}

/** The program the container starts and its first argument: the entrypoint's, else the command's (wrappers skipped). */
export function startedProgram(stage: Stage): { program: string; arg?: string } | undefined {
  let words = [...commandWords(stage.config.entrypoint), ...commandWords(stage.config.cmd)];
  if (/^(\/bin\/)?(sh|bash)$/.test(words[0] ?? '') && words[1] === '-c') words = (words[2] ?? '').trim().split(/\s+/);
  let i = 0;
  while (i < words.length && /^(exec|tini|dumb-init|--|-g|env)$/.test(words[i].replace(/^.*\//, ''))) i++;
  const program = words[i]?.replace(/^.*\//, '').replace(/w$/, (w) => (/^(mvnw|gradlew)$/.test(words[i].replace(/^.*\//, '')) ? '' : w));
  return program ? { program, arg: words[i + 1] } : undefined;
}

export function isTaskStage(stage: Stage): boolean {
  return !!stage.name && TASK_STAGE.test(stage.name);
}

export function runsToolchainTool(stage: Stage): boolean {
  const started = startedProgram(stage);
  if (!started) return false;
  // A dev container kept alive for `docker exec` (`tail -f /dev/null`, `sleep infinity`): the toolchain is what it is for.
  if ((started.program === 'tail' && started.arg === '-f') || (started.program === 'sleep' && started.arg === 'infinity')) return true;
  if (TOOLCHAIN_TOOLS.test(started.program)) return true;
  const tasks = TOOLCHAIN_TASKS[started.program];
  return !!tasks && started.arg !== undefined && tasks.test(started.arg);
}

/** The text of every RUN, ENTRYPOINT and CMD of a stage and the stages it is built on. */
function chainText(model: DockerfileModel, stage: Stage, keywords: string[]): string {
  return chainOf(model, stage)
    .flatMap((s) => s.instructions)
    .filter((i) => keywords.includes(keywordOf(i)))
    .map((i) => i.getRawArgumentsContent?.() ?? '')
    .join('\n');
}

export function dropsPrivileges(model: DockerfileModel, stage: Stage): boolean {
  const starts = `${stage.config.entrypoint?.value ?? ''} ${stage.config.cmd?.value ?? ''}`;
  if (PRIVILEGE_DROP.test(starts) || PRIVILEGE_DROP.test(chainText(model, stage, ['RUN', 'COPY', 'ADD']))) return true;
  // An entrypoint script beside a user the Dockerfile creates but never switches to: the script hands over.
  const script = /(^|[/\s"'[])[\w.-]*(entrypoint|start|run|init)[\w.-]*\.sh\b|docker-entrypoint/i.test(stage.config.entrypoint?.value ?? '');
  return script && CREATES_USER.test(chainText(model, stage, ['RUN']));
}

export function runsNothing(model: DockerfileModel, stage: Stage): boolean {
  const root = chainOf(model, stage)[0];
  return root.base.kind === 'scratch' && !stage.config.entrypoint && !stage.config.cmd;
}

/** A base image for other Dockerfiles: a stage named base/base2/... that sets no ENTRYPOINT or CMD of its own. */
export function isBaseImageStage(stage: Stage): boolean {
  if (!stage.name || !/(^|[-_.])base\d*([-_.]|$)/i.test(stage.name)) return false;
  return !stage.instructions.some((i) => ['CMD', 'ENTRYPOINT'].includes(keywordOf(i)));
}

/**
 * A toolbox, CI or base image: the Dockerfile sets no ENTRYPOINT or CMD for the stage (nor its parent stages) and
 * copies nothing from the build context into it, so there is no app of its own to build and ship.
 */
export function isToolboxImage(model: DockerfileModel, stage: Stage): boolean {
  const instructions = chainOf(model, stage).flatMap((s) => s.instructions);
  return !instructions.some((i) => ['CMD', 'ENTRYPOINT'].includes(keywordOf(i)) || copiesFromContext(i));
}
