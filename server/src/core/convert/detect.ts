/**
 * Stack detection from the Dockerfile (base image, build commands, the command it runs) and, when the
 * caller read it, the build context (ContextFacts). Deterministic: the same input gives the same stack.
 */
import { argsOf, programIndex, programOf, type ShellCommand } from '../commands';
import { BACK_END_PACKAGES, baseImageStack, buildCommandOf, FRONT_END_PACKAGES, namesFrontEndTool, namesNext, PROFILES, SPA_SERVERS, type BuildCommand } from '../stacks';
import { Analysis, commandsOf } from './analyze';
import type { Item, StackId } from './types';

export interface Detection {
  stack: StackId;
  /** Why, in short phrases ("base image golang", "RUN go build"). */
  evidence: string[];
  /** Positions of the RUN instructions that build. */
  buildSteps: number[];
}

/** A build script of the project itself (`./build.sh`, `sh scripts/compile.sh`, `stack install`), for the generic fallback. */
function genericBuild(cmd: ShellCommand): boolean {
  const p = programOf(cmd);
  const args = argsOf(cmd).map((w) => w.text);
  if ((p === 'stack' || p === 'cabal') && args[0] === 'install') return true;
  const word = cmd.words[programIndex(cmd)]?.text ?? '';
  const script = (w: string) => /(^|\/)[\w.-]*\b(build|compile)[\w.-]*\.sh$/.test(w);
  if (script(word) || ((p === 'sh' || p === 'bash') && script(args[0] ?? ''))) return true;
  return /^\.\/(build|make|compile)\b/.test(word);
}


export function detectStack(a: Analysis): Detection {
  const runs = a.items.filter((i) => i.keyword === 'RUN');
  // Each RUN's build commands, read from the command model (an `apt-get install gcc make` builds nothing).
  const builds = new Map<Item, BuildCommand[]>(runs.map((r) => [r, commandsOf(a, r).map(buildCommandOf).filter((b): b is BuildCommand => !!b)]));
  const scores = new Map<StackId, number>();
  const evidence = new Map<StackId, string[]>();
  const add = (s: StackId, n: number, why: string) => {
    scores.set(s, (scores.get(s) ?? 0) + n);
    evidence.set(s, [...(evidence.get(s) ?? []), why]);
  };
  const baseStack = baseImageStack(a.base.short);
  if (baseStack) add(baseStack, 2, `base image ${a.base.short}`);
  for (const stack of PROFILES.flatMap((p) => p.stacks.filter((s) => p.labels[s] && s !== 'spa'))) {
    const hits = runs.filter((r) => builds.get(r)!.some((b) => b.stack === stack));
    if (hits.length) add(stack, 3, `RUN ${builds.get(hits[hits.length - 1])!.find((b) => b.stack === stack)!.shown}`);
  }
  if (!scores.size && runs.some((r) => commandsOf(a, r).some(genericBuild))) add('generic', 1, 'a build script');
  const f = a.facts;
  if (f?.goModule) add('go', 2, 'go.mod');
  if (f?.packageJson) add('node', 1, 'package.json');
  if (f?.pom) add('java-maven', 2, 'pom.xml');
  if (f?.cargoPackage) add('rust', 2, 'Cargo.toml');
  if (f?.csproj.length) add('dotnet', 2, f.csproj[0]);
  // A compiler command inside another stack's build (cgo, node-gyp) is not a C/C++ project.
  if (scores.has('cpp') && [...scores.keys()].some((s) => s !== 'cpp' && (scores.get(s) ?? 0) >= 3)) scores.set('cpp', 1);
  let best: StackId = 'generic';
  let bestScore = 0;
  for (const [s, n] of scores) {
    if (n > bestScore) {
      best = s;
      bestScore = n;
    }
  }
  if (best === 'node' && isSpa(a)) {
    best = 'spa';
    evidence.set('spa', [...(evidence.get('node') ?? []), 'serves static files']);
  }
  const built = best === 'spa' ? 'node' : best;
  const isBuild = (r: Item) => (built === 'generic' ? commandsOf(a, r).some(genericBuild) : builds.get(r)!.some((b) => b.stack === built));
  return { stack: best, evidence: evidence.get(best) ?? [], buildSteps: runs.filter(isBuild).map((r) => r.position) };
}

function isSpa(a: Analysis): boolean {
  const program = (a.command[0] ?? '').split('/').pop() ?? '';
  if (SPA_SERVERS.includes(program)) return true;
  if (program === 'npx' && SPA_SERVERS.includes(a.command[1] ?? '')) return true;
  const deps = [...(a.facts?.packageJson?.dependencies ?? []), ...(a.facts?.packageJson?.devDependencies ?? [])];
  const frontEnd = deps.some((d) => FRONT_END_PACKAGES.includes(d));
  const backEnd = deps.some((d) => BACK_END_PACKAGES.includes(d));
  if (frontEnd && !backEnd) return true;
  // The words of each RUN's commands (the command model) and of the other instructions.
  const words = a.items.map((i: Item) => (i.keyword === 'RUN' ? commandsOf(a, i).flatMap((cmd) => cmd.words.map((w) => w.text)) : i.args.split(/[\s"',[\]]+/)));
  return !backEnd && words.some(namesFrontEndTool) && !words.some(namesNext);
}
