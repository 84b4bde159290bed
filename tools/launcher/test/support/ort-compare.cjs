// Loads two ONNX models in ONNX Runtime (onnxruntime-node, in its own process: no Jest realm
// quirks) and runs both on the same inputs: the samples of a JSON-lines file ({"dims", "data"} per
// line, for the first input). Prints JSON: the output dims of each model, the cosine similarity
// of their flattened outputs, and how often their arg-max (last axis) agrees.
//   node ort-compare.cjs REFERENCE.onnx CANDIDATE.onnx SAMPLES.jsonl
'use strict';
const { readFileSync } = require('node:fs');
const ort = require('onnxruntime-node');

function argmaxRows(data, width) {
  const rows = [];
  for (let start = 0; start < data.length; start += width) {
    let best = start;
    for (let i = start; i < start + width; i++) if (data[i] > data[best]) best = i;
    rows.push(best - start);
  }
  return rows;
}

async function main() {
  const [referenceFile, candidateFile, samplesFile] = process.argv.slice(2);
  const reference = await ort.InferenceSession.create(referenceFile);
  const candidate = await ort.InferenceSession.create(candidateFile);
  const input = reference.inputNames[0];
  const samples = readFileSync(samplesFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  let dot = 0, na = 0, nb = 0, agree = 0, rows = 0;
  const shapes = {};
  for (const sample of samples) {
    const feeds = { [input]: new ort.Tensor('float32', Float32Array.from(sample.data), sample.dims) };
    const a = await reference.run(feeds);
    const b = await candidate.run(feeds);
    for (const name of reference.outputNames) {
      const x = a[name].data, y = b[name].data;
      shapes[name] = { reference: a[name].dims, candidate: b[name].dims };
      for (let i = 0; i < x.length; i++) { dot += x[i] * y[i]; na += x[i] * x[i]; nb += y[i] * y[i]; }
      const width = a[name].dims[a[name].dims.length - 1];
      const ra = argmaxRows(x, width), rb = argmaxRows(y, width);
      ra.forEach((value, i) => { rows++; if (value === rb[i]) agree++; });
    }
  }
  process.stdout.write(JSON.stringify({ input, samples: samples.length, shapes, cosine: dot / Math.sqrt(na * nb), top1Agreement: agree / rows }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exit(1);
});
