// ESLint for the repository's TypeScript (`npm run lint`, part of `npm test`): typescript-eslint's parser with
// ESLint's and typescript-eslint's recommended rules that need no type information, and the layering rule
// (layering.mjs: core, common, lsp, client). Run from the repository's root: `eslint -c tools/lint/eslint.config.mjs`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layering from './layering.mjs';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', '.vscode-test/**', 'tools/**', 'scripts/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { layering },
    rules: {
      'layering/imports': 'error',
      // `any` is used on purpose at JSON and dynamic-import boundaries (mostly in tests).
      '@typescript-eslint/no-explicit-any': 'off',
      // Unused parameters are part of handler and table signatures; `_name` marks a deliberate unused binding.
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', caughtErrors: 'none', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // NUL and ESC in regexes are deliberate (binary detection, ANSI colours in CLI output).
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    // Known findings in files other work in progress owns (the LSP adapter, the CLI, the conversion recipes):
    // warnings until they are fixed there, then delete this block. The LSP features import the Node registry
    // client (server/src/node/registry.ts) directly instead of receiving it through the server context.
    files: ['server/src/lsp/features/estimate.ts', 'server/src/lsp/features/fromCompletion.ts', 'server/src/cli/**/*.ts', 'server/src/core/convert/recipes/node.ts'],
    rules: {
      'layering/imports': 'warn',
      '@typescript-eslint/no-unused-vars': 'warn',
      '@typescript-eslint/no-require-imports': 'warn',
    },
  },
);
