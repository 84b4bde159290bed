// Plugin tests run ONNX Runtime: the harness's single-realm environment (see @edgepress/plugin-sdk/testing).
module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  testEnvironment: require.resolve('@edgepress/plugin-sdk/testing/jest-environment'),
});
