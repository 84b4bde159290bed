import type { ModelInput } from './model-inputs';
import { randomDataset } from './random-dataset';
import type { Sample } from './sample';

const inputs: ModelInput[] = [
  { name: 'x', dataType: 'float32', shape: ['batch', 3, 'height', 4] },
  { name: 'ids', dataType: 'int64', shape: [1, 5] },
];

async function collect(dataset: ReturnType<typeof randomDataset>): Promise<Sample[]> {
  const samples: Sample[] = [];
  for await (const sample of dataset.samples()) samples.push(sample);
  return samples;
}

describe('randomDataset', () => {
  it('shapes tensors from the model inputs with symbolic dims resolved, and is reproducible by seed', async () => {
    const first = await collect(randomDataset(inputs, { count: 3, seed: 7, dims: { batch: 1, height: 2 } }));
    const again = await collect(randomDataset(inputs, { count: 3, seed: 7, dims: { batch: 1, height: 2 } }));
    const other = await collect(randomDataset(inputs, { count: 3, seed: 8, dims: { batch: 1, height: 2 } }));
    expect(first).toHaveLength(3);
    expect(first[0].inputs.x.dims).toEqual([1, 3, 2, 4]);
    expect(first[0].inputs.ids.dims).toEqual([1, 5]);
    expect(first[0].inputs.ids.data).toBeInstanceOf(BigInt64Array);
    expect(first).toEqual(again);
    expect(first[0].inputs.x.data).not.toEqual(other[0].inputs.x.data);
    expect(first[0].inputs.x.data).not.toEqual(first[1].inputs.x.data);
  });

  it('draws floats from the requested distribution and integers from the requested range', async () => {
    const [sample] = await collect(
      randomDataset(inputs, { count: 1, inputShapes: { x: [1, 3, 100, 100] }, distribution: { kind: 'uniform', low: -2, high: 2 }, integerRange: [5, 8] }),
    );
    const floats = sample.inputs.x.data as Float32Array;
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...floats)).toBeLessThan(2);
    const mean = floats.reduce((sum, value) => sum + value, 0) / floats.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(new Set(Array.from(sample.inputs.ids.data as BigInt64Array)).size).toBeLessThanOrEqual(3);
    expect(Array.from(sample.inputs.ids.data as BigInt64Array).every((value) => value >= 5n && value < 8n)).toBe(true);
    const [normal] = await collect(randomDataset([inputs[0]], { count: 1, inputShapes: { x: [1, 3, 100, 100] }, distribution: { kind: 'normal', mean: 1, std: 2 } }));
    const values = normal.inputs.x.data as Float32Array;
    const average = values.reduce((sum, value) => sum + value, 0) / values.length;
    const std = Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length);
    expect(average).toBeCloseTo(1, 1);
    expect(std).toBeCloseTo(2, 1);
  });

  it('names the symbolic dimension it cannot resolve', () => {
    expect(() => randomDataset(inputs, { count: 1, dims: { batch: 1 } })).toThrow(/Input 'x' has symbolic dimension 'height' at axis 2; give its value in dims/);
    expect(() => randomDataset(inputs, { count: 0 })).toThrow(/positive integer count/);
    expect(() => randomDataset([{ name: 'x', dataType: 'float32', shape: [100000, 100000] }], { count: 1 })).toThrow(/above \d+ elements/);
  });
});
