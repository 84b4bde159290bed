import * as ort from 'onnxruntime-node';
import type { Sample } from '../data/sample';
import { ctcTextAccuracy } from './ctc-text-accuracy';

const dictionary = ['', 'a', 'b', 'c'];

/** One-hot scores [rows, steps, 4] from class indices per row. */
function scores(rows: number[][]): Record<string, ort.Tensor> {
  const steps = rows[0].length;
  const data = new Float32Array(rows.length * steps * dictionary.length);
  rows.forEach((row, r) => row.forEach((best, t) => (data[(r * steps + t) * dictionary.length + best] = 1)));
  return { y: new ort.Tensor('float32', data, [rows.length, steps, dictionary.length]) };
}

const sample = (text: string | undefined): Sample => ({ id: `s-${text}`, inputs: {}, text });

describe('ctcTextAccuracy', () => {
  it('decodes every row of a batch against its sample and sums edits over characters', () => {
    const metric = ctcTextAccuracy({ dictionary }).start();
    // Row 0 decodes "abc" (exact); row 1 decodes "ab" against "abca": 2 edits.
    metric.add(scores([[1, 2, 0, 3], [1, 1, 2, 2]]), [sample('abc'), sample('abca')]);
    const result = metric.result();
    expect(result.metric).toBe('ctc-character-accuracy');
    expect(result.samples).toBe(2);
    expect(result.value).toBeCloseTo(1 - 2 / 7, 12);
    expect(result.figures).toEqual({ exactLineAccuracy: 0.5, exactLines: 1, editDistance: 2, characters: 7 });
  });

  it('refuses outputs of the wrong shape, samples without text and empty runs', () => {
    expect(() => ctcTextAccuracy({ dictionary: ['', 'a'] }).start().add(scores([[1]]), [sample('a')])).toThrow(/shaped \[1, T, 2\]/);
    expect(() => ctcTextAccuracy({ dictionary }).start().add(scores([[1]]), [sample(undefined)])).toThrow(/no reference text/);
    expect(() => ctcTextAccuracy({ dictionary }).start().result()).toThrow(/saw no samples/);
    expect(() => ctcTextAccuracy({ dictionary: [] })).toThrow(/at least two classes/);
  });
});
