/**
 * Stack knowledge is written once, in server/src/core/stacks/<stack>.ts. This test scans the rest of the core
 * for the shapes that knowledge took when it was copied (a Maven/Gradle/npm-build regex over RUN text, a list
 * of JDK images, a per-stack label table, the JRE image name) and fails when one comes back.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const core = path.join(root, 'server/src/core');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'stacks' ? [] : sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Stack knowledge as it looked when copied out of the profiles. */
const COPIES: [string, RegExp][] = [
  ['a Maven build regex', /\\b\(?\??:?\\?b?mvn\|?|mvnw\)?\\b\[\^/],
  ['a Maven goal list', /package\|install\|verify/],
  ['a Gradle task list', /build\|assemble\|(installDist|bootJar)/],
  ['an npm/yarn build-script regex', /\(npm\|pnpm\)\\s\+run\\s\+/],
  ['a JDK image list', /openjdk\|eclipse-temurin\|amazoncorretto/],
  ['the JRE image of a Java version', /eclipse-temurin:\$\{/],
  ['a conversion stack label table', /'java-maven': 'Java \(Maven\)'/],
  ['a build-image-to-stack table', /golang: 'go'/],
  ['a toolchain program list', /\^\(cargo\|mvn/],
  ['a front-end package or tool list', /react\|vue|'react', 'vue'|@vue\\\/cli\|/],
  ['a C/C++ compiler program list', /make\|cmake\|gcc|'make', 'cmake', 'gcc'/],
  ['an sbt regex over Dockerfile text', /\\bsbt\\b/],
  ['an image variant tag built by hand (stacks/variants.ts names them)', /\}-slim`|-slim-\$\{|\}-jre`|-jre\$\{/],
  ['a runtime base image spelled again (stacks/<stack>.ts runtimeBases)', /distroless\/(static|cc)-debian\$?\{|dotnet\/(aspnet|runtime):\$\{/],
];

/**
 * Files allowed to name one of these on purpose, with why. Keep it short: a new entry needs a reason a
 * reviewer accepts.
 */
const ALLOWED: Record<string, string[]> = {};

describe('stack knowledge is written once (core/stacks)', () => {
  const files = sources(core);

  it('scans the core outside stacks/', () => {
    assert.ok(files.length > 50, `found ${files.length} files`);
    assert.ok(files.some((f) => f.endsWith(path.join('convert', 'detect.ts'))));
  });

  for (const [what, re] of COPIES) {
    it(`no copy of ${what} outside core/stacks`, () => {
      const hits = files.filter((f) => re.test(fs.readFileSync(f, 'utf8')) && !(ALLOWED[path.relative(core, f)] ?? []).includes(what)).map((f) => path.relative(root, f));
      assert.deepEqual(hits, [], `${what} belongs in a stack profile (server/src/core/stacks/<stack>.ts)`);
    });
  }

  it('recognises the copies it looks for', () => {
    const old = String.raw`const MVN_PACKAGE = /(?:\bmvn|\bmvnw)\b[^&;|]*\b(package|install|verify)\b/;` + '\n' + String.raw`/\b(npm|pnpm)\s+run\s+build\b/` + "\nconst image = `eclipse-temurin:${v}-jre`;\n";
    for (const [what, re] of COPIES.slice(0, 2)) assert.match(old, re, what);
    assert.match(old, COPIES[3][1]);
    assert.match(old, COPIES[5][1]);
    const conversion = String.raw`const SPA_MARKERS = /@vue\/cli|@angular\/cli|react-scripts/;` + '\n' + String.raw`const TOOL_PROGRAMS = /^(make|cmake|gcc|g\+\+)$/;` + '\n' + String.raw`/\bsbt\b/.test(text)`;
    for (const what of ['a front-end package or tool list', 'a C/C++ compiler program list', 'an sbt regex over Dockerfile text']) assert.match(conversion, COPIES.find(([w]) => w === what)![1], what);
    const variants = "const image = `${prefix}:${tag}-slim`;\nreturn `${m[1]}-slim-${m[2]}`;\nconst base = `gcr.io/distroless/static-debian${version}`;\nimage = `mcr.microsoft.com/dotnet/aspnet:${tag}`;\n";
    for (const what of ['an image variant tag built by hand (stacks/variants.ts names them)', 'a runtime base image spelled again (stacks/<stack>.ts runtimeBases)']) assert.match(variants, COPIES.find(([w]) => w === what)![1], what);
  });
});
