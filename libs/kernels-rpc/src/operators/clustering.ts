/** Codecs of the weight-clustering operators (k-means, Huffman code lengths). */
import type { Tensor } from '@edgepress/kernels-native';
import type { HuffmanCodeArgs, HuffmanCodeArgs__Output } from '../gen/edgepress/kernels/v1/HuffmanCodeArgs';
import type { HuffmanCodeResult, HuffmanCodeResult__Output } from '../gen/edgepress/kernels/v1/HuffmanCodeResult';
import type { KmeansClusterArgs, KmeansClusterArgs__Output } from '../gen/edgepress/kernels/v1/KmeansClusterArgs';
import type { KmeansClusterResult, KmeansClusterResult__Output } from '../gen/edgepress/kernels/v1/KmeansClusterResult';
import { defineOperator, forValidation, integer, numberArg, optionalInteger, present } from './operator-codec';

export const kmeansClusterCodec = defineOperator<'kmeansCluster', KmeansClusterArgs, KmeansClusterArgs__Output, KmeansClusterResult, KmeansClusterResult__Output>({
  method: 'kmeansCluster',
  rpc: 'KmeansCluster',
  optionsIndex: 2,
  encodeArgs: (w, [weights, k, options]) => ({
    weights: w.tensor('weights', weights),
    k: integer('k', k, 0, 2 ** 32 - 1),
    seed: optionalInteger('seed', options?.seed, 0, Number.MAX_SAFE_INTEGER),
    maxIterations: optionalInteger('maxIterations', options?.maxIterations, 0, 2 ** 32 - 1),
    tolerance: options?.tolerance === undefined ? undefined : numberArg('tolerance', options.tolerance),
  }),
  decodeArgs: (r, a, options) => [
    forValidation(r.tensor(a.weights)),
    a.k,
    { ...options, seed: a.seed, maxIterations: a.maxIterations, tolerance: a.tolerance },
  ],
  encodeResult: (w, result) => ({
    codebook: w.array('codebook', result.codebook),
    indices: w.tensor('indices', result.indices),
    mse: result.mse,
    iterations: result.iterations,
  }),
  decodeResult: (r, m) => ({
    codebook: present(r.array(m.codebook), 'codebook') as Float32Array,
    indices: present(r.tensor(m.indices), 'indices') as Tensor<Uint8Array>,
    mse: m.mse,
    iterations: m.iterations,
  }),
});

export const huffmanCodeCodec = defineOperator<'huffmanCode', HuffmanCodeArgs, HuffmanCodeArgs__Output, HuffmanCodeResult, HuffmanCodeResult__Output>({
  method: 'huffmanCode',
  rpc: 'HuffmanCode',
  optionsIndex: 1,
  encodeArgs: (w, [stream]) => ({ stream: w.array('stream', stream) }),
  decodeArgs: (r, a, options) => [forValidation(r.array(a.stream)), options],
  encodeResult: (w, code) => ({ counts: w.array('counts', code.counts), lengths: w.array('lengths', code.lengths), totalBits: code.totalBits }),
  decodeResult: (r, m) => ({
    counts: present(r.array(m.counts), 'counts') as Float64Array,
    lengths: present(r.array(m.lengths), 'lengths') as Uint8Array,
    totalBits: m.totalBits,
  }),
});
