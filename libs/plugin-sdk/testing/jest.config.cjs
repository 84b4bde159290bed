// Its own Jest project (plugin-sdk-testing): the harness runs ONNX Runtime, so its tests use the
// single-realm environment it also offers to plugin packages.
const path = require('node:path');
const { projectConfig } = require('../../../jest.preset.cjs');

const name = 'plugin-sdk-testing';
const base = projectConfig(path.join(__dirname, '..'));

module.exports = {
  ...base,
  displayName: name,
  rootDir: __dirname,
  testEnvironment: path.join(__dirname, 'jest-environment.cjs'),
  reporters: ['default', [path.join(__dirname, '../../../tools/scripts/jest-count-reporter.cjs'), { name }]],
};
