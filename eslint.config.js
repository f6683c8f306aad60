// The linter that `npm test` runs (pretest): the recommended rules of ESLint and typescript-eslint,
// without type information so it stays fast; formatting is prettier's job (.prettierrc.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Untrusted text is the domain: terminal-safe output, titles and feeds match control characters on purpose.
      'no-control-regex': 'off',
      // `let x = fallback; try { x = parse() } catch {}` reads better than the alternatives.
      'no-useless-assignment': 'off',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts'],
    // Parsed JSON output of the CLI and API is read field by field in assertions.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
