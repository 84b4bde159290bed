import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Sample } from '../data/sample';
import { greedyCtcDecode } from './ctc-decode';
import { editDistance } from './edit-distance';
import type { OutputTensor } from './ort-session';
import type { TaskMetric, TaskMetricAccumulator, TaskMetricResult } from './task-metric';
import { numericValues } from './tensor-values';

export interface CtcTextAccuracyOptions {
  /** Class index -> character, blank at 0 (see ctcDictionaryFromKeys). */
  readonly dictionary: readonly string[];
  /** Output holding the [N, T, C] scores (default: the model's first output). */
  readonly output?: string;
}

/**
 * Text recognition quality of a CTC recognizer (PP-OCR) against each sample's reference text:
 * greedy decoding, then character accuracy = 1 - (sum of edit distances) / (sum of reference
 * characters) over all samples (it can go below 0 when the output is longer garbage), and
 * exact-line accuracy = share of samples decoded exactly.
 */
export function ctcTextAccuracy(options: CtcTextAccuracyOptions): TaskMetric {
  if (!Array.isArray(options.dictionary) || options.dictionary.length < 2) {
    throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'Expected a CTC dictionary of at least two classes (blank first)');
  }
  return { name: 'ctc-character-accuracy', start: () => new CtcAccumulator(options) };
}

class CtcAccumulator implements TaskMetricAccumulator {
  private lines = 0;
  private exact = 0;
  private edits = 0;
  private characters = 0;

  constructor(private readonly options: CtcTextAccuracyOptions) {}

  add(outputs: Readonly<Record<string, OutputTensor>>, samples: readonly Sample[]): void {
    const name = this.options.output ?? Object.keys(outputs)[0];
    const tensor = outputs[name];
    if (tensor === undefined) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `CTC text accuracy reads output '${name}', which the model does not have`);
    const classes = this.options.dictionary.length;
    const [rows, steps, width] = tensor.dims;
    if (tensor.dims.length !== 3 || rows !== samples.length || width !== classes) {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        `CTC text accuracy needs output '${name}' shaped [${samples.length}, T, ${classes}] (samples, steps, dictionary classes) but it is [${tensor.dims.join(', ')}]`,
      );
    }
    const values = numericValues(tensor, name);
    samples.forEach((sample, row) => {
      if (sample.text === undefined) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Sample '${sample.id}' has no reference text; CTC text accuracy needs one per sample`);
      const decoded = greedyCtcDecode(values, row * steps * classes, steps, this.options.dictionary);
      this.lines++;
      if (decoded === sample.text) this.exact++;
      this.edits += editDistance(decoded, sample.text);
      this.characters += Array.from(sample.text).length;
    });
  }

  result(): TaskMetricResult {
    if (this.lines === 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'CTC text accuracy saw no samples');
    const characterAccuracy = this.characters === 0 ? (this.edits === 0 ? 1 : 0) : 1 - this.edits / this.characters;
    return {
      metric: 'ctc-character-accuracy',
      value: characterAccuracy,
      samples: this.lines,
      figures: { exactLineAccuracy: this.exact / this.lines, exactLines: this.exact, editDistance: this.edits, characters: this.characters },
    };
  }
}
