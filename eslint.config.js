import tseslint from 'typescript-eslint';

// Pure packages: everything outside src/io/ must not touch the world.
const purePackages = ['config', 'protocol', 'ipvs', 'net', 'heartbeat', 'checks'];
const worldModules = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'dgram',
  'node:dgram',
  'dns',
  'node:dns',
  'os',
  'node:os',
  'execa',
  'chokidar',
  'winston',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.cache/**', 'build/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: purePackages.map((p) => `packages/${p}/src/**/*.ts`),
    ignores: purePackages.map((p) => `packages/${p}/src/io/**`),
    rules: {
      'no-restricted-imports': ['error', { paths: worldModules, patterns: ['**/io/*', '**/io'] }],
      'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take the time as a parameter.' },
        { object: 'Math', property: 'random', message: 'Take randomness as a parameter.' },
      ],
    },
  },
);
