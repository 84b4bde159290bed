/** Codecs of the int8 GEMM operators and the weight packer. */
import type { MatMulIntegerToFloatOptions, QLinearMatMulOptions, Tensor } from '@edgepress/kernels-native';
import type { DynamicQuantizeMatmulArgs, DynamicQuantizeMatmulArgs__Output } from '../gen/edgepress/kernels/v1/DynamicQuantizeMatmulArgs';
import type { DynamicQuantizeMatmulResult, DynamicQuantizeMatmulResult__Output } from '../gen/edgepress/kernels/v1/DynamicQuantizeMatmulResult';
import type { MatmulIntegerArgs, MatmulIntegerArgs__Output } from '../gen/edgepress/kernels/v1/MatmulIntegerArgs';
import type { MatmulIntegerResult, MatmulIntegerResult__Output } from '../gen/edgepress/kernels/v1/MatmulIntegerResult';
import type { MatmulIntegerToFloatArgs, MatmulIntegerToFloatArgs__Output } from '../gen/edgepress/kernels/v1/MatmulIntegerToFloatArgs';
import type { MatmulResult, MatmulResult__Output } from '../gen/edgepress/kernels/v1/MatmulResult';
import type { PackInt8WeightsArgs, PackInt8WeightsArgs__Output } from '../gen/edgepress/kernels/v1/PackInt8WeightsArgs';
import type { PackInt8WeightsResult, PackInt8WeightsResult__Output } from '../gen/edgepress/kernels/v1/PackInt8WeightsResult';
import type { QlinearMatmulArgs, QlinearMatmulArgs__Output } from '../gen/edgepress/kernels/v1/QlinearMatmulArgs';
import type { QlinearMatmulResult, QlinearMatmulResult__Output } from '../gen/edgepress/kernels/v1/QlinearMatmulResult';
import {
  decodeColumnScale,
  decodeColumnZeroPoint,
  decodeKernel,
  decodeOperands,
  decodePackedResult,
  decodeWeights,
  encodeColumnScale,
  encodeColumnZeroPoint,
  encodeKernel,
  encodeOperands,
  encodePacked,
  encodeWeights,
} from './gemm-messages';
import { defineOperator, enumArg, enumName, forValidation, numberArg, objectArg, optionalInteger, present } from './operator-codec';

const optionalNumber = (name: string, value: unknown): number | undefined => (value === undefined ? undefined : numberArg(name, value));
const Y_TYPES = { uint8: 'DATA_TYPE_UINT8', int8: 'DATA_TYPE_INT8' } as const;

export const packInt8WeightsCodec = defineOperator<'packInt8Weights', PackInt8WeightsArgs, PackInt8WeightsArgs__Output, PackInt8WeightsResult, PackInt8WeightsResult__Output>({
  method: 'packInt8Weights',
  rpc: 'PackInt8Weights',
  optionsIndex: 1,
  encodeArgs: (w, [b]) => ({ b: w.tensor('b', b) }),
  decodeArgs: (r, a, options) => [forValidation(r.tensor(a.b)), options],
  encodeResult: (w, packed) => ({ weights: encodePacked(w, 'weights', packed) }),
  decodeResult: (r, m) => decodePackedResult(r, m.weights),
});

export const matmulIntegerCodec = defineOperator<'matmulInteger', MatmulIntegerArgs, MatmulIntegerArgs__Output, MatmulIntegerResult, MatmulIntegerResult__Output>({
  method: 'matmulInteger',
  rpc: 'MatmulInteger',
  optionsIndex: 2,
  encodeArgs: (w, [a, b, options]) => ({ operands: encodeOperands(w, a, b, options) }),
  decodeArgs: (r, m, options) => {
    const operands = decodeOperands(r, m.operands);
    return [operands.a, operands.b, { ...options, ...operands.options }];
  },
  encodeResult: (w, y) => ({ y: w.tensor('y', y) }),
  decodeResult: (r, m) => present(r.tensor(m.y), 'y') as Tensor<Int32Array>,
});

