import { mlpClassifier } from '../../test/models';
import { measureLatency, summarizeTimes } from './latency';
import { OrtModelSession } from './ort-session';

describe('measureLatency', () => {
  it('returns sane figures for a small model (no timing thresholds: the machine is shared)', async () => {
    const session = await OrtModelSession.create(mlpClassifier());
    try {
      const result = await measureLatency(session, { x: { dataType: 'float32', dims: [1, 784], data: new Float32Array(784).fill(0.5) } }, { warmupRuns: 2, runs: 9 });
      expect(result.runs).toBe(9);
      expect(result.warmupRuns).toBe(2);
      expect(result.minMs).toBeGreaterThan(0);
      expect(result.medianMs).toBeGreaterThanOrEqual(result.minMs);
      expect(result.p90Ms).toBeGreaterThanOrEqual(result.medianMs);
      expect(Number.isFinite(result.meanMs)).toBe(true);
      expect(result.host.onnxruntime).toBe('1.30.0');
      expect(result.host.logicalCores).toBeGreaterThan(0);
      await expect(measureLatency(session, {}, { runs: 0 })).rejects.toThrow(/runs to be an integer/);
    } finally {
      await session.release();
    }
  });
});

describe('summarizeTimes', () => {
  it('computes median, nearest-rank p90, min and mean', () => {
    expect(summarizeTimes([5, 1, 4, 2, 3])).toEqual({ medianMs: 3, p90Ms: 5, minMs: 1, meanMs: 3 });
    expect(summarizeTimes([4, 1, 3, 2])).toEqual({ medianMs: 2.5, p90Ms: 4, minMs: 1, meanMs: 2.5 });
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(summarizeTimes(ten).p90Ms).toBe(9);
    expect(() => summarizeTimes([])).toThrow(/at least one/);
  });
});
