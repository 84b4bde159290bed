/**
 * The built-in plugins as a pipeline runs them (bundled from plugins/*, each stage in the sandbox)
 * on the real PP-OCR direction classifier with real text-line inputs from ../shared/data/ocr.
 */
import path from 'node:path';
import { checkModel, readModel } from '@edgepress/onnx';
import { connectKernels } from '@edgepress/plugin-host';
import { requireDataRoot } from '../src/data/data-root';
import { createBuiltinRegistry } from '../src/run/builtin-registry';
import type { PipelineEvent } from '../src/run/pipeline-events';
import { runPipeline } from '../src/run/run-pipeline';
import { OrtModelSession } from '../src/evaluate/ort-session';
import { readFileSync } from 'node:fs';
import { CLASSIFIER, DETECTOR } from './ocr-assets';

jest.setTimeout(300_000);

it('folds, prunes channels and prunes weights of the PP-OCR classifier end to end', async () => {
  const lines = path.join(requireDataRoot(), 'ocr', 'lines');
  const events: PipelineEvent[] = [];
  const result = await runPipeline(
    {
      target: 'raspberry-pi-5',
      stages: [{ plugin: 'fold-batchnorm' }, { plugin: 'prune-channels', params: { ratio: 0.1, calibrationBatches: 4 } }, { plugin: 'prune-magnitude', params: { sparsity: 0.3 } }],
      calibration: { type: 'tensor-folder', path: lines, limit: 8 },
      evaluation: { type: 'tensor-folder', path: lines, limit: 16 },
      constraints: { maxFidelityDrop: 0.5 },
    },
    { model: new Uint8Array(readFileSync(CLASSIFIER)), modelName: 'ch_ppocr_mobile_v2.0_cls', registry: createBuiltinRegistry(), kernels: connectKernels().kernels, latency: { warmupRuns: 1, runs: 5 }, onEvent: (event) => void events.push(event) },
  );
  const [folded, channels, sparse] = result.stages.map((stage) => stage.metrics);
  expect(result.stages.map((stage) => stage.plugin)).toEqual(['fold-batchnorm', 'prune-channels', 'prune-magnitude']);
  // Folding BatchNormalization is exact up to float rounding; it removes the BN parameters.
  expect(folded.fidelity?.cosine).toBeGreaterThan(0.9999);
  expect(folded.parameters).toBeLessThan(result.baseline.parameters);
  // Removing a tenth of the channels shrinks the model for real.
  expect(channels.parameters).toBeLessThan(folded.parameters * 0.95);
  expect(channels.sizeBytes).toBeLessThan(folded.sizeBytes);
  // Magnitude pruning zeroes weights; the last model still loads and keeps most of the output.
  expect(sparse.nonZeros).toBeLessThan(channels.nonZeros * 0.75);
  expect(sparse.fidelity?.cosine).toBeGreaterThan(0.5);
  expect(result.stages.every((stage) => stage.metrics.estimate?.targetId === 'raspberry-pi-5' && stage.metrics.latency !== null)).toBe(true);
  expect(result.constraintsMet).toBe(true);
  expect(events.filter((event) => event.type === 'stage-completed')).toHaveLength(3);
  const session = await OrtModelSession.create(result.model);
  await session.release();
});

describe('prune-channels then quantize-int8 on the real PP-OCR models', () => {
  const data = path.join(requireDataRoot(), 'ocr');

  it.each([
    // The classifier reads 48x192 crops; the text lines are 48x320 and are fed at that shape.
    ['classifier', CLASSIFIER, { type: 'tensor-folder' as const, path: path.join(data, 'lines'), limit: 8 }, 0.1, 0.95],
    ['detector', DETECTOR, { type: 'ocr-pages' as const, path: path.join(data, 'pages'), limit: 2 }, 0.2, 0.8],
  ])('%s: both stages run in the sandbox, the model shrinks and still loads', async (_name, file, source, ratio, minCosine) => {
    const result = await runPipeline(
      {
        target: 'raspberry-pi-4',
        stages: [{ plugin: 'prune-channels', params: { ratio } }, { plugin: 'quantize-int8' }],
        calibration: source,
        evaluation: source,
      },
      { model: new Uint8Array(readFileSync(file)), modelName: _name, registry: createBuiltinRegistry(), kernels: connectKernels().kernels, latency: { warmupRuns: 1, runs: 3 } },
    );
    const [pruned, quantized] = result.stages.map((stage) => stage.metrics);
    expect(result.stages.map((stage) => stage.plugin)).toEqual(['prune-channels', 'quantize-int8']);
    expect(pruned.parameters).toBeLessThan(result.baseline.parameters);
    // int8 weights (and their scales and int32 biases): well under half the float model's bytes.
    expect(quantized.sizeBytes * 2.5).toBeLessThan(pruned.sizeBytes);
    expect(quantized.bitsPerWeight).toBeLessThan(12);
    expect(quantized.fidelity?.cosine).toBeGreaterThan(minCosine);
    expect(result.stages.every((stage) => stage.metrics.latency !== null && stage.metrics.estimate?.targetId === 'raspberry-pi-4')).toBe(true);
    // A valid ONNX model as the standard defines it (nodes in topological order included), not only one ONNX Runtime accepts.
    expect(checkModel(readModel(result.model))).toEqual([]);
    const session = await OrtModelSession.create(result.model);
    await session.release();
  });
});
