/**
 * Facts read from the build context through the injected FileSystemHost (the core stays pure): the
 * manifests that tell a stack apart and name its artifact. Missing or unreadable files are simply absent.
 */
import type { FileSystemHost } from '../host';
import type { ContextFacts } from './types';
import { trimTrailingSlashes } from '../text';

const decoder = new TextDecoder();

async function read(host: FileSystemHost, path: string): Promise<string | undefined> {
  const bytes = await host.readFile(path);
  return bytes ? decoder.decode(bytes) : undefined;
}

/** Reads the manifests in `dir` (the build context, '/'-separated absolute path). */
export async function gatherContextFacts(host: FileSystemHost, dir: string): Promise<ContextFacts> {
  const base = trimTrailingSlashes(dir);
  const entries = await host.readDirectory(base || '/');
  const files = entries.filter(([, isDir]) => !isDir).map(([n]) => n).sort();
  const facts: ContextFacts = { lockFiles: files.filter((f) => /^(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json)$/.test(f)), cargoBins: [], csproj: files.filter((f) => /\.(cs|fs|vb)proj$/.test(f)), files, dirs: entries.filter(([, isDir]) => isDir).map(([n]) => n).sort() };
  const at = (name: string) => `${base}/${name}`;
  if (files.includes('package.json')) {
    try {
      const pkg = JSON.parse((await read(host, at('package.json'))) ?? '{}');
      facts.packageJson = {
        name: typeof pkg.name === 'string' ? pkg.name : undefined,
        scripts: typeof pkg.scripts === 'object' && pkg.scripts ? pkg.scripts : {},
        dependencies: Object.keys(pkg.dependencies ?? {}).sort(),
        devDependencies: Object.keys(pkg.devDependencies ?? {}).sort(),
        main: typeof pkg.main === 'string' ? pkg.main : undefined,
      };
    } catch {
      /* not JSON: ignore */
    }
  }
  if (files.includes('tsconfig.json')) {
    const m = /"outDir"\s*:\s*"([^"]+)"/.exec((await read(host, at('tsconfig.json'))) ?? '');
    if (m) facts.tsOutDir = m[1];
  }
  if (files.includes('go.mod')) {
    const text = (await read(host, at('go.mod'))) ?? '';
    facts.goModule = /^module\s+(\S+)/m.exec(text)?.[1];
    facts.goCgoDeps = /mattn\/go-sqlite3|go-sqlite3|confluentinc\/confluent-kafka-go|\/cgo\b/.test(text);
  }
  if (files.includes('Cargo.toml')) {
    const text = (await read(host, at('Cargo.toml'))) ?? '';
    const pkg = /\[package\][^[]*?\bname\s*=\s*"([^"]+)"/.exec(text);
    facts.cargoPackage = pkg?.[1];
    const re = /\[\[bin\]\][^[]*?\bname\s*=\s*"([^"]+)"/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) facts.cargoBins.push(m[1]);
  }
  if (files.includes('pom.xml')) {
    const raw = (await read(host, at('pom.xml'))) ?? '';
    // The main class exec:java runs: the exec plugin's <mainClass>, or an exec.mainClass property (one value only).
    const mains = [...new Set([...raw.matchAll(/<(?:mainClass|exec\.mainClass)>\s*([\w.$]+)\s*<\//g)].map((m) => m[1]))];
    const text = raw.replace(/<parent>[\s\S]*?<\/parent>/, '').replace(/<dependencies>[\s\S]*?<\/dependencies>/g, '').replace(/<build>[\s\S]*?<\/build>/, (b) => b.replace(/<plugins>[\s\S]*?<\/plugins>/g, ''));
    const tag = (t: string) => new RegExp(`<${t}>\\s*([^<\\s]+)\\s*</${t}>`).exec(text)?.[1];
    facts.pom = { artifactId: tag('artifactId'), version: tag('version'), packaging: tag('packaging'), finalName: tag('finalName') };
    if (mains.length === 1) facts.pom.mainClass = mains[0];
  }
  return facts;
}
