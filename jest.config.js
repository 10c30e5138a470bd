const { esmTransform } = require('./test/jest-esm');

/** Unit tests: pure code colocated with the source, no infrastructure. */
module.exports = {
  ...esmTransform,
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/lint/**/*.spec.ts'],
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
};
