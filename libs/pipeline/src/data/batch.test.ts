import { EdgepressError } from '@edgepress/errors';
import { batchDataset, type Batch } from './batch';
import { bindSample } from './bind-inputs';
import type { ModelInput } from './model-inputs';
import { datasetFromSamples, UNNAMED_INPUT, type Sample } from './sample';

const single: ModelInput[] = [{ name: 'x', dataType: 'float32', shape: ['n', 2] }];
const sample = (id: string, values: number[], label?: number): Sample => ({
  id,
  inputs: { [UNNAMED_INPUT]: { dataType: 'float32', dims: [1, values.length], data: Float32Array.from(values) } },
  label,
});

async function collect(batches: AsyncIterable<Batch>): Promise<Batch[]> {
  const all: Batch[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

describe('bindSample', () => {
  it('maps an unnamed tensor onto the single input', () => {
    expect(Object.keys(bindSample(sample('a', [1, 2]), single))).toEqual(['x']);
  });

  it('converts floating types and refuses other mismatches', () => {
    const f64: Sample = { id: 'd', inputs: { x: { dataType: 'float64', dims: [1, 2], data: Float64Array.of(0.1, 2) } } };
    const bound = bindSample(f64, single).x;
    expect(bound.dataType).toBe('float32');
    expect(Array.from(bound.data as Float32Array)).toEqual([Math.fround(0.1), 2]);
    const ints: Sample = { id: 'i', inputs: { x: { dataType: 'int32', dims: [1, 2], data: Int32Array.of(1, 2) } } };
    expect(() => bindSample(ints, single)).toThrow(/Sample 'i' gives input 'x' int32 data but the model expects float32/);
  });

  it('names what is wrong: unknown inputs, missing inputs, shapes, unnamed tensors for several inputs', () => {
    const two: ModelInput[] = [...single, { name: 'y', dataType: 'float32', shape: null }];
    expect(() => bindSample(sample('a', [1, 2]), two)).toThrow(/without an input name, but the model has 2 inputs \(x, y\)/);
    expect(() => bindSample({ id: 'b', inputs: { z: sample('', [1, 2]).inputs[UNNAMED_INPUT] } }, single)).toThrow(/'z', which is not an input of the model \(inputs: x\)/);
    expect(() => bindSample({ id: 'c', inputs: { x: sample('', [1, 2]).inputs[UNNAMED_INPUT] } }, two)).toThrow(/does not feed model input\(s\) y/);
    expect(() => bindSample(sample('d', [1, 2, 3]), single)).toThrow(/shape \[1, 3\] but the model declares \[n, 2\]/);
  });
});

describe('batchDataset', () => {
  const dataset = datasetFromSamples([sample('a', [1, 2], 0), sample('b', [3, 4], 1), sample('c', [5, 6], 2)]);

  it('yields one sample per run by default', async () => {
    const batches = await collect(batchDataset(dataset, single));
    expect(batches.map((batch) => [batch.index, batch.samples.map((s) => s.id), batch.feeds.x.dims])).toEqual([
      [0, ['a'], [1, 2]],
      [1, ['b'], [1, 2]],
      [2, ['c'], [1, 2]],
    ]);
  });

  it('concatenates samples along the first axis, with a short last batch', async () => {
    const batches = await collect(batchDataset(dataset, single, 2));
    expect(batches).toHaveLength(2);
    expect(batches[0].feeds.x.dims).toEqual([2, 2]);
    expect(Array.from(batches[0].feeds.x.data as Float32Array)).toEqual([1, 2, 3, 4]);
    expect(batches[1].feeds.x.dims).toEqual([1, 2]);
    expect(batches[1].samples.map((s) => s.label)).toEqual([2]);
  });

  it('refuses to batch a fixed first dimension or samples of different shapes', async () => {
    await expect(collect(batchDataset(dataset, [{ name: 'x', dataType: 'float32', shape: [1, 2] }], 2))).rejects.toThrow(/fixed first dimension 1/);
    const ragged = datasetFromSamples([sample('a', [1, 2]), { id: 'b', inputs: { [UNNAMED_INPUT]: { dataType: 'float32', dims: [1, 3], data: new Float32Array(3) } } }]);
    await expect(collect(batchDataset(ragged, [{ name: 'x', dataType: 'float32', shape: ['n', null] }], 2))).rejects.toThrow(EdgepressError);
  });
});
