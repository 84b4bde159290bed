import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { buildModel, mlpClassifier } from '../../test/models';
import { bindSample } from '../data/bind-inputs';
import { OrtModelSession } from './ort-session';

describe('OrtModelSession', () => {
  it('reports the inputs ONNX Runtime sees, symbolic dims by name, and runs', async () => {
    const session = await OrtModelSession.create(mlpClassifier(), { graphOptimizationLevel: 'basic', intraOpThreads: 1 });
    try {
      expect(session.inputs).toEqual([{ name: 'x', dataType: 'float32', shape: ['n', 784] }]);
      expect(session.outputNames).toEqual(['probs']);
      const outputs = await session.run({ x: { dataType: 'float32', dims: [2, 784], data: new Float32Array(1568) } });
      expect(outputs.probs.dims).toEqual([2, 10]);
      const row = Array.from(outputs.probs.data as Float32Array).slice(0, 10);
      expect(row.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 5);
    } finally {
      await session.release();
    }
  });

  it('turns a model ONNX Runtime cannot load into INVALID_MODEL with its reason', async () => {
    const error = await OrtModelSession.create(Uint8Array.of(1, 2, 3)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EdgepressError);
    expect((error as EdgepressError).code).toBe(ErrorCode.INVALID_MODEL);
    expect((error as Error).message).toMatch(/does not load in ONNX Runtime/);
  });

  it('turns a failed run into INVALID_MODEL and validates settings', async () => {
    const session = await OrtModelSession.create(mlpClassifier());
    try {
      await expect(session.run({ x: { dataType: 'float32', dims: [1, 5], data: new Float32Array(5) } })).rejects.toThrow(/ONNX Runtime failed to run the model/);
    } finally {
      await session.release();
    }
    await expect(OrtModelSession.create(mlpClassifier(), { intraOpThreads: -1 })).rejects.toThrow(/intraOpThreads/);
    await expect(OrtModelSession.create(mlpClassifier(), { graphOptimizationLevel: 'max' as 'all' })).rejects.toThrow(/graphOptimizationLevel/);
    await expect(OrtModelSession.create(mlpClassifier(), { matmulNBitsAccuracyLevel: 7 as 0 })).rejects.toThrow(/matmulNBitsAccuracyLevel/);
  });

  it('feeds float16, int64 and bool tensors as datasets hold them', async () => {
    const model = buildModel(`
nodes = [
  helper.make_node('Cast', ['h'], ['h32'], to=TensorProto.FLOAT),
  helper.make_node('Cast', ['ids'], ['ids32'], to=TensorProto.FLOAT),
  helper.make_node('Cast', ['mask'], ['mask32'], to=TensorProto.FLOAT),
  helper.make_node('Sum', ['h32', 'ids32', 'mask32'], ['y']),
]
model = finish(nodes, [helper.make_tensor_value_info('h', TensorProto.FLOAT16, [2]), helper.make_tensor_value_info('ids', TensorProto.INT64, [2]),
  helper.make_tensor_value_info('mask', TensorProto.BOOL, [2])], [helper.make_tensor_value_info('y', TensorProto.FLOAT, [2])], [])
`);
    const session = await OrtModelSession.create(model);
    try {
      expect(session.inputs.map((input) => input.dataType)).toEqual(['float16', 'int64', 'bool']);
      const feeds = bindSample(
        {
          id: 'mixed',
          inputs: {
            h: { dataType: 'float16', dims: [2], data: Uint16Array.of(0x3c00, 0xc000) }, // 1, -2
            ids: { dataType: 'int64', dims: [2], data: BigInt64Array.of(10n, 20n) },
            mask: { dataType: 'bool', dims: [2], data: Uint8Array.of(1, 0) },
          },
        },
        session.inputs,
      );
      expect(Array.from((await session.run(feeds)).y.data as Float32Array)).toEqual([12, 18]);
    } finally {
      await session.release();
    }
  });
});
