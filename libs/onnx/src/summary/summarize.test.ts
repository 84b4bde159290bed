import fs from 'node:fs';
import path from 'node:path';
import { graph, modelBytes } from '../../test/fixtures/build-model';
import { runPythonJson } from '../../test/fixtures/python';
import { PP_OCR_DET, PP_OCR_REC, REAL_MODELS } from '../../test/fixtures/real-models';
import { readModel } from '../model/read';
import type { ModelSummary } from '../model-summary';
import { DataType } from '../tensor/data-types';
import { encodeTensor } from '../tensor/encode';
import { createTensor } from '../tensor/tensor';
import { summarizeModel } from './summarize';

interface Reference {
  parameters: number;
  nonZero: number;
  parametersByType: Record<string, number>;
  bytesByType: Record<string, number>;
  ops: Record<string, number>;
  macs?: number;
  macsUnknown?: string[];
}

const reference = (file: string, ...shape: string[]) => runPythonJson<Reference>('reference_stats.py', [file, ...shape]);
const open = (file: string) => readModel(new Uint8Array(fs.readFileSync(file)));

describe('summarizeModel on the shipped models, against python-onnx and numpy', () => {
  it.each(REAL_MODELS.map((file) => [path.basename(file), file]))('%s: parameters, bytes, non-zeros and operators', (_, file) => {
    const summary = summarizeModel(open(file));
    const expected = reference(file);
    expect(summary.parameters).toBe(expected.parameters);
    expect(summary.nonZeroParameters).toBe(expected.nonZero);
    expect(summary.parametersByType).toEqual(expected.parametersByType);
    expect(summary.weightBytesByType).toEqual(expected.bytesByType);
    expect(summary.ops).toEqual(expected.ops);
    expect(summary.weightBytes).toBe(Object.values(expected.bytesByType).reduce((a, b) => a + b, 0));
  });

  it('counts the 10.7 MB of fp32 weights the PP-OCR recognizer keeps in Constant nodes', () => {
    const summary = summarizeModel(open(PP_OCR_REC));
    expect(summary.weightBytesByType.float).toBeGreaterThan(10.7e6);
    expect(summary.weightBytesByType.float).toBeLessThan(10.8e6);
    expect(summary.parametersByType.float).toBe(2_690_296);
    expect(summary.ops.Constant).toBe(325);
    expect(summary.opsets).toEqual({ '': 9 });
    expect(summary.inputs).toEqual([{ name: 'x', elemType: 'float', shape: ['p2o.DynamicDimension.0', 3, 48, 'p2o.DynamicDimension.1'] }]);
    expect(summary.dynamicShapes).toBe(true);
  });

  it('counts the MACs of the PP-OCR detector at 640 x 640 exactly as python-onnx shape inference does', () => {
    const expected = reference(PP_OCR_DET, 'x', '1,3,640,640');
    expect(expected.macsUnknown).toEqual([]);
    const summary = summarizeModel(open(PP_OCR_DET), { inputShapes: { x: [1, 3, 640, 640] } });
    expect(summary.macs).toBe(expected.macs);
    expect(summary.macs).toBeGreaterThan(2e9);
    expect(summary.macsComplete).toBe(true);
    const withDims = summarizeModel(open(PP_OCR_DET), { dims: { 'p2o.DynamicDimension.0': 1, 'p2o.DynamicDimension.1': 640, 'p2o.DynamicDimension.2': 640 } });
    expect(withDims.macs).toBe(expected.macs);
  });

  it('attributes every weight to the layer that reads it, and knows every activation at a fixed input size', () => {
    const summary = summarizeModel(open(PP_OCR_REC), { inputShapes: { x: [1, 3, 48, 320] } });
    expect(summary.layers.reduce((sum, layer) => sum + layer.weightBytes, 0)).toBe(summary.weightBytes);
    expect(summary.layers.every((layer) => layer.activationBytes !== null && layer.macs !== null)).toBe(true);
    expect(summary.layers.some((layer) => layer.opType === 'Constant')).toBe(false);
    expect(new Set(summary.layers.map((layer) => layer.node)).size).toBe(summary.layers.length);
    const conv = summary.layers.find((layer) => layer.opType === 'Conv') as ModelSummary['layers'][number];
    expect(conv).toMatchObject({ precision: 'fp32', domain: '' });
    expect(conv.weightParams).toBeGreaterThan(0);
    expect(summary.peakActivationBytes).toBeGreaterThan(0);
  });

  it('leaves MACs incomplete when shapes are symbolic', () => {
    const summary = summarizeModel(open(PP_OCR_DET));
    expect(summary.macsComplete).toBe(false);
    expect(summary.layers.find((layer) => layer.opType === 'Conv')?.macs).toBeNull();
  });
});

