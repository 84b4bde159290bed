/** Conversions of the Calibrate stream's requests and answers. */
import type { CalibrationMethod, CalibrationParamsOptions, CalibrationRangeOptions, CalibratorStats, HistogramSnapshot, QuantParams } from '@edgepress/kernels-native';
import type { CalibrationHistogram, CalibrationHistogram__Output } from '../gen/edgepress/kernels/v1/CalibrationHistogram';
import type { CalibrationParamsQuery, CalibrationParamsQuery__Output } from '../gen/edgepress/kernels/v1/CalibrationParamsQuery';
import type { CalibrationRangeQuery, CalibrationRangeQuery__Output } from '../gen/edgepress/kernels/v1/CalibrationRangeQuery';
import type { CalibrationStats, CalibrationStats__Output } from '../gen/edgepress/kernels/v1/CalibrationStats';
import { enumArg, enumName, forValidation, numberArg, objectArg, optionalInteger } from '../operators/operator-codec';
import { decodeQuantizedType, encodeQuantizedType } from '../operators/quantization-messages';

const METHODS = {
  minmax: 'CALIBRATION_METHOD_MINMAX',
  percentile: 'CALIBRATION_METHOD_PERCENTILE',
  entropy: 'CALIBRATION_METHOD_ENTROPY',
  mse: 'CALIBRATION_METHOD_MSE',
} as const satisfies Record<CalibrationMethod, string>;

const optionalNumber = (name: string, value: unknown) => (value === undefined ? undefined : numberArg(name, value));

export function encodeRangeQuery(options: CalibrationRangeOptions): CalibrationRangeQuery {
  const o = objectArg('options', options);
  return {
    method: enumArg('method', o.method, o.method, METHODS),
    symmetric: o.symmetric === true,
    percentile: optionalNumber('percentile', o.percentile),
    bits: optionalInteger('bits', o.bits, 0, 2 ** 32 - 1),
  };
}

export function decodeRangeQuery(m: CalibrationRangeQuery__Output): CalibrationRangeOptions {
  return forValidation({ method: enumName(m.method, METHODS), symmetric: m.symmetric, percentile: m.percentile, bits: m.bits });
}

export function encodeParamsQuery(options: CalibrationParamsOptions): CalibrationParamsQuery {
  const o = objectArg('options', options);
  return {
    method: enumArg('method', o.method, o.method, METHODS),
    type: encodeQuantizedType('type', o.type),
    symmetric: o.symmetric === true,
    reduceRange: o.reduceRange === true,
    percentile: optionalNumber('percentile', o.percentile),
  };
}

export function decodeParamsQuery(m: CalibrationParamsQuery__Output): CalibrationParamsOptions {
  return forValidation({ method: enumName(m.method, METHODS), type: decodeQuantizedType(m.type), symmetric: m.symmetric, reduceRange: m.reduceRange, percentile: m.percentile });
}

export function encodeHistogram(h: HistogramSnapshot): CalibrationHistogram {
  const side = (s: HistogramSnapshot['positive']) => ({ counts: Array.from(s.counts), binWidth: s.binWidth, seen: s.seen });
  return { positive: side(h.positive), negative: side(h.negative), count: h.count, min: h.min, max: h.max };
}

export function decodeHistogram(m: CalibrationHistogram__Output): HistogramSnapshot {
  const side = (s: CalibrationHistogram__Output['positive']) => ({ counts: Float64Array.from(s?.counts ?? []), binWidth: s?.binWidth ?? 0, seen: s?.seen ?? false });
  return { positive: side(m.positive), negative: side(m.negative), count: m.count, min: m.min, max: m.max };
}

export function encodeStats(s: CalibratorStats): CalibrationStats {
  return { count: s.count, min: s.min, max: s.max, bins: s.bins, stateBytes: s.stateBytes };
}

export function decodeStats(m: CalibrationStats__Output): CalibratorStats {
  return { count: m.count, min: m.min, max: m.max, bins: m.bins, stateBytes: m.stateBytes };
}

export function decodeQuantParams(m: { scale: number; zeroPoint: number }): QuantParams {
  return { scale: m.scale, zeroPoint: m.zeroPoint };
}
