/** Codecs of the sparse operators: magnitude pruning, N:M masks, channel importance, CSR/CSC, SpMM. */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { CscMatrix, CsrMatrix, Tensor } from '@edgepress/kernels-native';
import type { ApplyMagnitudeMaskArgs, ApplyMagnitudeMaskArgs__Output } from '../gen/edgepress/kernels/v1/ApplyMagnitudeMaskArgs';
import type { ChannelImportanceArgs, ChannelImportanceArgs__Output } from '../gen/edgepress/kernels/v1/ChannelImportanceArgs';
import type { ChannelImportanceResult, ChannelImportanceResult__Output } from '../gen/edgepress/kernels/v1/ChannelImportanceResult';
import type { CsrMatmulArgs, CsrMatmulArgs__Output } from '../gen/edgepress/kernels/v1/CsrMatmulArgs';
import type { MagnitudeThresholdArgs, MagnitudeThresholdArgs__Output } from '../gen/edgepress/kernels/v1/MagnitudeThresholdArgs';
import type { MagnitudeThresholdResult, MagnitudeThresholdResult__Output } from '../gen/edgepress/kernels/v1/MagnitudeThresholdResult';
import type { MaskedTensor, MaskedTensor__Output } from '../gen/edgepress/kernels/v1/MaskedTensor';
import type { MaskedTensorList, MaskedTensorList__Output } from '../gen/edgepress/kernels/v1/MaskedTensorList';
import type { MatmulDenseCscArgs, MatmulDenseCscArgs__Output } from '../gen/edgepress/kernels/v1/MatmulDenseCscArgs';
import type { MatmulResult, MatmulResult__Output } from '../gen/edgepress/kernels/v1/MatmulResult';
import type { NmMaskArgs, NmMaskArgs__Output } from '../gen/edgepress/kernels/v1/NmMaskArgs';
import type { PackSparseArgs, PackSparseArgs__Output } from '../gen/edgepress/kernels/v1/PackSparseArgs';
import type { PackSparseResult, PackSparseResult__Output } from '../gen/edgepress/kernels/v1/PackSparseResult';
import type { PruneByMagnitudeArgs, PruneByMagnitudeArgs__Output } from '../gen/edgepress/kernels/v1/PruneByMagnitudeArgs';
import type { UnpackSparseArgs, UnpackSparseArgs__Output } from '../gen/edgepress/kernels/v1/UnpackSparseArgs';
import type { UnpackSparseResult, UnpackSparseResult__Output } from '../gen/edgepress/kernels/v1/UnpackSparseResult';
import { defineOperator, enumArg, enumName, forValidation, integer, numberArg, objectArg, present, type AnyOperatorCodec } from './operator-codec';
import { encodeAxis } from './quantization-messages';
import {
  decodeMasked,
  decodeSparse,
  decodeSparseResult,
  decodeTensorList,
  decodeThreshold,
  encodeMasked,
  encodeSparse,
  encodeTensorList,
  encodeThreshold,
} from './sparse-messages';

type MaskedList = { list: MaskedTensorList; out: MaskedTensorList__Output };

const encodeMaskedList = (w: Parameters<typeof encodeMasked>[0], results: readonly Parameters<typeof encodeMasked>[2][]): MaskedList['list'] => ({
  tensors: results.map((masked, i) => encodeMasked(w, `tensors[${i}]`, masked)),
});
const decodeMaskedList = (r: Parameters<typeof decodeMasked>[0], m: MaskedList['out']) => m.tensors.map((t, i) => decodeMasked(r, t, `tensors[${i}]`));

export const magnitudeThresholdCodec = defineOperator<'magnitudeThreshold', MagnitudeThresholdArgs, MagnitudeThresholdArgs__Output, MagnitudeThresholdResult, MagnitudeThresholdResult__Output>({
  method: 'magnitudeThreshold',
  rpc: 'MagnitudeThreshold',
  optionsIndex: 2,
  encodeArgs: (w, [tensors, sparsity]) => ({ tensors: encodeTensorList(w, 'tensors', tensors), sparsity: numberArg('sparsity', sparsity) }),
  decodeArgs: (r, a, options) => [decodeTensorList(r, a.tensors), a.sparsity, options],
  encodeResult: (_w, threshold) => ({ threshold: encodeThreshold('threshold', threshold) }),
  decodeResult: (_r, m) => decodeThreshold(present(m.threshold, 'threshold')),
});

