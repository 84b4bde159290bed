// The platform's acceptance tests start real processes (PostgreSQL on 127.0.0.1:5432, kernel
// servers, workers, the gateway, `npm start`); @edgepress/db's ES-module-only dependencies need the
// shared transform list. Files run one at a time: each starts several processes on 2 cores.
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  ...require('../../libs/db/jest-esm-packages.cjs'),
  testTimeout: 240_000,
  maxWorkers: 1,
});
