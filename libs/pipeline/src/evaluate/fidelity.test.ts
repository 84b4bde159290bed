import * as ort from 'onnxruntime-node';
import { FidelityAccumulator, sqnrDb } from './fidelity';

const tensor = (values: number[], dims: number[]) => new ort.Tensor('float32', Float32Array.from(values), dims);

describe('FidelityAccumulator', () => {
  it('scores identical outputs as cosine 1, SQNR +Infinity, agreement 1, no error', () => {
    const fidelity = new FidelityAccumulator();
    const out = { y: tensor([0.1, 0.7, 0.2, 0.5, 0.4, 0.1], [2, 3]) };
    fidelity.add(out, out, 2);
    const result = fidelity.result();
    expect(result).toMatchObject({ cosine: 1, sqnrDb: Infinity, top1Agreement: 1, maxAbsError: 0, meanAbsError: 0, samples: 2, positions: 2, values: 6 });
    expect(result.outputs.y).toMatchObject({ top1Mode: 'argmax', classAxis: 1 });
  });

  it('matches hand-computed figures', () => {
    // Sample 1: ref [1, 2, 3, 4] vs out [1, 2, 3, 5]: cosine 34 / sqrt(30 * 39), arg-max 3 vs 3.
    // Sample 2: ref [4, 3, 2, 1] vs out [1, 3, 2, 4]: cosine (4 + 9 + 4 + 4) / 30, arg-max 0 vs 3.
    const fidelity = new FidelityAccumulator();
    fidelity.add({ y: tensor([1, 2, 3, 4, 4, 3, 2, 1], [2, 4]) }, { y: tensor([1, 2, 3, 5, 1, 3, 2, 4], [2, 4]) }, 2);
    const result = fidelity.result();
    expect(result.cosine).toBeCloseTo((34 / Math.sqrt(30 * 39) + 21 / 30) / 2, 12);
    expect(result.sqnrDb).toBeCloseTo(10 * Math.log10(60 / (1 + 9 + 9)), 12);
    expect(result.top1Agreement).toBe(0.5);
    expect(result.maxAbsError).toBe(3);
    expect(result.meanAbsError).toBe(7 / 8);
  });

  it('compares sequence outputs per position along the class axis', () => {
    // [1, 3 steps, 2 classes]: steps pick (1, 0, 1) in the reference and (1, 1, 1) in the output.
    const fidelity = new FidelityAccumulator();
    fidelity.add({ y: tensor([0, 1, 1, 0, 0, 1], [1, 3, 2]) }, { y: tensor([0, 1, 0.4, 0.6, 0, 1], [1, 3, 2]) }, 1);
    expect(fidelity.result().top1Agreement).toBeCloseTo(2 / 3, 12);
    expect(fidelity.result().positions).toBe(3);
  });

  it('uses a given class axis (channels-first maps)', () => {
    // [1, 2 classes, 2 positions]: reference picks class 1 at p0 and class 0 at p1; output class 1 at both.
    const fidelity = new FidelityAccumulator({ classAxis: { y: 1 } });
    fidelity.add({ y: tensor([0.2, 0.9, 0.8, 0.1], [1, 2, 2]) }, { y: tensor([0.2, 0.3, 0.8, 0.7], [1, 2, 2]) }, 1);
    expect(fidelity.result().top1Agreement).toBe(0.5);
    expect(fidelity.result().outputs.y.classAxis).toBe(1);
  });

  it('compares single-channel probability maps by the binary decision per element', () => {
    const fidelity = new FidelityAccumulator({ binaryThreshold: 0.3 });
    fidelity.add({ map: tensor([0.1, 0.5, 0.9, 0.2], [1, 1, 2, 2]) }, { map: tensor([0.35, 0.5, 0.8, 0.25], [1, 1, 2, 2]) }, 1);
    expect(fidelity.result().outputs.map.top1Mode).toBe('threshold');
    expect(fidelity.result().top1Agreement).toBe(0.75);
  });

  it('handles zero vectors and non-finite outputs explicitly', () => {
    const zeros = new FidelityAccumulator();
    zeros.add({ y: tensor([0, 0], [1, 2]) }, { y: tensor([0, 0], [1, 2]) }, 1);
    expect(zeros.result()).toMatchObject({ cosine: 1, sqnrDb: Infinity });
    const against = new FidelityAccumulator();
    against.add({ y: tensor([0, 0], [1, 2]) }, { y: tensor([1, 0], [1, 2]) }, 1);
    expect(against.result()).toMatchObject({ cosine: 0, sqnrDb: -Infinity });
    const broken = new FidelityAccumulator();
    broken.add({ y: tensor([1, 2, 3, 4], [2, 2]) }, { y: tensor([1, NaN, 3, 4], [2, 2]) }, 2);
    expect(broken.result()).toMatchObject({ cosine: 0.5, sqnrDb: -Infinity, maxAbsError: Infinity, nonFiniteValues: 1 });
  });

  it('accumulates over runs like one pass over all samples', () => {
    const split = new FidelityAccumulator();
    split.add({ y: tensor([1, 2], [1, 2]) }, { y: tensor([1, 3], [1, 2]) }, 1);
    split.add({ y: tensor([3, 1], [1, 2]) }, { y: tensor([2, 1], [1, 2]) }, 1);
    const whole = new FidelityAccumulator();
    whole.add({ y: tensor([1, 2, 3, 1], [2, 2]) }, { y: tensor([1, 3, 2, 1], [2, 2]) }, 2);
    expect(split.result()).toEqual(whole.result());
  });

  it('refuses outputs that do not match the baseline', () => {
    const fidelity = new FidelityAccumulator();
    expect(() => fidelity.add({ y: tensor([1, 2], [1, 2]) }, { y: tensor([1, 2], [2, 1]) }, 1)).toThrow(/output 'y' has shape \[2, 1\] but the baseline's is \[1, 2\]/);
    expect(() => fidelity.add({ y: tensor([1, 2], [1, 2]) }, { z: tensor([1, 2], [1, 2]) }, 1)).toThrow(/no output 'y'/);
    expect(() => new FidelityAccumulator().result()).toThrow(/No outputs were compared/);
  });
});

describe('sqnrDb', () => {
  it('is 10 log10(signal / noise) with the limits spelled out', () => {
    expect(sqnrDb(100, 1)).toBe(20);
    expect(sqnrDb(5, 0)).toBe(Infinity);
    expect(sqnrDb(0, 0)).toBe(Infinity);
    expect(sqnrDb(0, 2)).toBe(-Infinity);
  });
});
