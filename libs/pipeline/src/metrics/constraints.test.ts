import { checkConstraints, validateConstraints } from './constraints';
import type { StageMetrics } from './stage-metrics';

const metrics = (overrides: Partial<StageMetrics>): StageMetrics => ({
  sizeBytes: 1000,
  gzipBytes: 900,
  parameters: 250,
  nonZeros: 250,
  weightBytes: 1000,
  bitsPerWeight: 32,
  latency: null,
  estimate: null,
  fidelity: null,
  accuracy: null,
  evaluatedSamples: 0,
  ...overrides,
});

const accuracy = (value: number) => ({ metric: 'top1-accuracy', value, samples: 100, figures: {} });
const fidelity = (cosine: number) => ({ cosine, sqnrDb: 30, top1Agreement: 1, maxAbsError: 0, meanAbsError: 0, values: 1, positions: 1, nonFiniteValues: 0, samples: 1, outputs: {} });

describe('checkConstraints', () => {
  const baseline = metrics({ accuracy: accuracy(0.9) });

  it('checks each given limit against the final model', () => {
    const final = metrics({ sizeBytes: 300, accuracy: accuracy(0.88), fidelity: fidelity(0.995), estimate: { targetId: 't', latencyMs: 12, energyMj: 1, complete: true, compatible: true, fits: true, issues: [] } });
    const results = checkConstraints({ maxSizeBytes: 250, maxAccuracyDrop: 0.03, maxFidelityDrop: 0.01, maxEstimatedLatencyMs: 10 }, baseline, final);
    expect(results.map((result) => [result.constraint, result.met])).toEqual([
      ['maxSizeBytes', false],
      ['maxAccuracyDrop', true],
      ['maxFidelityDrop', true],
      ['maxEstimatedLatencyMs', false],
    ]);
    expect(results[0]).toMatchObject({ limit: 250, actual: 300, message: 'maxSizeBytes: 300 bytes > 250 bytes' });
    expect(results[1].actual).toBeCloseTo(0.02, 12);
    expect(results[2].actual).toBeCloseTo(0.005, 12);
  });

  it('counts a limit whose figure was not measured as not met, and says why', () => {
    const [result] = checkConstraints({ maxEstimatedLatencyMs: 5 }, baseline, metrics({}));
    expect(result).toMatchObject({ met: false, actual: null });
    expect(result.message).toMatch(/no target/);
    expect(checkConstraints({}, baseline, metrics({}))).toEqual([]);
  });

  it('validates constraint objects', () => {
    expect(validateConstraints({ maxSizeBytes: 10 })).toEqual({ maxSizeBytes: 10 });
    expect(() => validateConstraints({ maxSize: 10 })).toThrow(/Unknown constraint 'maxSize'/);
    expect(() => validateConstraints({ maxAccuracyDrop: -1 })).toThrow(/non-negative number/);
    expect(() => validateConstraints(null)).toThrow(/object/);
  });
});
