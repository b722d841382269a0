// The core's import boundary as an esbuild plugin (used by scripts/build.mjs, tested by
// test/unit/coreBoundary.test.ts): a file under the core may import only the core itself, common/ and the
// allowed pure packages; a file under common/ may import only common/. The language server (lsp/) and the
// CLI (cli/) reach the core only through its entry, core/index.ts (the service and its types), and lsp/
// imports nothing from node/ (node/main.ts injects what it needs).
import * as path from 'node:path';

export const CORE_ALLOWED_PACKAGES = [
  'dockerfile-ast',
  'dockerfile-language-service',
  'dockerfile-utils',
  'vscode-languageserver-types',
  'vscode-languageserver-textdocument',
  // Docker's .dockerignore semantics (a pure JS library)
  '@balena/dockerignore',
  // Compose files and Bake JSON files, with source ranges (issue 21)
  'yaml',
];

function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Why a relative import from `importer` to `spec` crosses a layer boundary (undefined: it does not): lsp/ and
 * cli/ may import the core only as core/index, lsp/ may not import node/. Also used by the unit test that reads
 * every source file of lsp/ and cli/ (type-only imports included, which a bundle never resolves).
 */
export function layerViolation(importer, spec, { coreDir, lspDir, cliDir, nodeDir }) {
  if (!spec.startsWith('.')) return undefined;
  const within = (file, dir) => !!dir && file.startsWith(path.resolve(dir) + path.sep);
  const inLsp = within(importer, lspDir);
  if (!inLsp && !within(importer, cliDir)) return undefined;
  const target = path.resolve(path.dirname(importer), spec);
  const layer = inLsp ? 'lsp' : 'cli';
  if (inLsp && (within(target, nodeDir) || target === path.resolve(nodeDir ?? ''))) return `lsp may not import node/ ('${spec}'): node/main.ts injects what the server needs`;
  if (within(target, coreDir)) {
    const entry = path.resolve(coreDir, 'index');
    if (target !== entry && target !== `${entry}.ts` && target !== `${entry}.js`) return `${layer} may import the core only through core/index ('${spec}')`;
  }
  return undefined;
}

export function coreBoundaryPlugin({ coreDir, commonDir, lspDir, cliDir, nodeDir }) {
  const core = path.resolve(coreDir) + path.sep;
  const common = path.resolve(commonDir) + path.sep;
  return {
    name: 'core-boundary',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const layered = layerViolation(args.importer, args.path, { coreDir, lspDir, cliDir, nodeDir });
        if (layered) return { errors: [{ text: layered }] };
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
