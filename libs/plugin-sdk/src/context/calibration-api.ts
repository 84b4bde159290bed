import type { TensorHandle } from '../tensor';

export type CalibrationMethod = 'minmax' | 'percentile' | 'entropy' | 'mse';

export interface RangeOptions {
  readonly method: CalibrationMethod;
  /** For 'percentile': the percentile of |x| kept, e.g. 99.99. */
  readonly percentile?: number;
  readonly symmetric?: boolean;
  readonly dataType?: 'int8' | 'uint8';
  readonly reduceRange?: boolean;
}

export interface ActivationRange {
  readonly min: number;
  readonly max: number;
  readonly scale: number;
  readonly zeroPoint: number;
}

export interface CalibrationApi {
  /** Number of calibration batches available (0 when the run has none). */
  readonly batches: number;
  /** The graph inputs of one calibration batch. */
  inputs(batch: number): Promise<Readonly<Record<string, TensorHandle>>>;
  /**
   * Runs the current model over the calibration batches and streams the named activations into
   * host-side calibrators (bounded memory); returns the chosen range of each.
   */
  ranges(tensors: readonly string[], options: RangeOptions): Promise<Readonly<Record<string, ActivationRange>>>;
  /** The named activations of the current model, one handle per batch (copies stay on the host). */
  activations(tensors: readonly string[], options?: { readonly maxBatches?: number }): Promise<Readonly<Record<string, readonly TensorHandle[]>>>;
}

export interface Fidelity {
  /** Mean cosine similarity of the outputs against the stage's input model. */
  readonly cosine: number;
  /** Signal-to-quantization-noise ratio of the outputs, in dB. */
  readonly sqnrDb: number;
  /** Fraction of samples whose arg-max agrees. */
  readonly top1Agreement: number;
}

export interface NodeProfile {
  readonly latencyMs: number;
  /** Median time per node, in ms, from ONNX Runtime's profiler. */
  readonly nodes: Readonly<Record<string, number>>;
}

/** Runs the current model in ONNX Runtime on the host. */
export interface RuntimeApi {
  /** Fidelity of the current model against the model this stage started from, on calibration data. */
  evaluate(options?: { readonly batches?: number }): Promise<Fidelity>;
  /** Per-node latency of the current model on this machine's ONNX Runtime. */
  profile(options?: { readonly runs?: number }): Promise<NodeProfile>;
}
