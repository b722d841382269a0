// The core's import boundary as an esbuild plugin (used by scripts/build.mjs, tested by
// test/unit/coreBoundary.test.ts): a file under the core may import only the core itself, common/ and the
// allowed pure packages; a file under common/ may import only common/.
import * as path from 'node:path';

export const CORE_ALLOWED_PACKAGES = [
  'dockerfile-ast',
  'dockerfile-language-service',
  'dockerfile-utils',
  'vscode-languageserver-types',
  'vscode-languageserver-textdocument',
  // size estimator: a real shell parser for RUN, Docker's .dockerignore semantics (pure JS libraries)
  'mvdan-sh',
  '@balena/dockerignore',
  // Compose files and Bake JSON files, with source ranges (issue 21)
  'yaml',
];

function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function coreBoundaryPlugin({ coreDir, commonDir }) {
  const core = path.resolve(coreDir) + path.sep;
  const common = path.resolve(commonDir) + path.sep;
  return {
    name: 'core-boundary',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const inCore = args.importer.startsWith(core);
        const inCommon = args.importer.startsWith(common);
        if (!inCore && !inCommon) return undefined;
        if (args.path.startsWith('.')) {
          const target = path.resolve(path.dirname(args.importer), args.path);
          if (target.startsWith(common) || (inCore && target.startsWith(core))) return undefined;
          return { errors: [{ text: `${inCore ? 'core' : 'common'} may not import '${args.path}' (outside its boundary)` }] };
        }
        if (inCommon) return { errors: [{ text: `common may not import packages: '${args.path}'` }] };
        if (CORE_ALLOWED_PACKAGES.includes(packageOf(args.path))) return undefined;
        return { errors: [{ text: `core may not import '${args.path}' (allowed: ${CORE_ALLOWED_PACKAGES.join(', ')})` }] };
      });
    },
  };
}
