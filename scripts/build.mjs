// Bundles the client, the server and the CLI with esbuild, and enforces the core's import boundary:
// a file under server/src/core may import only the core itself, common/ and the allowed pure packages.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = path.join(root, 'server', 'src', 'core') + path.sep;
// common/ holds shared constants and types only; the core may use it, and it may import nothing else.
const commonDir = path.join(root, 'common') + path.sep;
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

export const CORE_ALLOWED_PACKAGES = [
  'dockerfile-ast',
  'dockerfile-language-service',
  'dockerfile-utils',
  'vscode-languageserver-types',
  'vscode-languageserver-textdocument',
  // size estimator: a real shell parser for RUN, Docker's .dockerignore semantics (pure JS libraries)
  'mvdan-sh',
  '@balena/dockerignore',
];

function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const coreBoundary = {
  name: 'core-boundary',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const inCore = args.importer.startsWith(coreDir);
      const inCommon = args.importer.startsWith(commonDir);
      if (!inCore && !inCommon) return undefined;
      if (args.path.startsWith('.')) {
        const target = path.resolve(path.dirname(args.importer), args.path);
        if (target.startsWith(commonDir) || (inCore && target.startsWith(coreDir))) return undefined;
        return { errors: [{ text: `${inCore ? 'core' : 'common'} may not import '${args.path}' (outside its boundary)` }] };
      }
      if (inCommon) return { errors: [{ text: `common may not import packages: '${args.path}'` }] };
      if (CORE_ALLOWED_PACKAGES.includes(packageOf(args.path))) return undefined;
      return { errors: [{ text: `core may not import '${args.path}' (allowed: ${CORE_ALLOWED_PACKAGES.join(', ')})` }] };
    });
  },
};

import { readFileSync } from 'node:fs';
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  plugins: [coreBoundary],
  // dockerfile-language-service ships UMD modules that esbuild resolves through "main".
  mainFields: ['module', 'main'],
};

const builds = [
  { entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(root, 'dist/extension.js'), external: ['vscode'] },
  { entryPoints: [path.join(root, 'server/src/node/main.ts')], outfile: path.join(root, 'dist/server.js'), banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: [path.join(root, 'server/src/cli/main.ts')], outfile: path.join(root, 'dist/cli.js'), banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const b of builds) (await esbuild.context({ ...common, ...b })).watch();
} else {
  const results = await Promise.allSettled(builds.map((b) => esbuild.build({ ...common, ...b })));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) {
    for (const f of failed) console.error(String(f.reason?.message ?? f.reason));
    process.exit(1);
  }
}
