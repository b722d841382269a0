/** .dockerignore: reading it through the host, matching paths against it, and a starter file per stack. */
import type { FileSystemHost } from '../host';

export interface IgnoreRule {
  pattern: string;
  negate: boolean;
  regex: RegExp;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** Whether a path names an ignore file (`.dockerignore`, `<name>.Dockerfile.dockerignore`): see ignoreFileCandidates. */
export function isIgnoreFile(path: string): boolean {
  return /(^|\/)([^/]*\.)?dockerignore$/i.test(path);
}

/**
 * The ignore files BuildKit reads for a Dockerfile: `<Dockerfile>.dockerignore` beside it first, then the build
 * context's `.dockerignore` (the context is the Dockerfile's folder unless given).
 */
export function ignoreFileCandidates(dockerfilePath: string, contextDir = dirname(dockerfilePath)): string[] {
  const dir = dirname(dockerfilePath);
  return [joinPath(dir, `${basename(dockerfilePath)}.dockerignore`), joinPath(contextDir, '.dockerignore')];
}

export async function readIgnoreFile(host: FileSystemHost, dockerfilePath: string, contextDir?: string): Promise<{ path: string; rules: IgnoreRule[] } | undefined> {
  // Both candidates are read at once (one wait on the disk, not two); the first that exists wins.
  const candidates = ignoreFileCandidates(dockerfilePath, contextDir);
  const contents = await Promise.all(candidates.map((path) => host.readFile(path)));
  const found = contents.findIndex((bytes) => bytes !== undefined);
  return found < 0 ? undefined : { path: candidates[found], rules: parseIgnore(new TextDecoder().decode(contents[found])) };
}

export function parseIgnore(text: string): IgnoreRule[] {
  const out: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    const pattern = normalizePath(line);
    if (!pattern) continue;
    out.push({ pattern: line, negate, regex: globToRegex(pattern) });
  }
  return out;
}

export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/\.\//g, '/');
}

function globToRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
        if (pattern[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The rule that decides a path (the last matching one), when it ends up excluded. */
export function ignoredBy(rules: IgnoreRule[], path: string): IgnoreRule | undefined {
  const p = normalizePath(path);
  if (!p) return undefined;
  const parts = p.split('/');
  let decision: IgnoreRule | undefined;
  for (const rule of rules) {
    // A pattern excludes a path when it matches the path or one of its parent directories.
    let hit = false;
    for (let n = 1; n <= parts.length && !hit; n++) hit = rule.regex.test(parts.slice(0, n).join('/'));
    if (hit) decision = rule;
  }
  return decision && !decision.negate ? decision : undefined;
}

export type IgnoreStack = 'node' | 'python' | 'go' | 'java' | 'rust' | 'dotnet' | 'ruby' | 'php' | 'generic';

const COMMON = ['# Version control and editor files', '.git', '.gitignore', '.vscode', '.idea', '', '# Docker files', 'Dockerfile*', '.dockerignore', 'docker-compose*.yml', 'compose*.yaml', '', '# Local secrets and logs', '.env', '.env.*', '*.log'];

const BY_STACK: Record<IgnoreStack, string[]> = {
  node: ['# Node.js', 'node_modules', 'npm-debug.log*', 'yarn-error.log', '.npm', 'coverage', 'dist', 'build', '.next'],
  python: ['# Python', '__pycache__', '*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.tox', '*.egg-info', 'dist', 'build'],
  go: ['# Go', 'bin', 'vendor', '*.test', 'coverage.out'],
  java: ['# Java', 'target', 'build', '.gradle', '*.class', 'out'],
  rust: ['# Rust', 'target'],
  dotnet: ['# .NET', 'bin', 'obj', '*.user', 'TestResults'],
  ruby: ['# Ruby', '.bundle', 'vendor/bundle', 'log', 'tmp', 'coverage'],
  php: ['# PHP', 'vendor', 'var/cache', 'var/log'],
  generic: [],
};

/** How a stack is named in messages (`a Go project`). */
export const IGNORE_STACK_LABELS: Record<IgnoreStack, string> = {
  node: 'Node.js', python: 'Python', go: 'Go', java: 'Java', rust: 'Rust', dotnet: '.NET', ruby: 'Ruby', php: 'PHP', generic: 'generic',
};

/** A starter .dockerignore for a stack. */
export function dockerignoreTemplate(stack: IgnoreStack): string {
  const specific = BY_STACK[stack];
  return `${[...COMMON, ...(specific.length ? ['', ...specific] : [])].join('\n')}\n`;
}

/** The manifest files that mark a stack's project, in the order a mixed context is judged by them. */
const MANIFESTS: [IgnoreStack, (files: string[]) => boolean][] = [
  ['node', (f) => f.includes('package.json')],
  ['go', (f) => f.includes('go.mod')],
  ['python', (f) => ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py'].some((n) => f.includes(n))],
  ['java', (f) => ['pom.xml', 'build.gradle', 'build.gradle.kts'].some((n) => f.includes(n))],
  ['rust', (f) => f.includes('Cargo.toml')],
  ['dotnet', (f) => f.some((n) => /\.(csproj|fsproj|sln)$/.test(n))],
  ['ruby', (f) => f.includes('Gemfile')],
  ['php', (f) => f.includes('composer.json')],
];

const IMAGE_STACKS: [IgnoreStack, RegExp][] = [
  ['node', /\bnode\b/],
  ['go', /golang/],
  ['python', /python/],
  ['java', /maven|gradle|jdk|temurin|openjdk/],
  ['rust', /rust/],
  ['dotnet', /dotnet/],
  ['ruby', /ruby/],
  ['php', /php/],
];

/**
 * The stack of the build context. The base images break ties: a Go project that also has a package.json (for
 * its front-end tooling, say) and builds FROM golang is a Go project. Then the manifests alone, then the images.
 */
export function detectStack(files: string[], images: string[]): IgnoreStack {
  const img = images.join(' ');
  const byImage = IMAGE_STACKS.filter(([, re]) => re.test(img)).map(([stack]) => stack);
  const byManifest = MANIFESTS.filter(([, has]) => has(files)).map(([stack]) => stack);
  return byImage.find((s) => byManifest.includes(s)) ?? byManifest[0] ?? byImage[0] ?? 'generic';
}
