/**
 * Calibration as KernelService offers it: a Calibrator (kernels-native) behind an async handle,
 * in-process or held by a kernel server for the life of one gRPC stream.
 */
import type {
  CalibrationParamsOptions,
  CalibrationRangeOptions,
  CalibratorOptions,
  CalibratorStats,
  HistogramSnapshot,
  KernelCallOptions,
  QuantParams,
  Tensor,
} from '@edgepress/kernels-native';

export interface CalibratorSessionOptions extends CalibratorOptions {
  /** Threads of every update (default 1 in process, the server's default remotely). */
  threads?: number;
}

export interface KernelCalibrator {
  /** Adds a batch of activations (any shape). Remotely, aborting the signal ends the whole session. */
  update(batch: Float32Array | Tensor<Float32Array>, options?: KernelCallOptions): Promise<void>;
  range(options: CalibrationRangeOptions): Promise<{ min: number; max: number }>;
  quantParams(options: CalibrationParamsOptions): Promise<QuantParams>;
  histogram(): Promise<HistogramSnapshot>;
  stats(): Promise<CalibratorStats>;
  /** Releases the calibrator (remotely: ends the stream). */
  close(): Promise<void>;
}
