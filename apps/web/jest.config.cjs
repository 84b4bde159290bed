// Unit tests sit next to the code (src/**/*.test.ts, scripts/*.test.ts); the acceptance tests in
// test/ start PostgreSQL-backed gateway, worker and kernel server, build and start the console and
// drive Debian's chromium. They share one build (globalSetup) and run one file at a time (the
// machine is shared). @edgepress/db needs the ESM transform list.
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  ...require('../../libs/db/jest-esm-packages.cjs'),
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  maxWorkers: 1,
  testTimeout: 120_000,
});
