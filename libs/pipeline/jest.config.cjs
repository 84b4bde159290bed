const path = require('node:path');

module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  testEnvironment: path.join(__dirname, 'test', 'single-realm-environment.cjs'),
});
