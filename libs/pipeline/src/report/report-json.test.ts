import { getTarget } from '@edgepress/targets';
import { classAccuracy, fidelity, stageMetrics } from '../../test/stage-metrics-fixtures';
import { buildReport, parseReport, serializeReport } from './report-json';
import { reportJsonSchema } from './report-schema';

describe('report.json', () => {
  const baseline = stageMetrics({ accuracy: classAccuracy([0.9, 0.8, 1]) });
  const stages = [
    { plugin: 'prune-channels', version: '1.0.0', params: { ratio: 0.3 }, metrics: stageMetrics({ sizeBytes: 7_000_000, fidelity: fidelity(0.998, Infinity), accuracy: classAccuracy([0.9, 0.8, 1]) }), durationMs: 1200, summary: { removed: 40 }, notes: ['kept stem'] },
    { plugin: 'quantize-int8', metrics: stageMetrics({ sizeBytes: 2_000_000, bitsPerWeight: 8.2, fidelity: fidelity(0.991, 24.5), accuracy: classAccuracy([0.9, 0.4, 0.9]) }) },
  ];
  const report = buildReport({
    modelName: 'rec.onnx',
    baseline,
    stages,
    target: getTarget('raspberry-pi-4'),
    constraints: { maxSizeBytes: 3_000_000, maxAccuracyDrop: 0.1 },
    evaluation: 'tensor folder lines (48 samples)',
    createdAt: new Date('2026-01-02T03:04:05Z'),
  });

  it('has the baseline and one entry per stage, in order, with every measurement', () => {
    expect(report.baseline.plugin).toBe('baseline');
    expect(report.stages.map((stage) => stage.plugin)).toEqual(['prune-channels', 'quantize-int8']);
    const last = report.stages[1];
    expect(last).toMatchObject({ sizeBytes: 2_000_000, gzipBytes: 9_000_000, parameters: 2_500_000, nonZeros: 2_400_000, latencyMs: 20, bitsPerWeight: 8.2 });
    expect(last.estimate).toMatchObject({ targetId: 'raspberry-pi-4', latencyMs: 100 });
    expect(last.fidelity).toMatchObject({ cosine: 0.991, top1Agreement: 0.97, sqnrDb: 24.5 });
    expect(report.stages[0]).toMatchObject({ version: '1.0.0', params: { ratio: 0.3 }, durationMs: 1200, summary: { removed: 40 }, notes: ['kept stem'] });
    expect(report.target).toMatchObject({ id: 'raspberry-pi-4', kind: 'cpu' });
    expect(report.host.cpu).toBe('Test CPU');
    expect(report.data).toEqual({ calibration: null, evaluation: 'tensor folder lines (48 samples)', evaluatedSamples: 30 });
  });

  it('writes infinite SQNR as "Infinity" and gives accuracy deltas, per class worst first', () => {
    expect(report.stages[0].fidelity?.sqnrDb).toBe('Infinity');
    const accuracy = report.stages[1].accuracy;
    expect(accuracy?.deltaVsBaseline).toBeCloseTo(-0.5 / 3, 12);
    expect(accuracy?.perClassDeltas?.map((entry) => entry.label)).toEqual([1, 2, 0]);
    expect(accuracy?.perClassDeltas?.[0].delta).toBeCloseTo(-0.4, 12);
    expect(report.baseline.accuracy?.deltaVsBaseline).toBeUndefined();
  });

  it('checks the constraints against the last stage', () => {
    expect(report.constraints.map((result) => [result.constraint, result.met])).toEqual([
      ['maxSizeBytes', true],
      ['maxAccuracyDrop', false],
    ]);
    expect(report.constraintsMet).toBe(false);
  });

  it('round-trips through its text form and schema', () => {
    const text = serializeReport(report);
    expect(text).toContain('"sqnrDb": "Infinity"');
    expect(parseReport(text)).toEqual(report);
    expect(() => parseReport('{"schemaVersion": 1}')).toThrow(/does not match its schema at createdAt/);
    expect(() => parseReport('nope')).toThrow(/not valid JSON/);
    const broken = JSON.parse(text) as { stages: { sizeBytes: unknown }[] };
    broken.stages[1].sizeBytes = -1;
    expect(() => parseReport(JSON.stringify(broken))).toThrow(/stages\.1\.sizeBytes/);
  });

  it('publishes a JSON Schema naming the required fields', () => {
    const schema = reportJsonSchema() as { required: string[]; properties: Record<string, { required?: string[] }> };
    expect(schema.required).toEqual(expect.arrayContaining(['baseline', 'stages', 'constraints', 'target']));
    const stage = (schema.properties.stages as unknown as { items: { required: string[] } }).items;
    expect(stage.required).toEqual(expect.arrayContaining(['plugin', 'sizeBytes', 'gzipBytes', 'parameters', 'nonZeros', 'latencyMs', 'estimate', 'fidelity']));
  });
});
