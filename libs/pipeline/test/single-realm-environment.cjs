// Jest runs each test file in a vm context with its own typed-array constructors, while native
// addons (onnxruntime-node) create typed arrays in the main context; onnxruntime-common's
// `instanceof Float32Array` checks then reject ONNX Runtime's own outputs. Giving the test context
// the main context's binary-data constructors keeps every typed array in one realm, so that the
// package's code runs under Jest exactly as it runs in production.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Uint8ClampedArray',
  'Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
];

class SingleRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = SingleRealmEnvironment;