export const matmulIntegerToFloatCodec = defineOperator<'matmulIntegerToFloat', MatmulIntegerToFloatArgs, MatmulIntegerToFloatArgs__Output, MatmulResult, MatmulResult__Output>({
  method: 'matmulIntegerToFloat',
  rpc: 'MatmulIntegerToFloat',
  optionsIndex: 2,
  encodeArgs: (w, [a, b, options]) => {
    const o = objectArg('options', options);
    return {
      operands: encodeOperands(w, a, b, o),
      aScale: optionalNumber('aScale', o.aScale),
      bScale: encodeColumnScale(w, 'bScale', o.bScale),
      bias: w.array('bias', o.bias),
    };
  },
  decodeArgs: (r, m, options) => {
    const operands = decodeOperands(r, m.operands);
    const extra: MatMulIntegerToFloatOptions = forValidation({ aScale: m.aScale, bScale: decodeColumnScale(r, m.bScale), bias: r.array(m.bias) });
    return [operands.a, operands.b, { ...options, ...operands.options, ...extra }];
  },
  encodeResult: (w, y) => ({ y: w.tensor('y', y) }),
  decodeResult: (r, m) => present(r.tensor(m.y), 'y') as Tensor<Float32Array>,
});

export const qlinearMatmulCodec = defineOperator<'qlinearMatmul', QlinearMatmulArgs, QlinearMatmulArgs__Output, QlinearMatmulResult, QlinearMatmulResult__Output>({
  method: 'qlinearMatmul',
  rpc: 'QlinearMatmul',
  optionsIndex: 2,
  encodeArgs: (w, [a, b, options]) => {
    const o = objectArg('options', options);
    return {
      operands: encodeOperands(w, a, b, o),
      aScale: optionalNumber('aScale', o.aScale),
      bScale: encodeColumnScale(w, 'bScale', o.bScale),
      yScale: optionalNumber('yScale', o.yScale),
      yZeroPoint: optionalInteger('yZeroPoint', o.yZeroPoint, -(2 ** 31), 2 ** 31 - 1),
      yType: enumArg('yType', o.yType, o.yType, Y_TYPES),
    };
  },
  decodeArgs: (r, m, options) => {
    const operands = decodeOperands(r, m.operands);
    const extra: QLinearMatMulOptions = forValidation({
      aScale: m.aScale,
      bScale: decodeColumnScale(r, m.bScale),
      yScale: m.yScale,
      yZeroPoint: m.yZeroPoint,
      yType: enumName(m.yType, Y_TYPES),
    });
    return [operands.a, operands.b, { ...options, ...operands.options, ...extra }];
  },
  encodeResult: (w, y) => ({ y: w.tensor('y', y) }),
  decodeResult: (r, m) => present(r.tensor(m.y), 'y') as Tensor<Uint8Array | Int8Array>,
});

export const dynamicQuantizeMatmulCodec = defineOperator<'dynamicQuantizeMatmul', DynamicQuantizeMatmulArgs, DynamicQuantizeMatmulArgs__Output, DynamicQuantizeMatmulResult, DynamicQuantizeMatmulResult__Output>({
  method: 'dynamicQuantizeMatmul',
  rpc: 'DynamicQuantizeMatmul',
  optionsIndex: 2,
  encodeArgs: (w, [a, b, options]) => {
    const o = objectArg('options', options);
    return {
      a: w.tensor('a', a),
      b: encodeWeights(w, 'b', b),
      kernel: encodeKernel(o.kernel),
      bScale: encodeColumnScale(w, 'bScale', o.bScale),
      bZeroPoint: encodeColumnZeroPoint(w, 'bZeroPoint', o.bZeroPoint),
      bias: w.array('bias', o.bias),
    };
  },
  decodeArgs: (r, m, options) => [
    forValidation(r.tensor(m.a)),
    decodeWeights(r, m.b),
    forValidation({
      ...options,
      kernel: decodeKernel(m.kernel),
      bScale: decodeColumnScale(r, m.bScale),
      bZeroPoint: decodeColumnZeroPoint(r, m.bZeroPoint),
      bias: r.array(m.bias),
    }),
  ],
  encodeResult: (w, result) => ({ y: w.tensor('y', result), aScale: result.aScale, aZeroPoint: result.aZeroPoint }),
  decodeResult: (r, m) => ({ ...(present(r.tensor(m.y), 'y') as Tensor<Float32Array>), aScale: m.aScale, aZeroPoint: m.aZeroPoint }),
});