export const applyMagnitudeMaskCodec = defineOperator<'applyMagnitudeMask', ApplyMagnitudeMaskArgs, ApplyMagnitudeMaskArgs__Output, MaskedTensorList, MaskedTensorList__Output>({
  method: 'applyMagnitudeMask',
  rpc: 'ApplyMagnitudeMask',
  optionsIndex: 2,
  encodeArgs: (w, [tensors, threshold]) => ({ tensors: encodeTensorList(w, 'tensors', tensors), threshold: encodeThreshold('threshold', threshold) }),
  decodeArgs: (r, a, options) => [decodeTensorList(r, a.tensors), decodeThreshold(a.threshold), options],
  encodeResult: encodeMaskedList,
  decodeResult: decodeMaskedList,
});

const PRUNE_SCOPES = { global: 'PRUNE_SCOPE_GLOBAL', 'per-tensor': 'PRUNE_SCOPE_PER_TENSOR' } as const;

export const pruneByMagnitudeCodec = defineOperator<'pruneByMagnitude', PruneByMagnitudeArgs, PruneByMagnitudeArgs__Output, MaskedTensorList, MaskedTensorList__Output>({
  method: 'pruneByMagnitude',
  rpc: 'PruneByMagnitude',
  optionsIndex: 2,
  encodeArgs: (w, [tensors, sparsity, options]) => ({
    tensors: encodeTensorList(w, 'tensors', tensors),
    sparsity: numberArg('sparsity', sparsity),
    scope: enumArg('scope', options?.scope, 'global', PRUNE_SCOPES),
  }),
  decodeArgs: (r, a, options) => [decodeTensorList(r, a.tensors), a.sparsity, { ...options, scope: enumName(a.scope, PRUNE_SCOPES) }],
  encodeResult: encodeMaskedList,
  decodeResult: decodeMaskedList,
});

export const nmMaskCodec = defineOperator<'nmMask', NmMaskArgs, NmMaskArgs__Output, MaskedTensor, MaskedTensor__Output>({
  method: 'nmMask',
  rpc: 'NmMask',
  optionsIndex: 2,
  encodeArgs: (w, [tensor, pattern]) => {
    const p = objectArg('pattern', pattern);
    return { tensor: w.tensor('tensor', tensor), n: integer('n', p.n, 0, 2 ** 32 - 1), m: integer('m', p.m, 0, 2 ** 32 - 1), axis: encodeAxis('axis', p.axis) };
  },
  decodeArgs: (r, a, options) => [forValidation(r.tensor(a.tensor)), { n: a.n, m: a.m, axis: a.axis }, options],
  encodeResult: (w, masked) => encodeMasked(w, 'result', masked),
  decodeResult: (r, m) => decodeMasked(r, m, 'result'),
});

const NORMS = { l1: 'NORM_L1', l2: 'NORM_L2' } as const;

export const channelImportanceCodec = defineOperator<'channelImportance', ChannelImportanceArgs, ChannelImportanceArgs__Output, ChannelImportanceResult, ChannelImportanceResult__Output>({
  method: 'channelImportance',
  rpc: 'ChannelImportance',
  optionsIndex: 1,
  encodeArgs: (w, [tensor, options]) => ({ tensor: w.tensor('tensor', tensor), axis: encodeAxis('axis', options?.axis), norm: enumArg('norm', options?.norm, 'l1', NORMS) }),
  decodeArgs: (r, a, options) => [forValidation(r.tensor(a.tensor)), { ...options, axis: a.axis, norm: enumName(a.norm, NORMS) }],
  encodeResult: (w, scores) => ({ scores: w.array('scores', scores) }),
  decodeResult: (r, m) => present(r.array(m.scores), 'scores') as Float64Array,
});

function packCodec(method: 'packCsr' | 'packCsc', rpc: string): AnyOperatorCodec {
  return defineOperator<typeof method, PackSparseArgs, PackSparseArgs__Output, PackSparseResult, PackSparseResult__Output>({
    method,
    rpc,
    optionsIndex: 1,
    encodeArgs: (w, [matrix]) => ({ matrix: w.tensor('matrix', matrix) }),
    decodeArgs: (r, a, options) => [forValidation(r.tensor(a.matrix)), options],
    encodeResult: (w, matrix) => ({ matrix: encodeSparse(w, 'matrix', matrix) }),
    decodeResult: (r, m) => decodeSparseResult<'csr' & 'csc'>(r, m.matrix, 'matrix'),
  });
}

