/** `ctx.kernels.*` on the host, by wire name. Tests: kernel-methods.test.ts. */
import type { HostMethods } from '@edgepress/plugin-sdk/sandbox';
import { lowRank, tucker2 } from './kernel-factorization';
import type { KernelContext } from './kernel-inputs';
import { dequantize, quantize, quantizeBinary, quantizeMatMulNBits } from './kernel-quantization';
import { channelImportance, csrPack, huffmanCodeLengths, kmeans, magnitudePrune, magnitudeThreshold, nmPrune } from './kernel-sparsity';

type KernelMethods = { [K in keyof HostMethods as K extends `kernels.${string}` ? K : never]: HostMethods[K] };

export function createKernelMethods(context: KernelContext): KernelMethods {
  return {
    'kernels.quantize': (input: unknown, options: unknown) => quantize(context, input, options),
    'kernels.dequantize': (input: unknown, options: unknown) => dequantize(context, input, options),
    'kernels.quantizeBinary': (input: unknown, options: unknown) => quantizeBinary(context, input, options),
    'kernels.quantizeMatMulNBits': (weight: unknown, options: unknown) => quantizeMatMulNBits(context, weight, options),
    'kernels.magnitudeThreshold': (inputs: unknown, sparsity: unknown) => magnitudeThreshold(context, inputs, sparsity),
    'kernels.magnitudePrune': (input: unknown, threshold: unknown) => magnitudePrune(context, input, threshold),
    'kernels.nmPrune': (input: unknown, options: unknown) => nmPrune(context, input, options),
    'kernels.channelImportance': (input: unknown, options: unknown) => channelImportance(context, input, options),
    'kernels.csrPack': (input: unknown) => csrPack(context, input),
    'kernels.kmeans': (input: unknown, options: unknown) => kmeans(context, input, options),
    'kernels.huffmanCodeLengths': (indices: unknown) => huffmanCodeLengths(context, indices),
    'kernels.lowRank': (input: unknown, options: unknown) => lowRank(context, input, options),
    'kernels.tucker2': (weight: unknown, options: unknown) => tucker2(context, weight, options),
  };
}
