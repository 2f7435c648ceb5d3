/** @type {import('jest').Config} */
const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: { '^@eventvault/(domain|workflows|activities)$': '<rootDir>/$1/src' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/web/src/', '<rootDir>/var/', '<rootDir>/vendor/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      globalSetup: '<rootDir>/scripts/stack/jest-global-setup.ts',
      globalTeardown: '<rootDir>/scripts/stack/jest-global-teardown.ts',
      setupFiles: ['<rootDir>/scripts/stack/jest-test-env.ts'],
      maxWorkers: 1,
      testTimeout: 120000,
    },
  ],
};
