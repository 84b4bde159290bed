import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { bindSample } from './bind-inputs';
import type { ModelInput } from './model-inputs';
import { type Dataset, type Sample, type SampleData, type SampleTensor } from './sample';

/** One model run: the samples it covers and their tensors bound to the model's input names. */
export interface Batch {
  readonly index: number;
  readonly samples: readonly Sample[];
  readonly feeds: Readonly<Record<string, SampleTensor>>;
}

/**
 * Groups a dataset into model runs of `batchSize` samples, concatenated along axis 0 (each
 * sample contributes its own first dimension, normally 1). With batchSize 1 (the default) every
 * sample is one run, which any model accepts. Only one batch is held at a time.
 */
export async function* batchDataset(dataset: Dataset, inputs: readonly ModelInput[], batchSize = 1): AsyncGenerator<Batch> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected a positive integer batch size but received ${batchSize}`);
  if (batchSize > 1) {
    for (const input of inputs) {
      if (input.shape !== null && typeof input.shape[0] === 'number') {
        throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Model input '${input.name}' has a fixed first dimension ${input.shape[0]}, so samples cannot be batched; use batch size 1`);
      }
    }
  }
  let pending: { sample: Sample; feeds: Record<string, SampleTensor> }[] = [];
  let index = 0;
  for await (const sample of dataset.samples()) {
    pending.push({ sample, feeds: bindSample(sample, inputs) });
    if (pending.length === batchSize) {
      yield makeBatch(index++, pending);
      pending = [];
    }
  }
  if (pending.length > 0) yield makeBatch(index, pending);
}

function makeBatch(index: number, items: readonly { sample: Sample; feeds: Record<string, SampleTensor> }[]): Batch {
  const samples = items.map((item) => item.sample);
  if (items.length === 1) return { index, samples, feeds: items[0].feeds };
  const feeds: Record<string, SampleTensor> = {};
  for (const name of Object.keys(items[0].feeds)) feeds[name] = concatenate(items.map((item) => item.feeds[name]), name, samples);
  return { index, samples, feeds };
}

function concatenate(tensors: readonly SampleTensor[], name: string, samples: readonly Sample[]): SampleTensor {
  const first = tensors[0];
  const inner = first.dims.slice(1);
  let rows = 0;
  tensors.forEach((tensor, i) => {
    if (tensor.dims.length === 0 || tensor.dims.length !== first.dims.length || tensor.dims.slice(1).some((dim, axis) => dim !== inner[axis])) {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        `Cannot batch input '${name}': sample '${samples[i].id}' has shape [${tensor.dims.join(', ')}] and sample '${samples[0].id}' [${first.dims.join(', ')}]; use batch size 1`,
      );
    }
    rows += tensor.dims[0];
  });
  const total = tensors.reduce((sum, tensor) => sum + tensor.data.length, 0);
  const data = allocateLike(first.data, total);
  let offset = 0;
  for (const tensor of tensors) {
    (data as Float32Array).set(tensor.data as Float32Array, offset);
    offset += tensor.data.length;
  }
  return { dataType: first.dataType, dims: [rows, ...inner], data };
}

function allocateLike(data: SampleData, length: number): SampleData {
  const Constructor = data.constructor as new (length: number) => SampleData;
  return new Constructor(length);
}
