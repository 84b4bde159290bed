import { readModel } from '@edgepress/onnx';
import { convModels } from '../../test/models';
import { randomDataset } from '../data/random-dataset';
import { captureActivations, exposeTensors } from './capture-activations';
import { OrtModelSession } from './ort-session';
import { runDataset } from './run-dataset';

describe('captureActivations', () => {
  const { full, upToRelu } = convModels();
  const inputs = [{ name: 'x', dataType: 'float32' as const, shape: ['n', 1, 8, 8] }];
  const dataset = randomDataset(inputs, { count: 5, seed: 3, dims: { n: 1 }, distribution: { kind: 'normal', mean: 0, std: 1 } });

  it('returns, batch by batch, the same values as a model whose output is that tensor', async () => {
    const reference = await OrtModelSession.create(upToRelu);
    const expected: Float32Array[] = [];
    try {
      for await (const { outputs } of runDataset(reference, dataset)) expected.push(outputs.relu_out.data as Float32Array);
    } finally {
      await reference.release();
    }
    const captured: Float32Array[] = [];
    for await (const { batch, values } of captureActivations(full, ['relu_out', 'conv_out'], dataset)) {
      expect(Object.keys(values).sort()).toEqual(['conv_out', 'relu_out']);
      expect(values.relu_out.dims).toEqual([1, 4, 6, 6]);
      const conv = values.conv_out.data as Float32Array;
      expect(Array.from(values.relu_out.data as Float32Array)).toEqual(Array.from(conv, (value) => Math.max(value, 0)));
      captured.push(values.relu_out.data as Float32Array);
      expect(batch.samples).toHaveLength(1);
    }
    expect(captured).toHaveLength(5);
    captured.forEach((values, i) => expect(Array.from(values)).toEqual(Array.from(expected[i])));
  });

  it('batches capture runs too', async () => {
    const batched = randomDataset(inputs, { count: 5, seed: 3, dims: { n: 1 } });
    const sizes: number[][] = [];
    for await (const { values } of captureActivations(full, ['conv_out'], batched, { batchSize: 2 })) sizes.push([...values.conv_out.dims]);
    expect(sizes).toEqual([
      [2, 4, 6, 6],
      [2, 4, 6, 6],
      [1, 4, 6, 6],
    ]);
  });

  it('declares the captured tensors as typed graph outputs and leaves the rest of the model alone', () => {
    const model = readModel(exposeTensors(full, ['conv_out', 'logits']));
    expect(model.graph.outputs.map((output) => output.name)).toEqual(['logits', 'conv_out']);
    expect(model.graph.valueType('conv_out')?.elemType).toBe(1);
    expect(model.graph.nodes).toHaveLength(4);
  });

  it('names what cannot be captured', () => {
    expect(() => exposeTensors(full, ['nope'])).toThrow(/No node of the main graph produces a tensor named 'nope'/);
    expect(() => exposeTensors(full, ['x'])).toThrow(/'x' is a graph input/);
    expect(() => exposeTensors(full, [])).toThrow(/at least one tensor name/);
  });
});
