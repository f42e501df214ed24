/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    // @microsoft/app-manifest requires strip-bom 5, which is ESM-only: jest can't load it.
    '^strip-bom$': '<rootDir>/tests/helpers/strip-bom.cjs',
  },
  // CLI tests spawn the compiled bin; give them room on a 2-core machine.
  testTimeout: 30000,
};
