module.exports = require('../../jest.preset.cjs').projectConfig(__dirname, require('./jest-esm-packages.cjs'));
