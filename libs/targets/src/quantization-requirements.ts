import { FLOAT_PRECISIONS, type Precision } from './schema/fields';
import type { HardwareTarget } from './schema/target-schema';

/** x86 features that accumulate u8 x s8 products straight into int32, without a 16-bit step. */
const VNNI_FEATURES = ['avx512-vnni', 'avx-vnni', 'amx-int8'] as const;

/**
 * The quantization constraints a plugin must honour on a target; the shape extends the plugin SDK's
 * `TargetQuantizationRequirements`.
 */
export interface QuantizationRequirements {
  /** Only one scale per tensor: per-channel weight scales are not allowed. */
  readonly perTensorOnly: boolean;
  /** Quantize weights to 7 bits: u8 x s8 products saturate the int16 intermediates of VPMADDUBSW. */
  readonly reduceRange: boolean;
  /** Weight zero points must be 0. */
  readonly symmetricWeights: boolean;
  /** Every tensor shape must be static when the model is compiled or planned. */
  readonly staticShapes: boolean;
  /** Precisions the target accelerates. */
  readonly allowedPrecisions: readonly Precision[];
  /** No floating-point precision is accelerated: the whole model must be quantized. */
  readonly requiresQuantization: boolean;
  readonly sparsity: {
    readonly structured: ReadonlyArray<{ readonly n: number; readonly m: number; readonly speedup: number; readonly precisions: readonly Precision[] }>;
    /** Whether unstructured sparsity turns into speed (otherwise it only saves storage). */
    readonly unstructured: boolean;
  };
}

/**
 * True on x86 CPUs without VNNI: their int8 GEMM multiplies u8 activations by s8 weights with
 * VPMADDUBSW, which adds two products into a saturating int16. 255 x 127 x 2 = 64770 > 32767, so
 * full-range 8-bit weights can saturate; 7-bit weights (reduce_range) cannot (255 x 63 x 2 = 32130).
 */
export function needsReduceRange(target: HardwareTarget): boolean {
  if (target.kind !== 'cpu' || target.architecture !== 'x86_64') return false;
  const features: readonly string[] = target.isaFeatures;
  return !VNNI_FEATURES.some((feature) => features.includes(feature));
}

export function requiresStaticShapes(target: HardwareTarget): boolean {
  return (target.kind === 'npu' || target.kind === 'mcu') && target.staticShapesRequired;
}

/** Derives what a quantization plugin must do for this target. */
export function quantizationRequirements(target: HardwareTarget): QuantizationRequirements {
  return Object.freeze({
    perTensorOnly: target.quantization.perTensorOnly,
    reduceRange: needsReduceRange(target),
    symmetricWeights: target.quantization.symmetricWeights,
    staticShapes: requiresStaticShapes(target),
    allowedPrecisions: target.precisions,
    requiresQuantization: !target.precisions.some((precision) => FLOAT_PRECISIONS.includes(precision)),
    sparsity: Object.freeze({ structured: target.sparsity.structured, unstructured: target.sparsity.unstructured !== null }),
  });
}
