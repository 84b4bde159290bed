import * as ort from 'onnxruntime-node';
import type { Sample } from '../data/sample';
import { classAccuracyDeltas, classificationAccuracy } from './accuracy';

const sample = (label: number | undefined): Sample => ({ id: `s${label}`, inputs: {}, label });
const scores = (rows: number[][]) => ({ probs: new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, rows[0].length]) });

describe('classificationAccuracy', () => {
  it('counts arg-max hits overall and per class', () => {
    const metric = classificationAccuracy().start();
    metric.add(scores([[0.9, 0.1, 0], [0.2, 0.7, 0.1]]), [sample(0), sample(2)]);
    metric.add(scores([[0.1, 0.1, 0.8]]), [sample(2)]);
    metric.add(scores([[0.3, 0.6, 0.1]]), [sample(1)]);
    const result = metric.result();
    expect(result.value).toBe(0.75);
    expect(result.samples).toBe(4);
    expect(result.perClass).toEqual([
      { label: 0, samples: 1, correct: 1, accuracy: 1 },
      { label: 1, samples: 1, correct: 1, accuracy: 1 },
      { label: 2, samples: 2, correct: 1, accuracy: 0.5 },
    ]);
  });

  it('refuses unlabelled samples and outputs without one row per sample', () => {
    expect(() => classificationAccuracy().start().add(scores([[1, 0]]), [sample(undefined)])).toThrow(/has no label/);
    expect(() => classificationAccuracy().start().add(scores([[1, 0]]), [sample(0), sample(1)])).toThrow(/one row of class scores per sample/);
    expect(() => classificationAccuracy({ output: 'logits' }).start().add(scores([[1, 0]]), [sample(0)])).toThrow(/reads output 'logits'/);
  });
});

describe('classAccuracyDeltas', () => {
  it('lists per-class changes, worst first', () => {
    const baseline = [
      { label: 0, samples: 10, correct: 9, accuracy: 0.9 },
      { label: 1, samples: 10, correct: 8, accuracy: 0.8 },
      { label: 2, samples: 10, correct: 10, accuracy: 1 },
    ];
    const after = [
      { label: 0, samples: 10, correct: 9, accuracy: 0.9 },
      { label: 1, samples: 10, correct: 4, accuracy: 0.4 },
      { label: 2, samples: 10, correct: 9, accuracy: 0.9 },
    ];
    const deltas = classAccuracyDeltas(baseline, after);
    expect(deltas.map((entry) => entry.label)).toEqual([1, 2, 0]);
    expect(deltas[0].delta).toBeCloseTo(-0.4, 12);
    expect(deltas[0]).toMatchObject({ baselineAccuracy: 0.8, accuracy: 0.4 });
  });
});
