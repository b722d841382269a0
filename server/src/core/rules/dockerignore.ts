/** .dockerignore: reading it through the host, matching paths against it, and a starter file per stack. */
import type { FileSystemHost } from '../host';
import { ANY, fixedDirectory, globMatches, ONE, RUN, type Glob, type GlobToken } from '../glob';
import { detectProfile, profile, type ProfileId } from '../stacks';

export interface IgnoreRule {
  pattern: string;
  negate: boolean;
  /** The pattern as a glob (`*` and `?` stop at '/', `**` does not), matched without backtracking (core/glob.ts). */
  glob: Glob;
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
    out.push({ pattern: line, negate, glob: ignoreGlob(pattern) });
  }
  return out;
}

export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/\.\//g, '/');
}

const notSlash = (ch: string) => ch !== '/';

/** `**` (and a '/' after it) any run of characters; `*` a run within one path segment; `?` one character of it. */
function ignoreGlob(pattern: string): Glob {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        tokens.push(ANY);
        i++;
        if (pattern[i + 1] === '/') i++;
      } else tokens.push(RUN);
    } else if (ch === '?') tokens.push(ONE);
    else tokens.push(ch);
  }
  return { tokens, covers: notSlash };
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
    for (let n = 1; n <= parts.length && !hit; n++) hit = globMatches(rule.glob, parts.slice(0, n).join('/'));
    if (hit) decision = rule;
  }
  return decision && !decision.negate ? decision : undefined;
}

export type IgnoreStack = ProfileId | 'generic';

const COMMON = ['# Version control and editor files', '.git', '.gitignore', '.vscode', '.idea', '', '# Docker files', 'Dockerfile*', '.dockerignore', 'docker-compose*.yml', 'compose*.yaml', '', '# Local secrets and logs', '.env', '.env.*', '*.log'];

/** How a stack is named in messages (`a Go project`). */
export function stackLabel(stack: IgnoreStack): string {
  return stack === 'generic' ? 'generic' : profile(stack).name;
}

/**
 * A starter .dockerignore for a stack. A line that would leave out a path the Dockerfile copies by name (`copied`:
 * COPY and ADD sources, `dist/`, `target/*.jar`, `.env`) is left out of the file instead, and named in a comment:
 * the build would otherwise fail on the missing file, or copy nothing.
 */
export function dockerignoreTemplate(stack: IgnoreStack, copied: readonly string[] = []): string {
  const specific = stack === 'generic' ? [] : profile(stack).dockerignore;
  const lines = [...COMMON, ...(specific.length ? ['', ...specific] : [])];
  const hides = (line: string) => {
    const rules = parseIgnore(line);
    return rules.length > 0 && copied.some((source) => ignoredBy(rules, source) !== undefined || ignoredBy(rules, fixedDirectory(source)) !== undefined);
  };
  const left = lines.filter((line) => line && !line.startsWith('#') && hides(line));
  const kept = lines.filter((line) => !left.includes(line));
  if (left.length) kept.push('', `# Not listed, as the Dockerfile copies them: ${left.join(', ')}`);
  return `${kept.join('\n')}\n`;
}

/**
 * The stack of the build context. The base images break ties: a Go project that also has a package.json (for
 * its front-end tooling, say) and builds FROM golang is a Go project. Then the manifests alone, then the images.
 */
export function detectStack(files: string[], images: string[]): IgnoreStack {
  return detectProfile(files, images)?.id ?? 'generic';
}
