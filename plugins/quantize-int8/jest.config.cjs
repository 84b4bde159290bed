module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  testEnvironment: require.resolve('@edgepress/plugin-sdk/testing/jest-environment'),
});
