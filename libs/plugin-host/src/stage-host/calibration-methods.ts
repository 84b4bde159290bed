/**
 * `ctx.calibration.*` and `ctx.runtime.*` on the host. Runs of the model go to the StageProviders
 * (ONNX Runtime in libs/pipeline). Activation ranges stream batch by batch into one KernelService
 * calibrator per tensor (a fixed-size histogram, in process or on the kernel server), so memory
 * does not grow with the calibration set; `activations` hands every batch back as handles, within
 * the stage's tensor byte cap. Tests: calibration-methods.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelCalibrator } from '@edgepress/kernels-rpc/client';
import type { ActivationRange, TensorHandle } from '@edgepress/plugin-sdk';
import type { HostMethods } from '@edgepress/plugin-sdk/sandbox';
import { DataType, dataTypeName, writeModel, type Tensor } from '@edgepress/onnx';
import { expectBoolean, expectInteger, expectNameList, expectNumber, expectOneOf, expectOptions } from './arguments';
import type { KernelContext } from './kernel-inputs';
import type { StageModel } from './stage-model';
import { typedArrayNameOf } from './sdk-tensors';
import type { StageProviders } from './stage-providers';

type CalibrationMethods = { [K in keyof HostMethods as K extends `calibration.${string}` | `runtime.${string}` ? K : never]: HostMethods[K] };

/** Tensors one calibration call may observe. */
export const MAX_CALIBRATED_TENSORS = 4096;
const FLOAT_TYPES: readonly number[] = [DataType.FLOAT, DataType.FLOAT16, DataType.BFLOAT16, DataType.DOUBLE];

function noCalibrationData(method: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `${method} needs calibration data, and this stage has none (give calibration data to the pipeline, e.g. --calibration PATH or --calibration-random N)`);
}

function floatValues(tensor: Tensor | undefined, name: string): Float32Array {
  if (tensor === undefined) throw new EdgepressError(ErrorCode.INTERNAL, `The runtime returned no values for tensor '${name}'`);
  if (!FLOAT_TYPES.includes(tensor.dataType)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `calibration.ranges: tensor '${name}' holds ${dataTypeName(tensor.dataType)} values; only floating-point activations have quantization ranges`);
  }
  return typedArrayNameOf(tensor.data) === 'Float64Array' ? Float32Array.from(tensor.data as Float64Array) : (tensor.data as Float32Array);
}

export function createCalibrationMethods(state: StageModel, providers: StageProviders, context: KernelContext): CalibrationMethods {
  const batches = providers.calibrationBatches;
  const signal = context.signal;
  const withSignal = <T extends object>(options: T): T & { signal?: AbortSignal } => (signal === undefined ? options : { ...options, signal });

  return {
    'calibration.inputs': async (batch: unknown) => {
      if (batches === 0) throw noCalibrationData('calibration.inputs');
      const index = expectInteger(batch, 'inputs(batch)', 0, batches - 1);
      const inputs = await providers.calibrationInputs(index);
      const handles: Record<string, TensorHandle> = {};
      for (const [name, tensor] of Object.entries(inputs)) handles[name] = state.table.add(tensor);
      return handles;
    },

    'calibration.ranges': async (tensors: unknown, options: unknown) => {
      if (batches === 0) throw noCalibrationData('calibration.ranges');
      const names = [...new Set(expectNameList(tensors, 'ranges(tensors)', { max: MAX_CALIBRATED_TENSORS }))];
      const checked = expectOptions(options, 'ranges(options)', ['method', 'percentile', 'symmetric', 'dataType', 'reduceRange'], true);
      const method = expectOneOf(checked.method, 'options.method', ['minmax', 'percentile', 'entropy', 'mse'] as const);
      const percentile = checked.percentile === undefined ? undefined : expectNumber(checked.percentile, 'options.percentile', 50, 100);
      const symmetric = checked.symmetric === undefined ? false : expectBoolean(checked.symmetric, 'options.symmetric');
      const type = checked.dataType === undefined ? (symmetric ? 'int8' : 'uint8') : expectOneOf(checked.dataType, 'options.dataType', ['int8', 'uint8'] as const);
      const reduceRange = checked.reduceRange === undefined ? false : expectBoolean(checked.reduceRange, 'options.reduceRange');
      if (names.length === 0) return {};

      const calibrators = new Map<string, KernelCalibrator>();
      try {
        for (const name of names) calibrators.set(name, await context.kernels.createCalibrator({ threads: context.threads }));
        let seen = 0;
        for await (const values of providers.activations(writeModel(state.model), names, withSignal({ maxBatches: batches }))) {
          seen += 1;
          await Promise.all(names.map((name) => (calibrators.get(name) as KernelCalibrator).update(floatValues(values[name], name), withSignal({ threads: context.threads }))));
        }
        if (seen === 0) throw noCalibrationData('calibration.ranges');
        const ranges: Record<string, ActivationRange> = {};
        for (const name of names) {
          const calibrator = calibrators.get(name) as KernelCalibrator;
          const range = await calibrator.range({ method, symmetric, percentile, bits: reduceRange ? 7 : 8 });
          const params = await calibrator.quantParams({ method, type, symmetric, reduceRange, percentile });
          ranges[name] = { min: range.min, max: range.max, scale: params.scale, zeroPoint: params.zeroPoint };
        }
        return ranges;
      } finally {
        await Promise.allSettled([...calibrators.values()].map((calibrator) => calibrator.close()));
      }
    },

    'calibration.activations': async (tensors: unknown, options: unknown) => {
      if (batches === 0) throw noCalibrationData('calibration.activations');
      const names = [...new Set(expectNameList(tensors, 'activations(tensors)', { max: MAX_CALIBRATED_TENSORS }))];
      const checked = expectOptions(options, 'activations(options)', ['maxBatches']);
      // An upper bound: asking for more batches than the run has yields all of them.
      const maxBatches = checked.maxBatches === undefined ? batches : Math.min(batches, expectInteger(checked.maxBatches, 'options.maxBatches', 1, 1_000_000));
      const result: Record<string, TensorHandle[]> = Object.fromEntries(names.map((name) => [name, []]));
      if (names.length === 0) return result;
      try {
        for await (const values of providers.activations(writeModel(state.model), names, withSignal({ maxBatches }))) {
          for (const name of names) {
            const tensor = values[name];
            if (tensor === undefined) throw new EdgepressError(ErrorCode.INTERNAL, `The runtime returned no values for tensor '${name}'`);
            result[name].push(state.table.add(tensor));
          }
        }
      } catch (error) {
        // Handles of a failed call are useless to the plugin: free them before reporting.
        state.table.release(Object.values(result).flatMap((handles) => handles.map((handle) => handle.id)));
        throw error;
      }
      return result;
    },

    'runtime.evaluate': async (options: unknown) => {
      if (batches === 0) throw noCalibrationData('runtime.evaluate');
      const checked = expectOptions(options, 'evaluate(options)', ['batches']);
      const count = checked.batches === undefined ? batches : expectInteger(checked.batches, 'options.batches', 1, batches);
      return providers.evaluate(writeModel(state.model), withSignal({ batches: count }));
    },

    'runtime.profile': async (options: unknown) => {
      const checked = expectOptions(options, 'profile(options)', ['runs']);
      const runs = checked.runs === undefined ? 5 : expectInteger(checked.runs, 'options.runs', 1, 1000);
      return providers.profile(writeModel(state.model), withSignal({ runs }));
    },
  };
}
