/**
 * The calibration data of a run, read once and held in memory: every stage's plugin may read it
 * many times (ranges, activations, evaluate), and the stage host needs the number of batches
 * before a stage starts. One sample is one batch, with its tensors bound to the model's input
 * names (labels and texts kept, so the set can double as evaluation data). Capped by count and bytes (a calibration set is a few hundred samples at most).
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { bindSample } from '../data/bind-inputs';
import type { ModelInput } from '../data/model-inputs';
import { type Dataset, type Sample } from '../data/sample';

export interface CalibrationSet {
  /** Where the data came from (Dataset.description). */
  readonly description: string;
  /** One model run each, tensors keyed by input name. */
  readonly samples: readonly Sample[];
}

export interface CalibrationSetOptions {
  /** Most samples read (default 256); the rest of the dataset is not read. */
  readonly maxSamples?: number;
  /** Most bytes of tensors held (default 1 GiB). */
  readonly maxBytes?: number;
}

export const DEFAULT_MAX_CALIBRATION_SAMPLES = 256;

export async function loadCalibrationSet(dataset: Dataset, inputs: readonly ModelInput[], options: CalibrationSetOptions = {}): Promise<CalibrationSet> {
  const maxSamples = options.maxSamples ?? DEFAULT_MAX_CALIBRATION_SAMPLES;
  const maxBytes = options.maxBytes ?? 1024 ** 3;
  if (!Number.isSafeInteger(maxSamples) || maxSamples < 1) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected a positive integer maxSamples but received ${maxSamples}`);
  const samples: Sample[] = [];
  let bytes = 0;
  for await (const sample of dataset.samples()) {
    if (samples.length >= maxSamples) break;
    const feeds = bindSample(sample, inputs);
    for (const tensor of Object.values(feeds)) bytes += tensor.data.byteLength;
    if (bytes > maxBytes) {
      throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `Calibration data ${dataset.description} holds more than ${maxBytes} bytes in its first ${samples.length + 1} samples; use fewer samples`);
    }
    samples.push({ ...sample, inputs: feeds });
  }
  if (samples.length === 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Calibration data ${dataset.description} holds no samples`);
  return { description: dataset.description, samples };
}
