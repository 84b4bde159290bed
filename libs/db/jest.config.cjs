module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, {
  transformIgnorePatterns: ['/node_modules/(?!(pg-boss|serialize-error|non-error|node-pg-migrate)/)'],
});
