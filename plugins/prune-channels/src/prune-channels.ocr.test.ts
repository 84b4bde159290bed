/**
 * prune-channels on the real PP-OCR classifier and detector (MobileNetV3/PP-LCNet-style: SE gates,
 * depthwise convs, residual Adds; the detector's FPN adds Resize and Concat), with calibration on
 * real text: the output loads in ONNX Runtime, every reported layer really lost the reported
 * channels, parameters and file size drop accordingly, and the outputs stay close to the
 * original's on held-out real inputs.
 */
import { compareOutputs, ocrModelPath, readModel, runOnnx, testPlugin, type OnnxFeed, type PluginTestRun } from '@edgepress/plugin-sdk/testing';
import pruneChannels from './index';
import { asDataset, classifierFeeds, detectorFeeds } from './test-support/ocr-inputs';

function floatParameters(bytes: Uint8Array): number {
  const model = readModel(bytes);
  return model.weights().reduce((sum, weight) => {
    const info = model.weightInfo(weight);
    return info.dataTypeName === 'float' ? sum + info.elementCount : sum;
  }, 0);
}

/** Every 'pruned:<layer>' = 'removed/total' entry matches the layer's output channels in the model. */
function expectReportedShapes(run: PluginTestRun): number {
  const model = readModel(run.bytes);
  let checked = 0;
  for (const [key, value] of Object.entries(run.result?.summary ?? {})) {
    if (!key.startsWith('pruned:')) continue;
    const [removed, total] = String(value).split('/').map(Number);
    const node = model.graph.nodes.find((item) => item.name === key.slice('pruned:'.length))!;
    const dims = model.readWeight(node.input[1]).dims;
    expect(node.opType === 'ConvTranspose' ? dims[1] : dims[0]).toBe(total - removed);
    checked += removed > 0 ? 1 : 0;
  }
  return checked;
}

async function fidelity(original: string, pruned: Uint8Array, feeds: readonly OnnxFeed[]): Promise<number> {
  let worst = 1;
  for (const x of feeds) worst = Math.min(worst, compareOutputs(await runOnnx(original, { x }), await runOnnx(pruned, { x })).cosine);
  return worst;
}

describe('prune-channels on the PP-OCR models (calibrated on real text lines)', () => {
  it('classifier: 10% of the channels go, the model shrinks and keeps its decisions', async () => {
    const path = ocrModelPath('classifier');
    const feeds = await classifierFeeds(24);
    const run = await testPlugin(pruneChannels, {
      model: path,
      target: 'xeon-e5-2690-v4',
      params: { ratio: 0.1, calibrationBatches: 16 },
      calibration: asDataset(feeds.slice(0, 16)),
    });
    const summary = run.result!.summary!;
    expect(summary.criterion).toBe('activation');
    expect(expectReportedShapes(run)).toBeGreaterThanOrEqual(5);
    expect(summary.parametersAfter).toBe(floatParameters(run.bytes));
    expect(Number(summary.parametersAfter)).toBeLessThan(0.9 * Number(summary.parametersBefore));
    expect(run.bytes.length).toBeLessThan(0.9 * run.input.length);
    expect(run.result!.notes!.join('\n')).toMatch(/p2o\.Conv\.52 \(200 channels\) kept: Shape p2o\.Shape\.0/);
    expect(await fidelity(path, run.bytes, feeds.slice(16))).toBeGreaterThan(0.97);
  }, 120_000);

  it('detector: Resize and Concat in the FPN are followed; 20% of the channels go', async () => {
    const path = ocrModelPath('detector');
    const feeds = await detectorFeeds(6);
    const run = await testPlugin(pruneChannels, {
      model: path,
      target: 'xeon-e5-2690-v4',
      params: { ratio: 0.2 },
      calibration: asDataset(feeds.slice(0, 4)),
    });
    const summary = run.result!.summary!;
    expect(expectReportedShapes(run)).toBeGreaterThanOrEqual(10);
    expect(summary.parametersAfter).toBe(floatParameters(run.bytes));
    expect(Number(summary.parametersAfter)).toBeLessThan(0.75 * Number(summary.parametersBefore));
    expect(run.bytes.length).toBeLessThan(0.75 * run.input.length);
    expect(await fidelity(path, run.bytes, feeds.slice(4))).toBeGreaterThan(0.93);
  }, 180_000);
});
