import { ErrorCode } from '@edgepress/errors';
import { parsePipelineSpec } from './pipeline-spec';

describe('parsePipelineSpec', () => {
  it('applies defaults: any version, empty params, auto metric, no constraints', () => {
    expect(parsePipelineSpec({ target: 'raspberry-pi-5', stages: [{ plugin: 'quantize-int8' }], calibration: { type: 'random', count: 4 } })).toEqual({
      target: 'raspberry-pi-5',
      stages: [{ plugin: 'quantize-int8', version: '*', params: {} }],
      calibration: { type: 'random', count: 4 },
      metric: 'auto',
      constraints: {},
    });
  });

  it('keeps data sources, metrics, constraints and input shapes', () => {
    const spec = parsePipelineSpec({
      target: 'x',
      stages: [{ plugin: 'a', version: '^1.2.0', params: { n: 2, nested: { m: [1] } } }],
      calibration: { type: 'tensor-folder', path: 'data/lines', limit: 8 },
      evaluation: { type: 'jsonl', path: 'eval.jsonl' },
      metric: { type: 'ctc-text', dictionary: 'keys.txt' },
      constraints: { maxSizeBytes: 1e6, maxFidelityDrop: 0.01 },
      inputShapes: { x: [1, 3, 48, 320] },
    });
    expect(spec.stages[0].params).toEqual({ n: 2, nested: { m: [1] } });
    expect(spec.metric).toEqual({ type: 'ctc-text', dictionary: 'keys.txt' });
  });

  it.each([
    [{ stages: [{ plugin: 'a' }] }, /target/],
    [{ target: 'x', stages: [] }, /stages: expected at least one stage/],
    [{ target: 'x', stages: Array.from({ length: 33 }, () => ({ plugin: 'a' })) }, /at most 32 stages/],
    [{ target: 'x', stages: [{ plugin: 'a', params: [1] }] }, /stages.0.params/],
    [{ target: 'x', stages: [{ plugin: 'a', parameters: {} }] }, /Unrecognized key/],
    [{ target: 'x', stages: [{ plugin: 'a' }], calibration: { type: 'http', url: 'x' } }, /calibration.type: expected a data source/],
    [{ target: 'x', stages: [{ plugin: 'a' }], calibration: { type: 'random', count: 0 } }, /calibration.count/],
    [{ target: 'x', stages: [{ plugin: 'a' }], constraints: { maxSizeBytes: -1 } }, /constraints.maxSizeBytes/],
    [{ target: 'x', stages: [{ plugin: 'a' }], constraints: { maxLatency: 1 } }, /Unrecognized key/],
    [{ target: 'x', stages: [{ plugin: 'a' }], inputShapes: { x: [-1] } }, /inputShapes.x.0/],
    ['not a spec', /expected object/],
  ])('refuses %p', (value, message) => {
    expect(() => parsePipelineSpec(value)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(message) }));
  });
});
