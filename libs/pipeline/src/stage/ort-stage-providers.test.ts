import { ErrorCode } from '@edgepress/errors';
import { convModels, mlpClassifier } from '../../test/models';
import { randomDataset } from '../data/random-dataset';
import { evaluateModel } from '../evaluate/evaluate-model';
import { OrtModelSession } from '../evaluate/ort-session';
import { sessionReference } from '../evaluate/reference-outputs';
import { runDataset } from '../evaluate/run-dataset';
import { loadCalibrationSet } from './calibration-set';
import { createOrtStageProviders } from './ort-stage-providers';

const { full, upToRelu } = convModels();
const convInputs = [{ name: 'x', dataType: 'float32' as const, shape: ['n', 1, 8, 8] }];
const convData = randomDataset(convInputs, { count: 4, seed: 5, dims: { n: 1 }, distribution: { kind: 'normal', mean: 0, std: 1 } });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('createOrtStageProviders', () => {
  it('hands out calibration batches and activations (inner values and graph inputs) one batch at a time', async () => {
    const calibration = await loadCalibrationSet(convData, convInputs);
    const providers = createOrtStageProviders({ inputModel: full, calibration });
    expect(providers.calibrationBatches).toBe(4);
    const first = await providers.calibrationInputs(2);
    expect(first.x.dims).toEqual([1, 1, 8, 8]);
    expect(Array.from(first.x.data as Float32Array)).toEqual(Array.from(calibration.samples[2].inputs.x.data as Float32Array));

    const reference = await OrtModelSession.create(upToRelu);
    const expected: Float32Array[] = [];
    try {
      for await (const { outputs } of runDataset(reference, convData)) expected.push(outputs.relu_out.data as Float32Array);
    } finally {
      await reference.release();
    }
    const batches = await collect(providers.activations(full, ['relu_out', 'x'], { maxBatches: 3 }));
    expect(batches).toHaveLength(3);
    batches.forEach((values, i) => {
      expect(values.relu_out.dims).toEqual([1, 4, 6, 6]);
      expect(Array.from(values.relu_out.data as Float32Array)).toEqual(Array.from(expected[i]));
      expect(Array.from(values.x.data as Float32Array)).toEqual(Array.from(calibration.samples[i].inputs.x.data as Float32Array));
    });
    await expect(collect(providers.activations(full, ['nope'], { maxBatches: 1 }))).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/nope/) });
    const aborted = new AbortController();
    aborted.abort();
    await expect(collect(providers.activations(full, ['x'], { maxBatches: 2, signal: aborted.signal }))).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    await providers.dispose();
  });

  it('evaluates fidelity against the stage input model as evaluateModel does', async () => {
    const baseline = mlpClassifier();
    const perturbed = mlpClassifier(1, 0.3);
    const inputs = [{ name: 'x', dataType: 'float32' as const, shape: ['n', 784] }];
    const data = randomDataset(inputs, { count: 6, seed: 2, dims: { n: 1 } });
    const providers = createOrtStageProviders({ inputModel: baseline, calibration: await loadCalibrationSet(data, inputs) });
    expect(await providers.evaluate(baseline, { batches: 6 })).toEqual({ cosine: 1, sqnrDb: Infinity, top1Agreement: 1 });
    const fidelity = await providers.evaluate(perturbed, { batches: 6 });
    const reference = await OrtModelSession.create(baseline);
    const candidate = await OrtModelSession.create(perturbed);
    try {
      const direct = await evaluateModel(candidate, data, { reference: sessionReference(reference) });
      expect(fidelity.cosine).toBeCloseTo(direct.fidelity?.cosine as number, 10);
      expect(fidelity.sqnrDb).toBeCloseTo(direct.fidelity?.sqnrDb as number, 8);
      expect(fidelity.top1Agreement).toBe(direct.fidelity?.top1Agreement);
      expect(fidelity.cosine).toBeLessThan(1);
    } finally {
      await Promise.all([reference.release(), candidate.release()]);
    }
    await providers.dispose();
  });

  it('profiles the host latency and per-node times, with random inputs when there is no calibration data', async () => {
    const providers = createOrtStageProviders({ inputModel: full, session: { graphOptimizationLevel: 'disabled' } });
    expect(providers.calibrationBatches).toBe(0);
    const profile = await providers.profile(full, { runs: 3 });
    expect(profile.latencyMs).toBeGreaterThan(0);
    expect(Object.keys(profile.nodes).sort()).toEqual(['conv', 'fc', 'flatten', 'relu']);
    expect(Object.values(profile.nodes).every((ms) => ms >= 0 && ms < profile.latencyMs * 10)).toBe(true);
  });
});
