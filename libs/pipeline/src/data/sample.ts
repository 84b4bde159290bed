/**
 * The unit of calibration and evaluation data: one model run's worth of named input tensors, with
 * an optional class label (classifiers) or reference text (OCR). Datasets are async iterables so
 * that a folder of thousands of files is read one sample at a time.
 */

/** Element types a sample tensor can hold; the names are ONNX Runtime's tensor type names. */
export type SampleDataType = 'float32' | 'float64' | 'float16' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool';

/**
 * Typed array per data type: float16 holds IEEE half bit patterns (Uint16Array) and bool holds
 * 0/1 bytes (Uint8Array), as onnxruntime-node expects them.
 */
export type SampleData = Float32Array | Float64Array | Uint16Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

export interface SampleTensor {
  readonly dataType: SampleDataType;
  readonly dims: readonly number[];
  readonly data: SampleData;
}

/** Key of a tensor whose source did not name the model input it is for (a bare .npy file). */
export const UNNAMED_INPUT = '';

export interface Sample {
  /** Where the sample came from (file name, line number, index), for messages and reports. */
  readonly id: string;
  /** Input tensors by model input name, or under UNNAMED_INPUT when the source had no names. */
  readonly inputs: Readonly<Record<string, SampleTensor>>;
  /** Class index, for classification accuracy. */
  readonly label?: number;
  /** Reference text, for text-recognition metrics. */
  readonly text?: string;
}

export interface Dataset {
  /** Human-readable origin ("npy folder /data/lines (48 samples)"). */
  readonly description: string;
  /** Number of samples when known before reading them. */
  readonly size: number | undefined;
  /** A fresh pass over the samples; each call starts from the beginning. */
  samples(): AsyncIterable<Sample>;
}

const BYTES_PER_ELEMENT: Record<SampleDataType, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  int64: 8,
  int32: 4,
  int8: 1,
  uint8: 1,
  bool: 1,
};

export function bytesPerElement(dataType: SampleDataType): number {
  return BYTES_PER_ELEMENT[dataType];
}

/** Whether `data` is the typed array this data type requires. */
export function dataMatchesType(dataType: SampleDataType, data: SampleData): boolean {
  switch (dataType) {
    case 'float32':
      return data instanceof Float32Array;
    case 'float64':
      return data instanceof Float64Array;
    case 'float16':
      return data instanceof Uint16Array;
    case 'int64':
      return data instanceof BigInt64Array;
    case 'int32':
      return data instanceof Int32Array;
    case 'int8':
      return data instanceof Int8Array;
    case 'uint8':
    case 'bool':
      return data instanceof Uint8Array;
  }
}

/** Product of dims, or undefined when a dim is not a non-negative safe integer or the product overflows. */
export function elementCount(dims: readonly number[]): number | undefined {
  let count = 1;
  for (const dim of dims) {
    if (!Number.isSafeInteger(dim) || dim < 0) return undefined;
    count *= dim;
    if (!Number.isSafeInteger(count)) return undefined;
  }
  return count;
}

/** Builds a dataset over an in-memory list (tests, and sources small enough to hold). */
export function datasetFromSamples(samples: readonly Sample[], description = `in-memory samples (${samples.length})`): Dataset {
  return {
    description,
    size: samples.length,
    async *samples() {
      yield* samples;
    },
  };
}
