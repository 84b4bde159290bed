/**
 * fold-constants on the PP-OCR recognizer and classifier (whose weights live in Constant nodes and
 * whose Reshape targets are computed from Cast-ed constants), with real text lines: the folded
 * models give bit-identical outputs and have far fewer nodes.
 */
import { compareOutputs, ocrLines, ocrModelPath, readModel, runOnnx, testPlugin, type OcrModel } from '@edgepress/plugin-sdk/testing';
import foldConstants from './index';

const cases: ReadonlyArray<[OcrModel, number]> = [
  ['recognizer', 15],
  ['classifier', 1],
];

describe('fold-constants on the PP-OCR models', () => {
  it.each(cases)('%s: folds its weight-only Casts, moves Constant nodes to initializers, same outputs bit for bit', async (name, folded) => {
    const path = ocrModelPath(name);
    const run = await testPlugin(foldConstants, { model: path, target: 'xeon-e5-2690-v4' });
    const summary = run.result!.summary!;
    expect(summary.nodesFolded).toBe(folded);
    const model = readModel(run.bytes);
    expect(model.graph.nodes.some((node) => node.opType === 'Constant')).toBe(false);
    expect(model.graph.nodes.length).toBe(summary.nodesAfter);
    expect(Number(summary.nodesAfter)).toBeLessThan(0.6 * Number(summary.nodesBefore));
    for await (const sample of (await ocrLines(3)).samples()) {
      const x = Object.values(sample.inputs)[0];
      const comparison = compareOutputs(await runOnnx(path, { x }), await runOnnx(run.bytes, { x }));
      expect(comparison.maxAbsError).toBe(0);
    }
  }, 60_000);
});
