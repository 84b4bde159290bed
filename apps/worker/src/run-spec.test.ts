import { parsePipelineSpec } from '@edgepress/pipeline';
import { pipelineSpecOf } from './run-spec';

describe('pipelineSpecOf', () => {
  const stages = [
    { index: 1, pluginName: 'quantize-int8', pluginVersion: '0.2.0', params: { mode: 'static' } },
    { index: 0, pluginName: 'prune-channels', pluginVersion: '0.1.0', params: { ratio: 0.25 } },
  ];

  it('runs the pinned stage rows in order, calibrated on seeded random data when no dataset was given', () => {
    const spec = pipelineSpecOf({ targetId: 'raspberry-pi-4', spec: { version: 1, constraints: { maxSizeBytes: 1000 } } }, stages, 8);
    expect(parsePipelineSpec(spec)).toMatchObject({
      target: 'raspberry-pi-4',
      stages: [
        { plugin: 'prune-channels', version: '0.1.0', params: { ratio: 0.25 } },
        { plugin: 'quantize-int8', version: '0.2.0', params: { mode: 'static' } },
      ],
      calibration: { type: 'random', count: 8, seed: 0 },
      constraints: { maxSizeBytes: 1000 },
    });
    expect(spec.evaluation).toBeUndefined();
  });

  it('refers to the run\'s datasets for the dataset resolver', () => {
    const spec = pipelineSpecOf({ targetId: 't', spec: { calibrationDatasetId: 'c-id', evaluationDatasetId: 'e-id', constraints: null } }, stages, 8);
    expect(parsePipelineSpec(spec)).toMatchObject({ calibration: { type: 'ref', id: 'c-id' }, evaluation: { type: 'ref', id: 'e-id' }, constraints: {} });
  });

  it('passes the stored input shapes of symbolic inputs to the pipeline', () => {
    const spec = pipelineSpecOf({ targetId: 't', spec: { inputShapes: [{ name: 'x', dims: [1, 3, 48, 192] }, { name: 'mask', dims: [1, 48] }] } }, stages, 8);
    expect(parsePipelineSpec(spec).inputShapes).toEqual({ x: [1, 3, 48, 192], mask: [1, 48] });
    expect(pipelineSpecOf({ targetId: 't', spec: { inputShapes: [] } }, stages, 8).inputShapes).toBeUndefined();
    // A malformed stored shape reaches the pipeline's strict parser, which names it.
    expect(() => parsePipelineSpec(pipelineSpecOf({ targetId: 't', spec: { inputShapes: [{ name: 'x', dims: ['a'] }] } }, stages, 8))).toThrow(/inputShapes.x.0/);
  });
});
