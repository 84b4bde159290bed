import type { Dim, ModelSummary, ValueSummary } from '@edgepress/onnx';
import type { QuantizationRequirements } from '../quantization-requirements';
import type { HardwareTarget } from '../schema/target-schema';
import type { CompatibilityIssue } from './compatibility-issue';

const QUANTIZED = ['int8', 'int4', 'binary'];

/**
 * The quantization scheme and shape rules the target imposes. The summary does not say whether an
 * already-quantized model uses per-channel scales or full-range weights, so for such a model these
 * are warnings to verify; for a float model they are information for the quantization stage.
 */
export function checkScheme(summary: ModelSummary, target: HardwareTarget, required: QuantizationRequirements): CompatibilityIssue[] {
  const issues: CompatibilityIssue[] = [];
  const quantized = summary.layers.some((layer) => QUANTIZED.includes(layer.precision));
  const severity = quantized ? ('warning' as const) : ('info' as const);
  const subject = quantized ? 'make sure the quantized layers use' : 'quantize with';

  if (required.perTensorOnly) {
    issues.push({
      code: 'REQUIRES_PER_TENSOR',
      severity,
      message: `The ${target.id} supports only per-tensor quantization: ${subject} one scale and zero point per tensor (no per-channel weight scales).`,
    });
  }
  if (required.symmetricWeights) {
    issues.push({
      code: 'REQUIRES_SYMMETRIC_WEIGHTS',
      severity,
      message: `The ${target.id} kernels follow the TFLite int8 spec: ${subject} symmetric weights (zero point 0; per-channel scales are fine).`,
    });
  }
  if (required.reduceRange) {
    issues.push({
      code: 'REQUIRES_REDUCE_RANGE',
      severity,
      message:
        `The ${target.id} is x86 without VNNI: its int8 GEMM multiplies u8 activations by s8 weights with vpmaddubsw, which adds ` +
        `pairs of products into a saturating int16 (255 x 127 x 2 = 64770 > 32767): ${subject} 7-bit weights (reduce_range), ` +
        'which cannot saturate (255 x 63 x 2 = 32130).',
    });
  }
  if (required.staticShapes && summary.dynamicShapes) {
    const dynamic = summary.inputs.filter((input) => input.shape === null || input.shape.some((dim) => typeof dim !== 'number'));
    issues.push({
      code: 'REQUIRES_STATIC_SHAPES',
      severity: 'error',
      message:
        `The ${target.id} needs every shape fixed ahead of time, but ${dynamic.map(describeInput).join(', ') || 'some inputs'} ` +
        `${dynamic.length === 1 ? 'has' : 'have'} symbolic or unknown dimensions: fix them (e.g. batch 1) and re-run shape inference.`,
      tensors: dynamic.map((input) => input.name),
    });
  }
  if (target.kind === 'npu' && target.maxTensorRank !== null) {
    const limit = target.maxTensorRank;
    const tooHigh = [...summary.inputs, ...summary.outputs].filter((value) => value.shape !== null && effectiveRank(value.shape) > limit);
    if (tooHigh.length > 0) {
      issues.push({
        code: 'TENSOR_RANK_TOO_HIGH',
        severity: 'warning',
        message:
          `The ${target.id} handles tensors with at most ${limit} dimensions larger than 1, but ${tooHigh.map(describeInput).join(', ')} ` +
          `${tooHigh.length === 1 ? 'exceeds' : 'exceed'} that; such tensors (and likely inner ones, which the summary does not list) must be reshaped.`,
        tensors: tooHigh.map((value) => value.name),
      });
    }
  }
  return issues;
}

/** Dimensions that are, or may be, larger than 1. */
function effectiveRank(shape: readonly Dim[]): number {
  return shape.filter((dim) => dim !== 1).length;
}

function describeInput(value: ValueSummary): string {
  const shape = value.shape === null ? 'unknown shape' : `[${value.shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
  return `${value.name} ${shape}`;
}
