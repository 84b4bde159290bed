// Loads two ONNX models in ONNX Runtime (onnxruntime-node, in its own process: no Jest realm
// quirks) and runs both on the same seeded random inputs of the given shape (the first input).
// Prints JSON: the output dims of each model and the
// cosine similarity of their flattened outputs.
//   node ort-compare.cjs REFERENCE.onnx CANDIDATE.onnx SAMPLES D1,D2,... (the input shape)
'use strict';
const ort = require('onnxruntime-node');

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function main() {
  const [referenceFile, candidateFile, samplesArg, dimsArg] = process.argv.slice(2);
  const reference = await ort.InferenceSession.create(referenceFile);
  const candidate = await ort.InferenceSession.create(candidateFile);
  const input = reference.inputNames[0];
  const dims = dimsArg.split(',').map(Number);
  const size = dims.reduce((a, b) => a * b, 1);
  const next = random(7);
  let dot = 0, na = 0, nb = 0;
  const shapes = {};
  for (let s = 0; s < Number(samplesArg || 4); s++) {
    const data = Float32Array.from({ length: size }, () => next() * 2 - 1);
    const feeds = { [input]: new ort.Tensor('float32', data, dims) };
    const a = await reference.run(feeds);
    const b = await candidate.run(feeds);
    for (const name of reference.outputNames) {
      const x = a[name].data, y = b[name].data;
      shapes[name] = { reference: a[name].dims, candidate: b[name].dims };
      for (let i = 0; i < x.length; i++) { dot += x[i] * y[i]; na += x[i] * x[i]; nb += y[i] * y[i]; }
    }
  }
  process.stdout.write(JSON.stringify({ input, dims, shapes, cosine: dot / Math.sqrt(na * nb) }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exit(1);
});
