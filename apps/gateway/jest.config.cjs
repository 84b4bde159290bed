// Integration tests start the gateway in-process against a real PostgreSQL database; pg-boss and
// node-pg-migrate (through @edgepress/db) are ES-module-only and need the shared transform list.
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  ...require('../../libs/db/jest-esm-packages.cjs'),
  testTimeout: 30_000,
});
