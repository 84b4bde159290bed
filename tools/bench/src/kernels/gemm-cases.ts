/**
 * Dense products at one shape and thread count: fp32 MatMul (ONNX Runtime only: the anchor of the
 * sparse cases), int8 with dynamic activation quantization (ORT's DynamicQuantizeMatMul against
 * our dynamicQuantizeMatmul, both quantizing A on every run), MatMulInteger and QLinearMatMul
 * against matmulInteger/qlinearMatmul, MatMulNBits against matmulNBits. Constant weights are
 * prepared once on both sides (ORT pre-packs initializers; we pack B once, and prepare the 4-bit B); outputs are fresh
 * arrays on both sides. Each case's ORT session is released before the next case starts.
 */
import * as kernels from '@edgepress/kernels-native';
import { quantizeColumns, randomBytes, randomFloats } from './data';
import { ElemType, type SingleNodeModel } from './onnx-model';
import { ortTensor, withOrtSession, type OrtFeeds } from './ort-runner';
import { measureCase, productWork, type BenchResult } from './results';
import type { TimingBudget } from './timing';

export interface Shape {
  m: number;
  k: number;
  n: number;
}

export type GemmCase = 'matmul-fp32' | 'int8-dynamic-gemm' | 'matmul-integer' | 'qlinear-matmul' | 'int4-matmul-nbits';

const BLOCK = 32;

export async function benchGemm(shape: Shape, threadCounts: readonly number[], cases: ReadonlySet<GemmCase>, budget: TimingBudget, report: (r: BenchResult) => void): Promise<void> {
  const { m, k, n } = shape;
  const a = randomFloats(m * k, 1);
  const w = randomFloats(k * n, 2);
  const aU8 = randomBytes(Uint8Array, m * k, 3);
  const { b, scale } = quantizeColumns(w, k, n);
  const packed = await kernels.packInt8Weights({ data: b, shape: [k, n] });
  const int4 = cases.has('int4-matmul-nbits') ? await kernels.quantizeInt4Weights({ data: w, shape: [k, n] }, { blockSize: BLOCK }) : undefined;
  const aInput = { name: 'a', elemType: ElemType.FLOAT, shape: [m, k] };
  const aU8Input = { name: 'a', elemType: ElemType.UINT8, shape: [m, k] };
  const bInit = { name: 'b', elemType: ElemType.INT8, dims: [k, n], data: b };
  const scalar = <T extends ArrayBufferView>(name: string, elemType: number, data: T) => ({ name, elemType, dims: [], data });
  const aFeed = { a: ortTensor('float32', a, [m, k]) };
  const aU8Feed = { a: ortTensor('uint8', aU8, [m, k]) };

  for (const threads of threadCounts) {
    /** ORT on `spec` against our `ours` (when given), timed in isolation from each other. */
    const measure = (name: GemmCase, spec: SingleNodeModel, feeds: OrtFeeds, ours?: () => Promise<unknown>) =>
      withOrtSession(spec, threads, (ort) => {
        const sides = [{ impl: 'ort', run: () => ort.run(feeds) }, ...(ours ? [{ impl: 'edgepress', run: ours }] : [])];
        const fields = { case: name, threads, m, k, n, sparsity: 0 };
        return measureCase(fields, sides, productWork(fields), budget, report);
      });

    if (cases.has('matmul-fp32')) {
      await measure('matmul-fp32', { op: 'MatMul', inputs: ['a', 'w'], graphInputs: [aInput], initializers: [{ name: 'w', elemType: ElemType.FLOAT, dims: [k, n], data: w }], output: { name: 'y', elemType: ElemType.FLOAT, shape: [m, n] }, opset: 13 }, aFeed);
    }
    if (cases.has('int8-dynamic-gemm')) {
      await measure(
        'int8-dynamic-gemm',
        {
          op: 'DynamicQuantizeMatMul',
          domain: 'com.microsoft',
          inputs: ['a', 'b', 'b_scale'],
          graphInputs: [aInput],
          initializers: [bInit, { name: 'b_scale', elemType: ElemType.FLOAT, dims: [n], data: scale }],
          output: { name: 'y', elemType: ElemType.FLOAT, shape: [m, n] },
          opset: 13,
        },
        aFeed,
        () => kernels.dynamicQuantizeMatmul({ data: a, shape: [m, k] }, packed, { bScale: scale, threads }),
      );
    }
    if (cases.has('matmul-integer')) {
      await measure(
        'matmul-integer',
        {
          op: 'MatMulInteger',
          inputs: ['a', 'b', 'a_zp', 'b_zp'],
          graphInputs: [aU8Input],
          initializers: [bInit, scalar('a_zp', ElemType.UINT8, new Uint8Array([128])), scalar('b_zp', ElemType.INT8, new Int8Array([0]))],
          output: { name: 'y', elemType: ElemType.INT32, shape: [m, n] },
          opset: 13,
        },
        aU8Feed,
        () => kernels.matmulInteger({ data: aU8, shape: [m, k] }, packed, { aZeroPoint: 128, threads }),
      );
    }
    if (cases.has('qlinear-matmul')) {
      const f = (name: string, v: number) => scalar(name, ElemType.FLOAT, new Float32Array([v]));
      await measure(
        'qlinear-matmul',
        {
          op: 'QLinearMatMul',
          inputs: ['a', 'a_scale', 'a_zp', 'b', 'b_scale', 'b_zp', 'y_scale', 'y_zp'],
          graphInputs: [aU8Input],
          initializers: [f('a_scale', 0.02), scalar('a_zp', ElemType.UINT8, new Uint8Array([128])), bInit, f('b_scale', 0.01), scalar('b_zp', ElemType.INT8, new Int8Array([0])), f('y_scale', 0.5), scalar('y_zp', ElemType.UINT8, new Uint8Array([128]))],
          output: { name: 'y', elemType: ElemType.UINT8, shape: [m, n] },
          opset: 13,
        },
        aU8Feed,
        () => kernels.qlinearMatmul({ data: aU8, shape: [m, k] }, packed, { aScale: 0.02, aZeroPoint: 128, bScale: 0.01, yScale: 0.5, yZeroPoint: 128, yType: 'uint8', threads }),
      );
    }
    if (int4 !== undefined) {
      const preparedInt4 = kernels.prepareInt4Weights(int4);
      const blocks = Math.ceil(k / BLOCK);
      const initializers = [
        { name: 'b', elemType: ElemType.UINT8, dims: [n, blocks, BLOCK / 2], data: int4.data },
        { name: 'scales', elemType: ElemType.FLOAT, dims: [n * blocks], data: int4.scales },
        ...(int4.zeroPoints ? [{ name: 'zp', elemType: ElemType.UINT8, dims: [int4.zeroPoints.length], data: int4.zeroPoints }] : []),
      ];
      await measure(
        'int4-matmul-nbits',
        {
          op: 'MatMulNBits',
          domain: 'com.microsoft',
          inputs: int4.zeroPoints ? ['a', 'b', 'scales', 'zp'] : ['a', 'b', 'scales'],
          attributes: { K: k, N: n, bits: 4, block_size: BLOCK, accuracy_level: 0 },
          graphInputs: [aInput],
          initializers,
          output: { name: 'y', elemType: ElemType.FLOAT, shape: [m, n] },
          opset: 13,
        },
        aFeed,
        () => kernels.matmulNBits({ data: a, shape: [m, k] }, preparedInt4, { threads }),
      );
    }
  }
}
