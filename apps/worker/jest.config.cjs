// Unit tests next to the code; the platform acceptance tests in test/ start real processes
// (kernel servers, workers, the gateway) against PostgreSQL on 127.0.0.1:5432. pg-boss and
// node-pg-migrate (through @edgepress/db) are ES-module-only and need the shared transform list.
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  ...require('../../libs/db/jest-esm-packages.cjs'),
  testTimeout: 60_000,
});
