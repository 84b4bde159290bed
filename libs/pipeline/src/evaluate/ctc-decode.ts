import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { promises as fs } from 'node:fs';
import { argMax } from './tensor-values';

/**
 * A CTC character dictionary in PaddleOCR's convention: class 0 is the blank, classes 1..n are the
 * lines of the keys file, and the last class is a space (ppocr_keys_v1.txt has 6623 lines for the
 * PP-OCRv4 recognizer's 6625 classes).
 */
export function ctcDictionaryFromKeys(keysText: string): string[] {
  const lines = keysText.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return ['', ...lines, ' '];
}

export async function loadCtcDictionary(keysFile: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(keysFile, 'utf8');
  } catch (error) {
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `CTC dictionary '${keysFile}' cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  return ctcDictionaryFromKeys(text);
}

/**
 * Greedy CTC decoding of one sequence of class scores laid out [T, C] from `offset`: the arg-max
 * class per step, repeats collapsed, blanks (class 0) dropped.
 */
export function greedyCtcDecode(scores: ArrayLike<number>, offset: number, steps: number, dictionary: readonly string[]): string {
  const classes = dictionary.length;
  let text = '';
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const best = argMax(scores, offset + t * classes, 1, classes);
    if (best > 0 && best !== previous) text += dictionary[best];
    previous = best;
  }
  return text;
}
