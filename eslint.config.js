import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', 'bench/.peer/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The core runs in plain Node under both shells: no Electron, ever.
    files: ['src-main/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'src-main/core must not depend on Electron; inject a port instead.' }] }],
    },
  },
  {
    // The renderer is a web page: it reaches the app only through `api`. The value table
    // in src-preload/tracker-values and the job rules in src-preload/jobs are imported by the
    // renderer too, so they obey the same.
    files: ['src-renderer/**', 'src-preload/tracker-values/**', 'src-preload/jobs/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the app only through src/lib/api.ts.' }],
          patterns: [
            { group: ['node:*'], message: 'No Node modules in the renderer.' },
            { group: ['**/src-main/**'], message: 'The renderer must not import main-process code.' },
          ],
        },
      ],
    },
  },
);
