/**
 * quantize-int8: 8-bit quantization for ONNX Runtime and int8 targets.
 * - static (default): QDQ format (or QOperator: QLinearConv/QLinearMatMul written directly, format
 *   'qoperator') with activation ranges calibrated on the run's calibration data
 *   (min-max, percentile, entropy or MSE), int8 weights from ctx.kernels.quantize (per channel or
 *   per tensor, symmetric by default, 7-bit where the target saturates 16-bit sums), int32 biases,
 *   BatchNormalization folded first and biases corrected for the mean shift of weight rounding;
 * - dynamic: MatMul/Gemm as DynamicQuantizeLinear + MatMulInteger;
 * - mixed precision (measured per-layer sensitivity) and latency-aware fallbacks (measured per
 *   layer with ONNX Runtime's profiler), both optional.
 * The plugin depends on the SDK only and runs in the sandbox.
 */
import { definePlugin } from '@edgepress/plugin-sdk';
import { runDynamic } from './dynamic-mode';
import { quantizeInt8Params } from './params';
import { resolveScheme, supportsInt8 } from './scheme';
import { runStatic } from './static-mode';

export default definePlugin({
  name: 'quantize-int8',
  version: '0.1.0',
  kind: 'quantize',
  description:
    'Quantizes weights and activations to 8 bits: static QDQ or QOperator calibrated on real data (per-channel or per-tensor, min-max/percentile/entropy/MSE) or dynamic MatMulInteger, with optional mixed precision from measured layer sensitivity and latency-aware fallbacks measured in ONNX Runtime.',
  params: quantizeInt8Params,
  engines: '^1.0.0',
  supports: supportsInt8,
  async run(ctx, params) {
    const scheme = resolveScheme(params, ctx.target);
    return scheme.mode === 'dynamic' ? runDynamic(ctx, params, scheme) : runStatic(ctx, params, scheme);
  },
});
