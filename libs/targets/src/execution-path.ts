import type { LayerPrecision } from '@edgepress/onnx';
import type { Precision } from './schema/fields';
import type { HardwareTarget } from './schema/target-schema';

/**
 * How a layer at a given precision runs on a target:
 * - native: the target accelerates that precision;
 * - converted: it runs at another accelerated precision (int4 weights unpacked to int8, fp16
 *   upcast to fp32, fp32 computed in fp16 by an NPU compiler);
 * - fallback: nothing accelerated fits, it runs on the target's fallback path (host CPU, scalar code).
 */
export interface ExecutionPath {
  readonly kind: 'native' | 'converted' | 'fallback';
  /** The accelerated precision it runs at; null on the fallback path. */
  readonly executedAs: Precision | null;
  readonly macsPerSecond: number;
  /** True when the conversion changes the numbers (fp32 computed in fp16). */
  readonly lossy: boolean;
  readonly description: string;
}

/**
 * Exact conversions, in order of preference: every value of the source precision is representable
 * in the target one (int8 values times their scale are computed in float after dequantization).
 */
const EXACT_CONVERSIONS: Readonly<Record<Precision, readonly Precision[]>> = {
  fp32: [],
  fp16: ['fp32'],
  bf16: ['fp32'],
  int8: ['fp16', 'fp32'],
  int4: ['int8', 'fp16', 'fp32'],
  binary: ['int8', 'fp16', 'fp32'],
};

const CONVERSION_VERB: Readonly<Record<Precision, string>> = {
  fp32: 'computed',
  fp16: 'upcast',
  bf16: 'upcast',
  int8: 'dequantized',
  int4: 'unpacked',
  binary: 'unpacked',
};

function isPrecision(value: LayerPrecision): value is Precision {
  return value !== 'other';
}

export function resolveExecutionPath(target: HardwareTarget, precision: LayerPrecision): ExecutionPath {
  const peaks = target.peakMacsPerSecond;
  if (isPrecision(precision)) {
    const native = peaks[precision];
    if (native !== undefined) {
      return { kind: 'native', executedAs: precision, macsPerSecond: native, lossy: false, description: `${precision} natively` };
    }
    for (const candidate of EXACT_CONVERSIONS[precision]) {
      const rate = peaks[candidate];
      if (rate !== undefined) {
        return {
          kind: 'converted',
          executedAs: candidate,
          macsPerSecond: rate,
          lossy: false,
          description: `${precision} ${CONVERSION_VERB[precision]} to ${candidate}`,
        };
      }
    }
    const lossyTarget = lossyConversion(target, precision);
    if (lossyTarget !== null) {
      return {
        kind: 'converted',
        executedAs: lossyTarget.precision,
        macsPerSecond: lossyTarget.rate,
        lossy: true,
        description: `${precision} computed in ${lossyTarget.precision} by the ${target.name} compiler`,
      };
    }
  }
  const subject = isPrecision(precision) ? precision : 'integer, boolean and shape arithmetic (precision "other")';
  return {
    kind: 'fallback',
    executedAs: null,
    macsPerSecond: target.fallback.macsPerSecond,
    lossy: false,
    description: `${subject} on the fallback path: ${target.fallback.description}`,
  };
}

/** fp32 (and bf16, whose range fp16 narrows) on an NPU that computes float layers in another precision. */
function lossyConversion(target: HardwareTarget, precision: Precision): { precision: Precision; rate: number } | null {
  if (target.kind !== 'npu' || target.fp32ExecutedAs === null || (precision !== 'fp32' && precision !== 'bf16')) return null;
  const rate = target.peakMacsPerSecond[target.fp32ExecutedAs];
  return rate === undefined ? null : { precision: target.fp32ExecutedAs, rate };
}
