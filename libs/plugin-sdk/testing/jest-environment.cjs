// `@edgepress/plugin-sdk/testing/jest-environment`: the Jest environment for plugin tests.
// Jest runs each test file in a vm context with its own typed-array constructors, while
// onnxruntime-node creates typed arrays in the main context and checks them with `instanceof`;
// this environment gives the test context the main context's binary-data constructors, as in
// production, where there is one realm. Use it in a plugin's jest.config.cjs:
//   projectConfig(__dirname, { testEnvironment: require.resolve('@edgepress/plugin-sdk/testing/jest-environment') })
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Uint8ClampedArray',
  'Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
];

class PluginTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = PluginTestEnvironment;
