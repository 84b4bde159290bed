/**
 * ONNX Runtime sessions for single-node models, configured like for like with our kernels:
 * intraOpNumThreads = threads, one inter-op thread, all graph optimizations, and ORT's own
 * defaults otherwise (its pool threads spin between runs, which is its fastest setting for runs
 * back to back). A session lives for one case only: releasing it ends its pool threads, so no
 * spinning thread of an earlier case competes with a later one.
 */
import * as ort from 'onnxruntime-node';
import { singleNodeModel, type SingleNodeModel } from './onnx-model';

export type OrtFeeds = Record<string, ort.Tensor>;

export interface OrtRunner {
  run(feeds: OrtFeeds): Promise<unknown>;
  release(): Promise<void>;
}

export async function ortRunner(spec: SingleNodeModel, threads: number): Promise<OrtRunner> {
  const session = await ort.InferenceSession.create(singleNodeModel(spec), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  return { run: (feeds) => session.run(feeds), release: () => session.release() };
}

/** Runs `body` with a session for `spec`, releasing it afterwards whatever happens. */
export async function withOrtSession<T>(spec: SingleNodeModel, threads: number, body: (ort: OrtRunner) => Promise<T>): Promise<T> {
  const runner = await ortRunner(spec, threads);
  try {
    return await body(runner);
  } finally {
    await runner.release();
  }
}

export function ortTensor(type: 'float32' | 'uint8' | 'int8', data: Float32Array | Uint8Array | Int8Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor(type, data, dims);
}
