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
  // One spec file at a time in a worker process that is replaced once it holds more than this after a file: each file
  // boots Nest apps whose modules stay cached, and a single in-band process of 80 files ran out of heap.
  workerIdleMemoryLimit: '1500MB',
};
