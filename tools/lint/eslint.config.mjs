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
);
