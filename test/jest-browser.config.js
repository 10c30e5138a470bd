const { esmTransform } = require('./jest-esm');

/** Browser tests: Playwright driving Debian's Chromium against a real Essaim on a random port. */
module.exports = {
  rootDir: '..',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  ...esmTransform,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 90_000,
};
