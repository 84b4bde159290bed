// Unit tests sit next to the code (src/**/*.test.ts, scripts/*.test.ts); the acceptance tests in
// test/ share one platform (gateway, worker, kernel server, console) that the first of them starts
// (test/support/shared-platform.ts) and run one file at a time (the machine is shared).
// ES-module-only packages are transformed: @edgepress/db's list plus auto-bind (GraphQL codegen).
const [dbPattern] = require('../../libs/db/jest-esm-packages.cjs').transformIgnorePatterns;

module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  transformIgnorePatterns: [dbPattern.replace('(?!(', '(?!(auto-bind|')],
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  maxWorkers: 1,
  testTimeout: 120_000,
});
