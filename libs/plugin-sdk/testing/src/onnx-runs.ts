/** ONNX Runtime runs for plugin tests: feed a model, read its outputs as plain typed arrays. */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { OrtModelSession, randomDataset, type SampleData, type SampleDataType, type SampleTensor, type SessionSettings } from '@edgepress/pipeline';
import { modelBytes } from './resolve-inputs';

/** One input: dims and values; the data type follows the typed array (Uint16Array = float16 bits) unless given. */
export interface OnnxFeed {
  readonly dims: readonly number[];
  readonly data: SampleData;
  readonly dataType?: SampleDataType;
}

export interface OnnxOutput {
  /** ONNX Runtime's type name ('float32', 'int64', ...). */
  readonly dataType: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | Float64Array | Int32Array | BigInt64Array | Int8Array | Uint8Array | Uint16Array | string[];
}

const BY_ARRAY: Readonly<Record<string, SampleDataType>> = {
  Float32Array: 'float32',
  Float64Array: 'float64',
  Uint16Array: 'float16',
  BigInt64Array: 'int64',
  Int32Array: 'int32',
  Int8Array: 'int8',
  Uint8Array: 'uint8',
};

function sampleTensor(name: string, feed: OnnxFeed): SampleTensor {
  const dataType = feed.dataType ?? BY_ARRAY[Object.prototype.toString.call(feed.data).slice(8, -1)];
  if (dataType === undefined) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `runOnnx: cannot tell the data type of input '${name}'; give dataType`);
  return { dataType, dims: [...feed.dims], data: feed.data };
}

/** Runs a model once on named inputs and returns every output (or the named ones). */
export async function runOnnx(model: Uint8Array | string, feeds: Readonly<Record<string, OnnxFeed>>, options: { outputs?: readonly string[]; session?: SessionSettings } = {}): Promise<Record<string, OnnxOutput>> {
  const session = await OrtModelSession.create(await modelBytes(model), options.session);
  try {
    const tensors = Object.fromEntries(Object.entries(feeds).map(([name, feed]) => [name, sampleTensor(name, feed)]));
    const outputs = await session.run(tensors, options.outputs);
    return Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, { dataType: tensor.type, dims: [...tensor.dims], data: tensor.data as OnnxOutput['data'] }]));
  } finally {
    await session.release();
  }
}

/** Seeded random inputs shaped from the model's declared inputs (symbolic dims from `dims`, else 1). */
export async function randomInputs(model: Uint8Array | string, options: { seed?: number; dims?: Readonly<Record<string, number>>; distribution?: 'uniform' | 'normal' } = {}): Promise<Record<string, OnnxFeed>> {
  const session = await OrtModelSession.create(await modelBytes(model));
  const inputs = session.inputs;
  await session.release();
  const inputShapes = Object.fromEntries(inputs.map((input) => [input.name, (input.shape ?? []).map((dim) => (typeof dim === 'number' ? dim : typeof dim === 'string' ? (options.dims?.[dim] ?? 1) : 1))]));
  const distribution = options.distribution === 'normal' ? ({ kind: 'normal', mean: 0, std: 1 } as const) : undefined;
  for await (const sample of randomDataset(inputs, { count: 1, seed: options.seed ?? 0, inputShapes, distribution }).samples()) return { ...sample.inputs };
  throw new EdgepressError(ErrorCode.INTERNAL, 'A one-sample random dataset yielded no sample');
}
