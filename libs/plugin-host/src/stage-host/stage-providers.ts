/**
 * What the stage host needs from a runtime to answer `ctx.calibration` and `ctx.runtime`: the
 * calibration batches, and ONNX Runtime runs of the current model. plugin-host defines the
 * interface; libs/pipeline implements it with onnxruntime-node (createOrtStageProviders), so that
 * this package stays free of ONNX Runtime. Tensors are libs/onnx tensors.
 */
import type { Fidelity, NodeProfile } from '@edgepress/plugin-sdk';
import type { Tensor } from '@edgepress/onnx';
import { EdgepressError, ErrorCode } from '@edgepress/errors';

export interface StageProviders {
  /** Calibration batches available to the stage (0 when the run has none). */
  readonly calibrationBatches: number;
  /** The graph inputs of calibration batch `index`, 0 <= index < calibrationBatches. */
  calibrationInputs(index: number): Promise<Readonly<Record<string, Tensor>>>;
  /**
   * Runs `model` over the first `maxBatches` calibration batches and yields the named tensors of
   * each batch, one batch at a time: the consumer reads one before the next is computed, so memory
   * holds one batch. Names that no node of the model produces are BAD_USER_INPUT.
   */
  activations(model: Uint8Array, names: readonly string[], options: { readonly maxBatches: number; readonly signal?: AbortSignal }): AsyncIterable<Readonly<Record<string, Tensor>>>;
  /** Fidelity of `model` against the model the stage started from, on the first `batches` calibration batches. */
  evaluate(model: Uint8Array, options: { readonly batches: number; readonly signal?: AbortSignal }): Promise<Fidelity>;
  /** Latency of `model` in ONNX Runtime on this host and the time of each node, from `runs` timed runs. */
  profile(model: Uint8Array, options: { readonly runs: number; readonly signal?: AbortSignal }): Promise<NodeProfile>;
}

function unavailable(method: string): EdgepressError {
  return new EdgepressError(ErrorCode.UNAVAILABLE, `${method} is not available in this host: it was created without a runtime (StageProviders)`);
}

/** Providers for a host without a runtime: no calibration data, and runtime calls answer UNAVAILABLE. */
export const NO_STAGE_PROVIDERS: StageProviders = Object.freeze({
  calibrationBatches: 0,
  calibrationInputs: () => Promise.reject(unavailable('calibration.inputs')),
  activations: () => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(unavailable('calibration.activations')) }),
  }),
  evaluate: () => Promise.reject(unavailable('runtime.evaluate')),
  profile: () => Promise.reject(unavailable('runtime.profile')),
});
