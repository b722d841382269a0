/**
 * Stack detection from the Dockerfile (base image, build commands, the command it runs) and, when the
 * caller read it, the build context (ContextFacts). Deterministic: the same input gives the same stack.
 */
import { Analysis, PIP_INSTALL_SOURCE, runText } from './analyze';
import type { Item, StackId } from './types';

export interface Detection {
  stack: StackId;
  /** Why, in short phrases ("base image golang", "RUN go build"). */
  evidence: string[];
  /** Positions of the RUN instructions that build. */
  buildSteps: number[];
}

const BUILD_PATTERNS: Record<Exclude<StackId, 'spa' | 'generic'>, RegExp> = {
  go: /\bgo\s+(build|install)\b|\bgo\s+get\s+(-\S+\s+)*[a-z0-9.-]+\.[a-z]+\/\S+/,
  node: /\b(npm|pnpm)\s+run\s+build\b|\b(npm|pnpm)\s+run\s+\S*build\S*|\byarn\s+(run\s+)?build\b|\b(npx\s+)?(tsc|nest\s+build|ng\s+build|next\s+build|vite\s+build|vue-cli-service\s+build|react-scripts\s+build)\b/,
  python: new RegExp(String.raw`(?<![\w.-])${PIP_INSTALL_SOURCE}|\bpoetry\s+install\b|\buv\s+(pip\s+install|sync)\b|\bpipenv\s+install\b`),
  'java-maven': /(\bmvn|\bmvnw|\.\/mvnw)\b[^&;]*\b(package|install|verify)\b/,
  'java-gradle': /(\bgradle|\bgradlew|\.\/gradlew)\b[^&;]*\b(build|assemble|installDist|bootJar|jar|shadowJar|distTar)\b/,
  jvm: /\bsbt\b[^&;]*\b(assembly|package|stage|universal:packageBin)\b|\bjavac\s/,
  rust: /\bcargo\s+(build|install)\b|\brustc\s+(-\S+\s+)*[\w./-]+\.rs\b/,
  dotnet: /\bdotnet\s+(publish|build)\b/,
  cpp: /(^|[\s;&(])(make|cmake|gcc|g\+\+|cc|c\+\+|clang\+\+|clang|ninja|meson|\.\/configure)(\s|$)/,
};

/** A build script of the project itself, for the generic fallback. */
const GENERIC_BUILD = /\b(stack|cabal)\s+install\b|(^|[\s;&(])(\.\/|sh\s+|bash\s+)?[\w./-]*\b(build|compile)[\w.-]*\.sh\b|(^|[\s;&(])\.\/(build|make|compile)\b/;

const BASE_STACK: Record<string, StackId> = {
  golang: 'go',
  node: 'node',
  python: 'python',
  pypy: 'python',
  maven: 'java-maven',
  gradle: 'java-gradle',
  'scala-sbt': 'jvm',
  rust: 'rust',
  sdk: 'dotnet',
  gcc: 'cpp',
  'gcc-cmake': 'cpp',
};

const SPA_SERVERS = /^(serve|http-server|live-server|nginx|static-server|lite-server)$/;
const SPA_MARKERS = /@vue\/cli|@angular\/cli|\bng\s+build\b|react-scripts|\bvite\b|vue-cli-service|create-react-app/;

export function detectStack(a: Analysis): Detection {
  const runs = a.items.filter((i) => i.keyword === 'RUN');
  const scores = new Map<StackId, number>();
  const evidence = new Map<StackId, string[]>();
  const add = (s: StackId, n: number, why: string) => {
    scores.set(s, (scores.get(s) ?? 0) + n);
    evidence.set(s, [...(evidence.get(s) ?? []), why]);
  };
  const baseStack = BASE_STACK[a.base.short] ?? (/^(openjdk|eclipse-temurin|amazoncorretto|ibmjava|sapmachine)$/.test(a.base.short) ? undefined : undefined);
  if (baseStack) add(baseStack, 2, `base image ${a.base.short}`);
  for (const [stack, re] of Object.entries(BUILD_PATTERNS) as [StackId, RegExp][]) {
    const hits = runs.filter((r) => re.test(withoutInstalls(runText(r))));
    if (hits.length) add(stack, 3, `RUN ${firstMatch(re, runText(hits[hits.length - 1]))}`);
  }
  if (!scores.size && runs.some((r) => GENERIC_BUILD.test(runText(r)))) add('generic', 1, 'a build script');
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
  const pattern = best === 'spa' ? BUILD_PATTERNS.node : best === 'generic' ? GENERIC_BUILD : BUILD_PATTERNS[best];
  const buildSteps = pattern ? runs.filter((r) => pattern.test(withoutInstalls(runText(r)))).map((r) => r.position) : [];
  return { stack: best, evidence: evidence.get(best) ?? [], buildSteps };
}

/** A RUN's text without its package-install commands (`apt-get install gcc make` names packages, it builds nothing). */
export function withoutInstalls(run: string): string {
  return run.replace(/\b(apt-get|apt|apk|yum|dnf|microdnf)\s+(-\S+\s+)*(install|add)\b[^;&|]*/g, ' ');
}

function firstMatch(re: RegExp, s: string): string {
  const m = re.exec(s);
  return m ? m[0].trim() : s;
}

function isSpa(a: Analysis): boolean {
  const program = (a.command[0] ?? '').split('/').pop() ?? '';
  if (SPA_SERVERS.test(program)) return true;
  if (program === 'npx' && SPA_SERVERS.test(a.command[1] ?? '')) return true;
  const deps = [...(a.facts?.packageJson?.dependencies ?? []), ...(a.facts?.packageJson?.devDependencies ?? [])];
  const frontEnd = deps.some((d) => /^(react|vue|@angular\/core|vite|svelte|react-scripts|@vue\/cli-service)$/.test(d));
  const backEnd = deps.some((d) => /^(express|fastify|koa|@nestjs\/core|next|nuxt|hapi|@hapi\/hapi)$/.test(d));
  if (frontEnd && !backEnd) return true;
  const text = a.items.map((i: Item) => i.args).join('\n');
  return !backEnd && SPA_MARKERS.test(text) && !/\bnext\b/.test(text);
}
