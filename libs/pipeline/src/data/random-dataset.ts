import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { float32ToFloat16 } from '@edgepress/onnx';
import type { ModelInput } from './model-inputs';
import { elementCount, type Dataset, type Sample, type SampleData, type SampleTensor } from './sample';
import { SeededRandom } from './seeded-random';

export interface RandomDatasetOptions {
  /** Number of samples. */
  readonly count: number;
  /** Seed of the generator (default 0): the same seed gives the same samples. */
  readonly seed?: number;
  /** Values of symbolic dimensions by name (`{ batch: 1, height: 640 }`); unknown dims must be named here. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Whole input shapes by input name, overriding the declared ones. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
  /** Floating inputs: 'uniform' in [low, high) (default [0, 1)) or 'normal' (mean 0, std 1). */
  readonly distribution?: { readonly kind: 'uniform'; readonly low: number; readonly high: number } | { readonly kind: 'normal'; readonly mean: number; readonly std: number };
  /** Integer inputs: uniform integers in [low, high) (default [0, 2) for bool, [0, 10) otherwise). */
  readonly integerRange?: readonly [number, number];
  /** Most elements in one generated tensor (default 64 Mi). */
  readonly maxElements?: number;
}

function invalid(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message);
}

/**
 * Random calibration data shaped from the model's inputs: for a first look at a model when no real
 * data is at hand. Calibrating on noise gives activation ranges unlike real inputs; the report
 * says which data was used.
 */
export function randomDataset(inputs: readonly ModelInput[], options: RandomDatasetOptions): Dataset {
  if (!Number.isSafeInteger(options.count) || options.count < 1) throw invalid(`Expected a positive integer count of random samples but received ${options.count}`);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw invalid(`Expected an integer seed but received ${seed}`);
  const maxElements = options.maxElements ?? 64 * 1024 * 1024;
  const shapes = inputs.map((input) => {
    const dims = resolveShape(input, options);
    const count = elementCount(dims);
    if (count === undefined || count > maxElements) throw invalid(`Input '${input.name}' resolves to shape [${dims.join(', ')}], above ${maxElements} elements (maxElements)`);
    return { input, dims, count };
  });
  const distribution = options.distribution ?? { kind: 'uniform', low: 0, high: 1 };
  return {
    description: `random ${distribution.kind} data (${options.count} samples, seed ${seed})`,
    size: options.count,
    async *samples(): AsyncIterable<Sample> {
      const random = new SeededRandom(seed);
      for (let index = 0; index < options.count; index++) {
        const tensors: Record<string, SampleTensor> = {};
        for (const { input, dims, count } of shapes) {
          tensors[input.name] = { dataType: input.dataType, dims, data: generate(input, count, random, options) };
        }
        yield { id: `random-${index}`, inputs: tensors };
      }
    },
  };
}

function resolveShape(input: ModelInput, options: RandomDatasetOptions): number[] {
  const override = options.inputShapes?.[input.name];
  if (override !== undefined) {
    if (!Array.isArray(override) || !override.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) throw invalid(`Expected non-negative integer dims in inputShapes['${input.name}']`);
    return [...override];
  }
  if (input.shape === null) throw invalid(`Input '${input.name}' has no declared shape; give it in inputShapes`);
  return input.shape.map((dim, axis) => {
    if (typeof dim === 'number') return dim;
    const value = dim === null ? undefined : options.dims?.[dim];
    if (value === undefined) {
      throw invalid(`Input '${input.name}' has ${dim === null ? 'an unknown' : `symbolic dimension '${dim}'`} at axis ${axis}; give its value in dims${dim === null ? '' : ` (e.g. { '${dim}': 1 })`} or the whole shape in inputShapes`);
    }
    if (!Number.isSafeInteger(value) || value < 0) throw invalid(`Expected a non-negative integer for dimension '${dim}' but received ${value}`);
    return value;
  });
}

function generate(input: ModelInput, count: number, random: SeededRandom, options: RandomDatasetOptions): SampleData {
  const distribution = options.distribution ?? { kind: 'uniform', low: 0, high: 1 };
  const floatValue =
    distribution.kind === 'uniform'
      ? () => distribution.low + (distribution.high - distribution.low) * random.next()
      : () => distribution.mean + distribution.std * random.normal();
  const [low, high] = options.integerRange ?? (input.dataType === 'bool' ? [0, 2] : [0, 10]);
  const intValue = () => low + Math.floor((high - low) * random.next());
  switch (input.dataType) {
    case 'float32':
      return Float32Array.from({ length: count }, floatValue);
    case 'float64':
      return Float64Array.from({ length: count }, floatValue);
    case 'float16':
      return float32ToFloat16(Float32Array.from({ length: count }, floatValue));
    case 'int64':
      return BigInt64Array.from({ length: count }, () => BigInt(intValue()));
    case 'int32':
      return Int32Array.from({ length: count }, intValue);
    case 'int8':
      return Int8Array.from({ length: count }, intValue);
    case 'uint8':
    case 'bool':
      return Uint8Array.from({ length: count }, intValue);
  }
}