function unpackCodec(method: 'unpackCsr' | 'unpackCsc', rpc: string): AnyOperatorCodec {
  return defineOperator<typeof method, UnpackSparseArgs, UnpackSparseArgs__Output, UnpackSparseResult, UnpackSparseResult__Output>({
    method,
    rpc,
    optionsIndex: 1,
    encodeArgs: (w, [matrix]) => ({ matrix: encodeSparse(w, 'matrix', matrix) }),
    decodeArgs: (r, a, options) => [decodeSparse<'csr' & 'csc'>(r, a.matrix), options],
    encodeResult: (w, dense) => ({ dense: w.tensor('dense', dense) }),
    decodeResult: (r, m) => present(r.tensor(m.dense), 'dense') as Tensor<Float32Array>,
  });
}

export const packCsrCodec = packCodec('packCsr', 'PackCsr');
export const packCscCodec = packCodec('packCsc', 'PackCsc');
export const unpackCsrCodec = unpackCodec('unpackCsr', 'UnpackCsr');
export const unpackCscCodec = unpackCodec('unpackCsc', 'UnpackCsc');

/** SpMM's `out` option: the server cannot write into the caller's array, so the client copies the result there. */
function deliverInto(out: Float32Array | undefined, y: Tensor<Float32Array>): Tensor<Float32Array> {
  if (out === undefined) return y;
  if (!(out instanceof Float32Array) || out.length !== y.data.length) {
    throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected out to be a Float32Array of ${y.data.length} elements`, { details: { argument: 'out' } });
  }
  out.set(y.data);
  return { data: out, shape: y.shape };
}

const SPARSE_KERNELS = { auto: 'SPARSE_KERNEL_AUTO', portable: 'SPARSE_KERNEL_PORTABLE', avx2: 'SPARSE_KERNEL_AVX2', avx512: 'SPARSE_KERNEL_AVX512' } as const;

export const csrMatmulCodec = defineOperator<'csrMatmul', CsrMatmulArgs, CsrMatmulArgs__Output, MatmulResult, MatmulResult__Output>({
  method: 'csrMatmul',
  rpc: 'CsrMatmul',
  optionsIndex: 2,
  encodeArgs: (w, [a, b, options]) => ({ a: encodeSparse(w, 'a', a), b: w.tensor('b', b), kernel: enumArg('kernel', options?.kernel, 'auto', SPARSE_KERNELS) }),
  deliver: ([, , options], y) => deliverInto(options?.out, y),
  decodeArgs: (r, m, options) => [decodeSparse<'csr'>(r, m.a) as CsrMatrix, forValidation(r.tensor(m.b)), { ...options, kernel: enumName(m.kernel, SPARSE_KERNELS) }],
  encodeResult: (w, y) => ({ y: w.tensor('y', y) }),
  decodeResult: (r, m) => present(r.tensor(m.y), 'y') as Tensor<Float32Array>,
});

export const matmulDenseCscCodec = defineOperator<'matmulDenseCsc', MatmulDenseCscArgs, MatmulDenseCscArgs__Output, MatmulResult, MatmulResult__Output>({
  method: 'matmulDenseCsc',
  rpc: 'MatmulDenseCsc',
  optionsIndex: 2,
  encodeArgs: (w, [x, csc, options]) => ({ x: w.tensor('x', x), w: encodeSparse(w, 'w', csc), kernel: enumArg('kernel', options?.kernel, 'auto', SPARSE_KERNELS) }),
  deliver: ([, , options], y) => deliverInto(options?.out, y),
  decodeArgs: (r, m, options) => [forValidation(r.tensor(m.x)), decodeSparse<'csc'>(r, m.w) as CscMatrix, { ...options, kernel: enumName(m.kernel, SPARSE_KERNELS) }],
  encodeResult: (w, y) => ({ y: w.tensor('y', y) }),
  decodeResult: (r, m) => present(r.tensor(m.y), 'y') as Tensor<Float32Array>,
});
