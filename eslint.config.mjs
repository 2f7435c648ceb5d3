// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      'var/**',
      'vendor/**',
      '.venv/**',
      'coverage/**',
      'web/.angular/**',
      'web/e2e/artifacts/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Repositories in activities/ are the only code that touches the database: the API, the worker and the web app
    // reach PostgreSQL through them (tests may still inspect rows directly).
    files: ['api/src/**/*.ts', 'worker/src/**/*.ts', 'web/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['pg', '@prisma/client', '@prisma/adapter-pg'].map((name) => ({
            name,
            message: "Database access belongs in activities' repositories.",
          })),
          patterns: [
            {
              group: ['**/generated/prisma/**'],
              message: "Database access belongs in activities' repositories.",
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O, no non-deterministic sources.
    files: ['workflows/src/**/*.ts'],
    ignores: ['workflows/src/**/*.spec.ts', 'workflows/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins
              .flatMap((name) => [name, `node:${name}`])
              .map((name) => ({
                name,
                message: 'Workflow code must be deterministic: do I/O in an activity.',
              })),
            { name: '@temporalio/activity', message: 'Workflows call activities through proxyActivities.' },
            { name: 'pg', message: 'Database access belongs in activities.' },
            { name: 'minio', message: 'Object storage access belongs in activities.' },
            {
              name: '@eventvault/activities',
              message: 'Import activity types only: use `import type`.',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Workflow code must not do I/O.' },
        { name: 'process', message: 'Workflow code must not read the environment.' },
        { name: 'require', message: 'Workflow code must not load modules dynamically.' },
      ],
    },
  },
);
