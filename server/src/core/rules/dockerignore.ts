/** .dockerignore: reading it through the host, matching paths against it, and a starter file per stack. */
import type { FileSystemHost } from '../host';
import { ANY, fixedDirectory, globMatches, ONE, RUN, type Glob, type GlobToken } from '../glob';
import { detectProfile, profile, type ProfileId } from '../stacks';
import { trimTrailingSlashes } from '../text';

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
  return trimTrailingSlashes(p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '')).replace(/\/\.\//g, '/');
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

/** What the Dockerfile makes itself: whether a RUN builds the stack's output, and whether one installs its dependencies. */
export interface MadeInImage {
  build: boolean;
  deps: boolean;
}

/**
 * A starter .dockerignore for a stack. Lines are left out of the file, and named in a comment, where ignoring would
 * break the build or the image: a path the Dockerfile copies by name (`copied`: COPY and ADD sources, `dist/`,
 * `target/*.jar`, `.env`), and the build output or dependencies (`dist`, `node_modules`) of a Dockerfile that does
 * not build or install them itself (`made`), whose image takes them from the build context.
 */
export function dockerignoreTemplate(stack: IgnoreStack, copied: readonly string[] = [], made: MadeInImage = { build: true, deps: true }): string {
  const specific = stack === 'generic' ? [] : profile(stack).dockerignore;
  const madeBy = stack === 'generic' ? {} : (profile(stack).dockerignoreMadeBy ?? {});
  const lines = [...COMMON, ...(specific.length ? ['', ...specific] : [])];
  // Each path once: a COPY of thousands of sources often names the same ones again.
  const paths = [...new Set(copied.flatMap((source) => [source, fixedDirectory(source)]))];
  const hides = (line: string) => {
    const rules = parseIgnore(line);
    return rules.length > 0 && paths.some((path) => ignoredBy(rules, path) !== undefined);
  };
  const isEntry = (line: string) => !!line && !line.startsWith('#');
  const left = lines.filter((line) => isEntry(line) && hides(line));
  const notBuilt = lines.filter((line) => isEntry(line) && !left.includes(line) && madeBy[line] === 'build' && !made.build);
  const notInstalled = lines.filter((line) => isEntry(line) && !left.includes(line) && madeBy[line] === 'deps' && !made.deps);
  const kept = withoutEmptySections(lines.filter((line) => !left.includes(line) && !notBuilt.includes(line) && !notInstalled.includes(line)));
  const notes = [
    left.length ? `# Not listed, as the Dockerfile copies them: ${left.join(', ')}` : '',
    notBuilt.length ? `# Not listed, as the Dockerfile does not build them (the image takes them from the build context): ${notBuilt.join(', ')}` : '',
    notInstalled.length ? `# Not listed, as the Dockerfile does not install them (the image takes them from the build context): ${notInstalled.join(', ')}` : '',
  ].filter(Boolean);
  if (notes.length) kept.push('', ...notes);
  return `${kept.join('\n')}\n`;
}

/** The lines without the section headings whose entries were all left out (and the blank line before each). */
function withoutEmptySections(lines: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (lines[k].startsWith('#') && !lines[k + 1]) {
      if (out[out.length - 1] === '') out.pop();
      continue;
    }
    out.push(lines[k]);
  }
  return out;
}

/**
 * The stack of the build context. The base images break ties: a Go project that also has a package.json (for
 * its front-end tooling, say) and builds FROM golang is a Go project. Then the manifests alone, then the images.
 */
export function detectStack(files: string[], images: string[]): IgnoreStack {
  return detectProfile(files, images)?.id ?? 'generic';
}