describe('summarizeModel on quantized layers', () => {
  const int8 = (name: string, dims: number[], data: number[]) => encodeTensor(createTensor({ name, dataType: 'int8', dims, data }));
  const float = (name: string, dims: number[], data: number[]) => encodeTensor(createTensor({ name, dataType: 'float', dims, data }));
  const count = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
  const fill = (dims: number[], value = 1) => new Array(count(dims)).fill(value);

  const summary = summarizeModel(
    readModel(
      modelBytes(
        graph({
          nodes: [
            { op: 'DequantizeLinear', inputs: ['w8', 'scale'], outputs: ['w8_f'] },
            { op: 'Conv', name: 'conv_int8', inputs: ['x', 'w8_f'], outputs: ['conv'], attributes: { pads: { type: 'ints', value: [1, 1, 1, 1] } } },
            { op: 'DequantizeLinear', inputs: ['w4', 'scale4'], outputs: ['w4_f'] },
            { op: 'Reshape', inputs: ['conv', 'flat'], outputs: ['rows'] },
            { op: 'MatMul', name: 'matmul_int4', inputs: ['rows', 'w4_f'], outputs: ['mm'] },
            { op: 'QuantizeLinear', inputs: ['rows', 'scale', 'zp'], outputs: ['rows_q'] },
            { op: 'MatMulInteger', name: 'matmul_integer', inputs: ['rows_q', 'w8b'], outputs: ['mmi'] },
            { op: 'MatMulNBits', domain: 'com.microsoft', name: 'nbits', inputs: ['rows', 'packed', 'nscale'], outputs: ['nb'], attributes: { K: { type: 'int', value: 800 }, N: { type: 'int', value: 8 }, bits: { type: 'int', value: 4 }, block_size: { type: 'int', value: 32 } } },
            { op: 'Gemm', name: 'gemm_fp16', inputs: ['half_in', 'wh'], outputs: ['gh'] },
            { op: 'Relu', name: 'relu', inputs: ['mm'], outputs: ['y'] },
          ],
          inputs: [['x', DataType.FLOAT, [1, 4, 10, 10]], ['half_in', DataType.FLOAT16, [2, 6]]],
          outputs: [['y', DataType.FLOAT, null], ['mmi', DataType.INT32, null], ['nb', DataType.FLOAT, null], ['gh', DataType.FLOAT16, null]],
          initializers: [
            int8('w8', [8, 4, 3, 3], fill([8, 4, 3, 3])),
            float('scale', [], [0.1]),
            encodeTensor(createTensor({ name: 'w4', dataType: 'int4', dims: [800, 8], data: fill([800, 8], -3) })),
            float('scale4', [], [0.5]),
            encodeTensor(createTensor({ name: 'flat', dataType: 'int64', dims: [2], data: [1n, -1n] })),
            encodeTensor(createTensor({ name: 'zp', dataType: 'int8', dims: [], data: [0] })),
            int8('w8b', [800, 8], fill([800, 8], 2)),
            encodeTensor(createTensor({ name: 'packed', dataType: 'uint8', dims: [8, 25, 16], data: fill([8, 25, 16], 0x11) })),
            float('nscale', [200], fill([200], 0.25)),
            encodeTensor(createTensor({ name: 'wh', dataType: 'float16', dims: [6, 3], data: fill([6, 3]) })),
          ],
        }),
        21,
        10,
        [['com.microsoft', 1]],
      ),
    ),
  );
  const layer = (name: string) => summary.layers.find((item) => item.node === name);

  it('counts MACs of convolutions and of float, int4-weight, integer and n-bit matrix products', () => {
    expect(layer('conv_int8')?.macs).toBe(800 * 36);
    expect(layer('matmul_int4')?.macs).toBe(8 * 800);
    expect(layer('matmul_integer')?.macs).toBe(8 * 800);
    expect(layer('nbits')?.macs).toBe(800 * 8);
    expect(layer('gemm_fp16')?.macs).toBe(2 * 3 * 6);
    expect(summary.macs).toBe(800 * 36 + 3 * 8 * 800 + 36);
    expect(summary.macsComplete).toBe(true);
  });

  it('takes the precision of DequantizeLinear-fed weights and of quantized operators', () => {
    expect(layer('conv_int8')?.precision).toBe('int8');
    expect(layer('matmul_int4')?.precision).toBe('int4');
    expect(layer('matmul_integer')?.precision).toBe('int8');
    expect(layer('nbits')?.precision).toBe('int4');
    expect(layer('gemm_fp16')?.precision).toBe('fp16');
    expect(layer('relu')?.precision).toBe('fp32');
  });

  it('folds weight-only nodes into their reader, with the stored (quantized) bytes', () => {
    expect(summary.layers.map((item) => item.opType)).not.toContain('DequantizeLinear');
    expect(layer('conv_int8')).toMatchObject({ weightParams: 288 + 1, weightBytes: 288 + 4 });
    expect(layer('matmul_int4')).toMatchObject({ weightParams: 6400 + 1, weightBytes: 3200 + 4 });
    expect(summary.weightBytesByType).toMatchObject({ int4: 3200, int8: 288 + 6400 + 1, float16: 36 });
  });
});

describe('peak activation memory', () => {
  it('follows the schedule: inputs and outputs of a layer are alive together, values die after their last reader', () => {
    const summary = summarizeModel(
      readModel(
        modelBytes(
          graph({
            nodes: [
              { op: 'Relu', inputs: ['x'], outputs: ['a'] },
              { op: 'Neg', inputs: ['a'], outputs: ['b'] },
              { op: 'Add', inputs: ['a', 'b'], outputs: ['y'] },
            ],
            inputs: [['x', DataType.FLOAT, [1, 1000]]],
            outputs: [['y', DataType.FLOAT, [1, 1000]]],
          }),
        ),
      ),
    );
    expect(summary.peakActivationBytes).toBe(12000);
    expect(summary.layers.map((item) => item.activationBytes)).toEqual([8000, 8000, 12000]);
    expect(summary.dynamicShapes).toBe(false);
  });
});
