/** ONNX Runtime sessions for single-node models, configured like for like with our kernels. */
import * as ort from 'onnxruntime-node';
import { singleNodeModel, type SingleNodeModel } from './onnx-model';

export type OrtFeeds = Record<string, ort.Tensor>;

/** A session with intraOpNumThreads = threads, one inter-op thread, all graph optimizations. */
export async function ortRunner(spec: SingleNodeModel, threads: number): Promise<(feeds: OrtFeeds) => Promise<unknown>> {
  const session = await ort.InferenceSession.create(singleNodeModel(spec), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  return (feeds) => session.run(feeds);
}

export function ortTensor(type: 'float32' | 'uint8' | 'int8', data: Float32Array | Uint8Array | Int8Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor(type, data, dims);
}
