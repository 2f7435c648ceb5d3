/** @type {import('jest').Config} */
const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@eventvault/(domain|workflows|activities)$': '<rootDir>/$1/src',
    // Generated Prisma client and ESM-style sources import './x.js' meaning './x.ts'.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // jose ships only as ES modules; Node 20 require()s them, Jest's own module loader needs them compiled.
    '^.+/node_modules/jose/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'ES2022' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
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
    setupFilesAfterEnv: ['<rootDir>/scripts/stack/jest-timeout.ts'],
  },
];

// `npm run test:unit` / `npm run test:integration` pick one kind (EV_TEST_KIND) so file patterns can follow `--`.
const kind = process.env.EV_TEST_KIND;
module.exports = { projects: kind ? projects.filter((p) => p.displayName === kind) : projects };
