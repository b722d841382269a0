// The layering rule of `npm run lint` (an ESLint rule, `layering/imports`): which folder may import what. The
// same boundary for the core and common/ is enforced by the build (scripts/core-boundary.mjs, one list of
// allowed packages); this rule also checks type-only imports and the other layers:
//  - server/src/core: itself, common/ and the allowed pure packages (no Node built-ins, no vscode);
//  - common/: itself only;
//  - server/src/lsp: nothing from server/src/node or server/src/cli (the Node entry and the CLI use the adapter,
//    not the reverse);
//  - client/: nothing from server/ (the client talks to the server over LSP; shared ids live in common/).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_ALLOWED_PACKAGES } from '../../scripts/core-boundary.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = (...p) => path.join(ROOT, ...p) + path.sep;
const CORE = dir('server/src/core');
const COMMON = dir('common');
const LSP = dir('server/src/lsp');
const NODE = dir('server/src/node');
const CLI = dir('server/src/cli');
const CLIENT = dir('client');
const SERVER = dir('server');

const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

/** Why `spec`, imported by `file` (absolute paths), breaks the layering; undefined when it is allowed. */
export function violation(file, spec) {
  const relative = spec.startsWith('.');
  const target = relative ? path.resolve(path.dirname(file), spec) : undefined;
  const inside = (d) => target !== undefined && (target + path.sep).startsWith(d);
  if (file.startsWith(COMMON)) {
    if (!inside(COMMON)) return `common/ imports nothing outside common/ ('${spec}')`;
  } else if (file.startsWith(CORE)) {
    if (relative && !inside(CORE) && !inside(COMMON)) return `the core imports only itself and common/ ('${spec}' is ${rel(target)})`;
    if (!relative && !CORE_ALLOWED_PACKAGES.includes(packageOf(spec))) return `the core may not import '${spec}' (a pure library: ${CORE_ALLOWED_PACKAGES.join(', ')})`;
  } else if (file.startsWith(LSP)) {
    if (inside(NODE) || inside(CLI)) return `the LSP adapter may not import the Node entry or the CLI ('${spec}')`;
  } else if (file.startsWith(CLIENT)) {
    if (inside(SERVER)) return `the client may not import the server ('${spec}'); shared ids and types live in common/`;
  }
  return undefined;
}

const importsRule = {
  meta: { type: 'problem', docs: { description: 'which layer may import what (core, common, lsp, client)' }, schema: [] },
  create(context) {
    const file = path.resolve(context.filename);
    const check = (node) => {
      const source = node.source;
      if (!source || typeof source.value !== 'string') return;
      const why = violation(file, source.value);
      if (why) context.report({ node: source, message: why });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      TSImportEqualsDeclaration(node) {
        const ref = node.moduleReference;
        if (ref.type === 'TSExternalModuleReference' && typeof ref.expression.value === 'string') {
          const why = violation(file, ref.expression.value);
          if (why) context.report({ node: ref, message: why });
        }
      },
    };
  },
};

export default { meta: { name: 'layering' }, rules: { imports: importsRule } };
