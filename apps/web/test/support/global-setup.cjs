// Names the file in which the first acceptance test records the shared platform (shared-platform.ts);
// test workers inherit the variable. Unit-test-only runs never start anything.
const { tmpdir } = require('node:os');
const path = require('node:path');

module.exports = async function globalSetup() {
  process.env.EDGEPRESS_WEB_TEST_STATE = path.join(tmpdir(), `edgepress-web-platform-${process.pid}-${Date.now()}.json`);
};
