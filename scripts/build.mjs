// Bundles the client and the server (which carries the CLI: dist/cli.js only loads it) with esbuild, and enforces the
// core's import boundary:
// a file under server/src/core may import only the core itself, common/ and the allowed pure packages.
// Each bundle must be Latin-1 text: one character above U+00FF (esbuild escapes them in strings, not in regular
// expression literals) makes V8 hold the whole 2 MB source as a two-byte string, 2 MB more in every server.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { wideCharacters } from './bundle-check.mjs';
import { coreBoundaryPlugin } from './core-boundary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = path.join(root, 'server', 'src', 'core');
// common/ holds shared constants and types only; the core may use it, and it may import nothing else.
const commonDir = path.join(root, 'common');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const serverDir = path.join(root, 'server', 'src');
const coreBoundary = coreBoundaryPlugin({ coreDir, commonDir, lspDir: path.join(serverDir, 'lsp'), cliDir: path.join(serverDir, 'cli'), nodeDir: path.join(serverDir, 'node') });

const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // Source maps in every build, as .map files beside the bundles (shipped in the vsix; see .vscodeignore). The
  // production maps leave the sources out (stack traces need the mappings only): 3x smaller.
  sourcemap: 'linked',
  sourcesContent: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [coreBoundary],
  // dockerfile-language-service ships UMD modules that esbuild resolves through "main".
  mainFields: ['module', 'main'],
};

const builds = [
  { entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(root, 'dist/extension.js'), external: ['vscode'] },
  { entryPoints: [path.join(root, 'server/src/node/main.ts')], outfile: path.join(root, 'dist/server.js'), banner: { js: '#!/usr/bin/env node' } },
];

// The CLI is in the server bundle (server/src/node/main.ts exports runCli): its bin is this two-line file.
const CLI_SHIM = `#!/usr/bin/env node\n'use strict';\nrequire('./server.js').runCli(process.argv.slice(2));\n`;

mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist/cli.js'), CLI_SHIM, { mode: 0o755 });

if (watch) {
  for (const b of builds) (await esbuild.context({ ...common, ...b })).watch();
} else {
  const results = await Promise.allSettled(builds.map((b) => esbuild.build({ ...common, ...b })));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) {
    for (const f of failed) console.error(String(f.reason?.message ?? f.reason));
    process.exit(1);
  }
  const wide = builds.flatMap((b) => wideCharacters(readFileSync(b.outfile, 'utf8')).map((w) => `${path.relative(root, b.outfile)}: ${w}`));
  if (wide.length) {
    console.error(`bundles must be Latin-1 text (write the character as \\u escape in the source):\n${wide.join('\n')}`);
    process.exit(1);
  }
}
