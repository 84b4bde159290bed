/**
 * Calibration of activation ranges over streamed batches, in bounded memory: a Calibrator keeps
 * a fixed-size histogram (2 x `bins` counters, 2048 per side by default, at most 16384) however
 * many batches it sees. Bin widths are powers of two; when a batch exceeds the covered range the
 * bins are merged in place (exact, see src/native/calibrate_histogram.h), so the state never
 * grows and no batch is kept. Ranges are chosen by min-max, percentile, entropy (TensorRT's KL
 * search) or MSE (see src/native/calibrate_thresholds.h for the exact definitions), and turned
 * into scales and zero points by computeQuantParams.
 *
 * Calls on one Calibrator run in order (updates are queued); NaN or Inf in a batch rejects that
 * update with INVALID_ARGUMENT and leaves the state as it was.
 *
 * Trust boundary (kernel calls): the bin budget (a power of two, capped), batch dtype and size
 * cap, method, percentile, bits and threads are checked here before native code runs.
 * Tests: calibrate.test.ts (TypeScript reference searches on the same histogram, bounded memory).
 */
import { callNative, native, type NativeCalibrator, type NativeHistogramSide } from './binding';
import { cancelFlagFor } from './cancellation';
import { computeQuantParams, type QuantParams } from './quantize-params';
import { QUANTIZED_TYPES, bitsOf, type QuantizedType } from './quantize-types';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectInteger, expectMaxElements, expectOneOf, expectPowerOfTwo, expectTensor, expectThreads, invalidArgument, isTypedArrayOf } from './validate';

export type CalibrationMethod = 'minmax' | 'percentile' | 'entropy' | 'mse';

const METHODS: readonly CalibrationMethod[] = ['minmax', 'percentile', 'entropy', 'mse'];

export interface CalibratorOptions {
  /** Counters per sign: a power of two from 256 to 16384 (default 2048). */
  bins?: number;
}

export interface CalibrationRangeOptions {
  method: CalibrationMethod;
  /** Choose one threshold t for [-t, t] (default false). */
  symmetric?: boolean;
  /** Percentile method: the share of values to keep, 50 to 100 (default 99.99). */
  percentile?: number;
  /** Entropy and MSE: the bits of the target type, 2 to 8 (default 8). */
  bits?: number;
}

export interface CalibrationParamsOptions {
  method: CalibrationMethod;
  type: QuantizedType;
  symmetric?: boolean;
  reduceRange?: boolean;
  percentile?: number;
}

export type HistogramSide = NativeHistogramSide;

/** A copy of the histogram: counts[i] of a side covers magnitudes [i * binWidth, (i + 1) * binWidth). */
export interface HistogramSnapshot {
  positive: HistogramSide;
  negative: HistogramSide;
  count: number;
  min: number;
  max: number;
}

export interface CalibratorStats {
  count: number;
  min: number;
  max: number;
  bins: number;
  /** Bytes of native state (constant for a given bin count). */
  stateBytes: number;
}

export class Calibrator {
  readonly #native: NativeCalibrator;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: CalibratorOptions = {}) {
    if (typeof options !== 'object' || options === null) throw invalidArgument('Expected an options object { bins? } for options', 'options');
    const bins = options.bins === undefined ? 2048 : expectPowerOfTwo('bins', options.bins, 256, 16384);
    this.#native = new native.Calibrator(bins);
  }

  /** Runs `operation` after every earlier call on this calibrator has settled. */
  #enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation, operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Adds a batch of activations (any shape). */
  async update(batch: Float32Array | Tensor<Float32Array>, options: KernelCallOptions = {}): Promise<void> {
    const maxElements = expectMaxElements(options.maxElements);
    let data: Float32Array;
    if (isTypedArrayOf(batch, Float32Array)) {
      data = batch as Float32Array;
      if (data.length > maxElements) throw invalidArgument(`Expected at most ${maxElements} values in batch but received ${data.length}`, 'batch');
    } else {
      data = expectTensor('batch', batch, [Float32Array], maxElements).data;
    }
    const threads = expectThreads(options.threads);
    const cancel = cancelFlagFor(options.signal);
    return this.#enqueue(() => callNative('Calibrator.update', () => this.#native.update({ batch: data, threads, cancel })));
  }

  /** The clipping range [min, max] chosen by `method` from everything seen so far. */
  async range(options: CalibrationRangeOptions): Promise<{ min: number; max: number }> {
    if (typeof options !== 'object' || options === null) throw invalidArgument('Expected an options object { method, ... } for options', 'options');
    const method = METHODS.indexOf(expectOneOf('method', options.method, METHODS)) as 0 | 1 | 2 | 3;
    const percentile = options.percentile === undefined ? 99.99 : options.percentile;
    if (typeof percentile !== 'number' || !(percentile >= 50 && percentile <= 100)) {
      throw invalidArgument(`Expected a number between 50 and 100 for percentile but received ${String(percentile)}`, 'percentile');
    }
    const bits = options.bits === undefined ? 8 : expectInteger('bits', options.bits, 2, 8);
    const symmetric = options.symmetric ?? false;
    return this.#enqueue(() => callNative('Calibrator.range', () => this.#native.range({ method, symmetric, percentile, bits, cancel: undefined })));
  }

  /** Scale and zero point for `type` from the range `method` chooses. */
  async quantParams(options: CalibrationParamsOptions): Promise<QuantParams> {
    const type = expectOneOf('type', options?.type, QUANTIZED_TYPES);
    const reduceRange = options.reduceRange ?? false;
    const symmetric = options.symmetric ?? false;
    const bits = bitsOf(type) - (reduceRange ? 1 : 0);
    const range = await this.range({ method: options.method, symmetric, percentile: options.percentile, bits });
    return computeQuantParams(range.min, range.max, { type, symmetric, reduceRange });
  }

  async histogram(): Promise<HistogramSnapshot> {
    return this.#enqueue(async () => this.#native.histogram());
  }

  async stats(): Promise<CalibratorStats> {
    return this.#enqueue(async () => this.#native.stats());
  }
}
