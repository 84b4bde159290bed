/** Codecs of the int4 block-wise weight quantizer and MatMulNBits GEMM. */
import type { Int4Weights, Tensor } from '@edgepress/kernels-native';
import type { Int4Weights as Int4WeightsMessage, Int4Weights__Output } from '../gen/edgepress/kernels/v1/Int4Weights';
import type { MatmulNBitsArgs, MatmulNBitsArgs__Output } from '../gen/edgepress/kernels/v1/MatmulNBitsArgs';
import type { MatmulResult, MatmulResult__Output } from '../gen/edgepress/kernels/v1/MatmulResult';
import type { QuantizeInt4WeightsArgs, QuantizeInt4WeightsArgs__Output } from '../gen/edgepress/kernels/v1/QuantizeInt4WeightsArgs';
import type { QuantizeInt4WeightsResult, QuantizeInt4WeightsResult__Output } from '../gen/edgepress/kernels/v1/QuantizeInt4WeightsResult';
import type { TensorAssembler } from '../wire/tensor-assembler';
import type { TensorWriter } from '../wire/tensor-writer';
import { defineOperator, enumArg, enumName, forValidation, integer, objectArg, optionalInteger, present } from './operator-codec';

const KERNELS = { auto: 'INT4_KERNEL_AUTO', portable: 'INT4_KERNEL_PORTABLE', avx2: 'INT4_KERNEL_AVX2', avx512: 'INT4_KERNEL_AVX512' } as const;
const UINT32_MAX = 2 ** 32 - 1;

function encodeInt4(w: TensorWriter, name: string, weights: Int4Weights): Int4WeightsMessage {
  const b = objectArg(name, weights);
  return {
    k: integer(`${name}.k`, b.k, 0, UINT32_MAX),
    n: integer(`${name}.n`, b.n, 0, UINT32_MAX),
    blockSize: integer(`${name}.blockSize`, b.blockSize, 0, UINT32_MAX),
    data: w.array(`${name}.data`, b.data),
    scales: w.array(`${name}.scales`, b.scales),
    zeroPoints: w.array(`${name}.zeroPoints`, b.zeroPoints),
  };
}

function decodeInt4(r: TensorAssembler, message: Int4Weights__Output | null): Int4Weights {
  if (message === null) return forValidation<Int4Weights>(undefined);
  const zeroPoints = r.array(message.zeroPoints);
  return forValidation<Int4Weights>({
    k: message.k,
    n: message.n,
    blockSize: message.blockSize,
    data: r.array(message.data),
    scales: r.array(message.scales),
    ...(zeroPoints === undefined ? {} : { zeroPoints }),
  });
}

export const quantizeInt4WeightsCodec = defineOperator<'quantizeInt4Weights', QuantizeInt4WeightsArgs, QuantizeInt4WeightsArgs__Output, QuantizeInt4WeightsResult, QuantizeInt4WeightsResult__Output>({
  method: 'quantizeInt4Weights',
  rpc: 'QuantizeInt4Weights',
  optionsIndex: 1,
  encodeArgs: (w, [weights, options]) => ({
    w: w.tensor('w', weights),
    blockSize: optionalInteger('blockSize', options?.blockSize, 0, UINT32_MAX),
    symmetric: options?.symmetric === true,
  }),
  decodeArgs: (r, a, options) => [forValidation(r.tensor(a.w)), { ...options, blockSize: a.blockSize, symmetric: a.symmetric }],
  encodeResult: (w, weights) => ({ weights: encodeInt4(w, 'weights', weights) }),
  decodeResult: (r, m) => {
    const weights = present(m.weights, 'weights');
    const zeroPoints = r.array(weights.zeroPoints) as Uint8Array | undefined;
    return {
      k: weights.k,
      n: weights.n,
      blockSize: weights.blockSize,
      data: present(r.array(weights.data), 'weights.data') as Uint8Array,
      scales: present(r.array(weights.scales), 'weights.scales') as Float32Array,
      ...(zeroPoints === undefined ? {} : { zeroPoints }),
    };
  },
});

export const matmulNBitsCodec = defineOperator<'matmulNBits', MatmulNBitsArgs, MatmulNBitsArgs__Output, MatmulResult, MatmulResult__Output>({
  method: 'matmulNBits',
  rpc: 'MatmulNBits',
  optionsIndex: 2,
  encodeArgs: (w, [a, b, options]) => ({
    a: w.tensor('a', a),
    b: encodeInt4(w, 'b', b),
    bias: w.array('bias', options?.bias),
    kernel: enumArg('kernel', options?.kernel, 'auto', KERNELS),
  }),
  decodeArgs: (r, m, options) => [forValidation(r.tensor(m.a)), decodeInt4(r, m.b), forValidation({ ...options, bias: r.array(m.bias), kernel: enumName(m.kernel, KERNELS) })],
  encodeResult: (w, y) => ({ y: w.tensor('y', y) }),
  decodeResult: (r, m) => present(r.tensor(m.y), 'y') as Tensor<Float32Array>,
});
