/** @type {import('jest').Config} */
const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@eventvault/(domain|workflows|activities)$': '<rootDir>/$1/src',
    // Generated Prisma client and ESM-style sources import './x.js' meaning './x.ts'.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testPathIgnorePatterns: [
    '/node_modules/',
    '/dist/',
    '<rootDir>/web/src/',
    '<rootDir>/var/',
    '<rootDir>/vendor/',
  ],
};

const projects = [
  { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
  {
    ...shared,
    displayName: 'integration',
    testMatch: ['<rootDir>/**/*.int.test.ts'],
    globalSetup: '<rootDir>/scripts/stack/jest-global-setup.ts',
    globalTeardown: '<rootDir>/scripts/stack/jest-global-teardown.ts',
    setupFiles: ['<rootDir>/scripts/stack/jest-test-env.ts'],
    testTimeout: 120000,
  },
];

// `npm run test:unit` / `npm run test:integration` pick one kind (EV_TEST_KIND) so file patterns can follow `--`.
const kind = process.env.EV_TEST_KIND;
module.exports = { projects: kind ? projects.filter((p) => p.displayName === kind) : projects };
