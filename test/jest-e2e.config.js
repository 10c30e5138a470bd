const { esmTransform } = require('./jest-esm');

/** e2e: the real ApiModule and WorkerModule over real Postgres and Redis, in a fresh database per run. */
module.exports = {
  rootDir: '..',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  ...esmTransform,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/e2e-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // One spec file at a time in a worker process that is replaced once it holds more than this after a file: each file
  // boots Nest apps whose modules stay cached, and a single in-band process of 80 files ran out of heap.
  workerIdleMemoryLimit: '1500MB',
};
