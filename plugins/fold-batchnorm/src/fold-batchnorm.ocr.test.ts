/**
 * fold-batchnorm on the three PP-OCR models with real inputs (text lines; classifier crops;
 * detector pages of stacked lines). Tolerance: folding changes float rounding only, so the output
 * must match the original to 1e-4 relative RMS error (SQNR >= 80 dB) and 5e-4 absolute (the
 * outputs are probabilities), with no BatchNormalization left and fewer nodes.
 */
import { compareOutputs, ocrModelPath, runOnnx, testPlugin, type OcrModel, type OnnxFeed } from '@edgepress/plugin-sdk/testing';
import foldBatchNorm from './index';
import { classifierFeeds, detectorFeeds, recognizerFeeds } from './test-support/ocr-inputs';

const cases: ReadonlyArray<[OcrModel, () => Promise<OnnxFeed[]>, number]> = [
  ['classifier', () => classifierFeeds(8), 35],
  ['recognizer', () => recognizerFeeds(4), 6],
  ['detector', () => detectorFeeds(2), 3],
];

describe('fold-batchnorm on the PP-OCR models', () => {
  it.each(cases)('%s: no BatchNormalization left, outputs within 1e-4 relative on real inputs', async (name, feeds, batchNorms) => {
    const path = ocrModelPath(name);
    const run = await testPlugin(foldBatchNorm, { model: path, target: 'xeon-e5-2690-v4' });
    expect(run.result?.summary).toMatchObject({ batchNorms, batchNormsLeft: 0 });
    expect(Number(run.result?.summary?.nodesAfter)).toBeLessThan(Number(run.result?.summary?.nodesBefore));
    for (const x of await feeds()) {
      const comparison = compareOutputs(await runOnnx(path, { x }), await runOnnx(run.bytes, { x }));
      expect(comparison.sqnrDb).toBeGreaterThan(80);
      expect(comparison.maxAbsError).toBeLessThan(5e-4);
    }
  }, 120_000);
});
