import { DICTIONARY } from '../../test/ocr-assets';
import { ctcDictionaryFromKeys, greedyCtcDecode, loadCtcDictionary } from './ctc-decode';
import { editDistance } from './edit-distance';

describe('CTC decoding', () => {
  it('builds the PaddleOCR dictionary: blank, the keys, a space', async () => {
    expect(ctcDictionaryFromKeys('a\nb\r\nc\n')).toEqual(['', 'a', 'b', 'c', ' ']);
    const dictionary = await loadCtcDictionary(DICTIONARY);
    expect(dictionary).toHaveLength(6625);
    expect(dictionary[dictionary.length - 1]).toBe(' ');
    await expect(loadCtcDictionary('/nonexistent/keys.txt')).rejects.toThrow(/cannot be read/);
  });

  it('takes the arg-max per step, collapses repeats and drops blanks', () => {
    const dictionary = ['', 'a', 'b'];
    // steps: a a blank a b b blank -> "aab"
    const steps = [1, 1, 0, 1, 2, 2, 0];
    const scores = new Float32Array(steps.length * 3);
    steps.forEach((best, t) => {
      scores[t * 3 + best] = 1;
    });
    expect(greedyCtcDecode(scores, 0, steps.length, dictionary)).toBe('aab');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['日本語', '日本', 1],
    ['😀a', 'a', 1],
  ])('%s -> %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
