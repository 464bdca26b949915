// Lint, including the import boundaries of ARCHITECTURE.md: a violation fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'zlib',
  'worker_threads',
];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS entry points by necessity (npm bin, bundled output).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Playwright fixtures must destructure their dependencies, even when there are none.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              [...nodeBuiltins, 'better-sqlite3', 'electron', 'react', 'react-dom', 'react-*'],
              'shared/ is pure TypeScript: no Node, DOM or Electron.',
            ),
            pattern(['**/electron/**', '**/renderer/**'], 'shared/ must not import from electron/ or renderer/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**', 'electron/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron'], 'The core runs in plain Node: it never imports electron.'),
            pattern(['**/renderer/**', '**/shell/**'], 'The core must not import the renderer or the shell.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              [...nodeBuiltins, 'better-sqlite3', 'electron'],
              'The renderer is a browser page: it talks to the core only through the contract.',
            ),
            pattern(['**/electron/**'], 'The renderer imports only shared/ and browser packages.'),
          ],
        },
      ],
    },
  },
);
