// testing/ is its own project (plugin-sdk-testing) with its own Jest configuration.
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/build/', '/.next/', '<rootDir>/testing/'],
});
